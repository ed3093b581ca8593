import { chapterTitle } from '../shared/concepts.js';
import type { Level } from '../shared/level.js';
import { MAX_STARS } from '../shared/scoring.js';
import { clock, percent, money } from './format.js';
import { keyHits } from './bars.js';
import { between, BARS, centred, type Frame, type Hit } from './frame.js';
import { conceptNames, inPickerOrder, pickerRows, windowStart } from './picker-rows.js';
import type { BestResult } from './progress.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Widest the picker gets on a big screen: room for the facts and the concepts beside the titles. */
const PICKER_WIDTH = 150;
/** Lines kept for the chosen level's lesson under the list. */
const LESSON_LINES = 6;
/** Width of the cursor, the number and the passed mark before a title. */
const LEAD = 8;
/** Width of the best availability and the stars after a title. */
const RESULT_WIDTH = 2 + 7 + 1 + 2 + MAX_STARS;
/** Narrowest the titles are cut to, however small the screen. */
const MIN_TITLE = 16;
/** Room kept for a row's concepts: the facts (time, target, budget) give way first. */
const MIN_CONCEPTS = 24;
/** Lines of the box that are not list rows: the heading and a gap, the column titles, the legend and a gap, the border. */
const FIXED_LINES = 7;
/** Lesson lines kept at least, however small the screen. */
const MIN_LESSON_LINES = 3;

export interface PickerScreenState {
  /** The chosen level, in the picker's order (chapter by chapter). */
  index: number;
}

/** What the player did before: the levels passed and each one's best game. */
interface PickerProgress {
  completed: ReadonlySet<string>;
  bests: ReadonlyMap<string, BestResult>;
}

type LevelPickerResult = { type: 'stay'; state: PickerScreenState } | { type: 'play'; level: Level } | { type: 'quit' };

/** Up/Down choose, Enter plays, q quits; Esc stays (it never quits). Numbers count in the picker's order. */
export function levelPickerKey(levels: readonly Level[], s: PickerScreenState, key: string): LevelPickerResult {
  const ordered = inPickerOrder(levels);
  switch (key) {
    case 'up':
    case 'k':
      return { type: 'stay', state: { index: Math.max(0, s.index - 1) } };
    case 'down':
    case 'j':
      return { type: 'stay', state: { index: Math.min(ordered.length - 1, s.index + 1) } };
    case 'enter':
    case ' ': {
      const level = ordered[s.index];
      return level ? { type: 'play', level } : { type: 'stay', state: s };
    }
    case 'q':
    case 'C-c':
      return { type: 'quit' };
    default:
      if (/^[1-9]$/.test(key) && Number(key) <= ordered.length) return { type: 'stay', state: { index: Number(key) - 1 } };
      // A click on a row of the list (its hit), whatever its number.
      if (/^pick:\d+$/.test(key) && Number(key.slice(5)) < ordered.length) return { type: 'stay', state: { index: Number(key.slice(5)) } };
      return { type: 'stay', state: s };
  }
}

/** Length, target and budget, each in a fixed-width column. */
function levelFacts(level: Level): string {
  return `${clock(level.durationSeconds).padStart(5)}  ${percent(level.target, 1).padStart(6)}  $${money(level.budget)}`;
}

/** The best game's availability and stars, or a dash for a level not played yet. */
function resultCells(best: BestResult | undefined): string {
  if (!best) return `  ${'-'.padStart(7)} ${' '.repeat(2 + MAX_STARS)}`;
  return `  ${percent(best.availability, 2).padStart(7)} [${'*'.repeat(best.stars)}${'-'.repeat(MAX_STARS - best.stars)}]`;
}

/** Cuts a text to `width`, marking the cut. */
function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}\u2026`;
}

interface Columns { title: number; facts: number; concepts: number }

/** Titles as wide as the longest (cut on a small screen), the facts only where the concepts keep their room. */
function columns(levels: readonly Level[], width: number): Columns {
  const title = Math.max(0, Math.min(Math.max(0, ...levels.map((l) => l.title.length)), Math.max(MIN_TITLE, width - LEAD - RESULT_WIDTH - 2 - MIN_CONCEPTS)));
  const factsWidth = 2 + Math.max(0, ...levels.map((l) => levelFacts(l).length));
  const rest = width - LEAD - title - RESULT_WIDTH - 2;
  const facts = rest - factsWidth >= MIN_CONCEPTS ? factsWidth : 0;
  return { title, facts, concepts: Math.max(0, rest - facts) };
}

function levelLine(level: Level, i: number, chosen: boolean, progress: PickerProgress, c: Columns): Line {
  return [
    seg(chosen ? '>' : ' ', 'cursor'),
    seg(` ${String(i + 1).padStart(2)}. `, 'muted'),
    seg(progress.completed.has(level.id) ? '+ ' : '  ', 'ok'),
    seg(clip(level.title, c.title).padEnd(c.title), chosen ? 'cursor' : 'normal'),
    seg(resultCells(progress.bests.get(level.id)), progress.bests.get(level.id)?.passed ? 'ok' : 'muted'),
    ...(c.facts ? [seg(`  ${levelFacts(level)}`.padEnd(c.facts), 'muted')] : []),
    seg(`  ${clip(conceptNames(level), c.concepts)}`, 'muted'),
  ];
}

function headerLine(c: Columns): Line {
  const facts = c.facts ? `  ${'time'.padStart(5)}  ${'target'.padStart(6)}  budget`.padEnd(c.facts) : '';
  return [seg(`${' '.repeat(LEAD + c.title)}  ${'best'.padStart(7)} ${'stars'.padEnd(2 + MAX_STARS)}${facts}  concepts`, 'muted')];
}

/** The chosen level's chapter and concepts, its facts and best game, then its lesson. */
function lessonLines(level: Level | undefined, best: BestResult | undefined, width: number): string[] {
  if (!level) return [];
  const concepts = conceptNames(level);
  const teaches = level.chapter ? `${chapterTitle(level.chapter)}${concepts ? `: ${concepts}` : ''}` : concepts;
  const facts = `${clock(level.durationSeconds)} long, target ${percent(level.target, 1)}, budget $${money(level.budget)}${best ? `; best ${percent(best.availability, 2)}, ${best.stars} of ${MAX_STARS} stars` : ''}`;
  return [...(teaches ? [clip(teaches, width)] : []), facts, ...wrapText(level.description, width)];
}

/**
 * The levels chapter by chapter (a heading line before each), the passed ones marked, each with its
 * best game, stars and concepts, the chosen one's lesson below. On a small screen the list shows a
 * window around the chosen level, titles are cut before the concepts are, the facts move to the
 * lesson, and the lesson keeps a few lines.
 */
export function levelPickerScreen(levels: readonly Level[], progress: PickerProgress, s: PickerScreenState, cols: number, rows: number): Frame {
  const ordered = inPickerOrder(levels);
  const list = pickerRows(ordered);
  const rect = between(centred(cols, rows - BARS, PICKER_WIDTH, list.length + LESSON_LINES + FIXED_LINES + 1));
  const width = rect.width - 2;
  const c = columns(ordered, width);
  const chosen = ordered[s.index];
  const lesson = lessonLines(chosen, chosen && progress.bests.get(chosen.id), width);
  const listRoom = Math.max(1, rect.height - FIXED_LINES - Math.min(lesson.length, MIN_LESSON_LINES));
  const shown = Math.min(list.length, listRoom);
  const at = list.findIndex((r) => r.type === 'level' && r.index === s.index);
  const first = windowStart(list.length, shown, Math.max(0, at));
  const visible = list.slice(first, first + shown);
  const levelIndices = visible.flatMap((r) => (r.type === 'level' ? [r.index] : []));
  const lessonRoom = Math.max(0, rect.height - FIXED_LINES - shown);
  const windowed = shown < list.length && levelIndices.length ? [seg(`   levels ${levelIndices[0]! + 1}-${levelIndices.at(-1)! + 1} of ${ordered.length}`, 'muted')] : [];
  const lines: Line[] = [
    [seg('Keep a service up. Pick a level:', 'title')],
    [],
    headerLine(c),
    ...visible.map((r): Line => (r.type === 'chapter' ? [seg(r.title, 'title')] : levelLine(r.level, r.index, r.index === s.index, progress, c))),
    [seg('+ passed', 'ok'), seg(`  [${'*'.repeat(MAX_STARS)}] stars of your best game`, 'muted'), ...windowed],
    [],
    ...lesson.slice(0, Math.min(LESSON_LINES, lessonRoom)).map((t) => [seg(t, 'muted')]),
  ];
  const listTop = rect.top + 1 + 3;
  const rowHits: Hit[] = visible.flatMap((r, i) => (r.type === 'level' ? [{ y: listTop + i, x0: rect.left + 1, x1: rect.left + rect.width - 1, key: r.index === s.index ? 'enter' : `pick:${r.index}` }] : []));
  const hints: Line = [seg(' Up/Down', 'key'), seg(' choose  ', 'muted'), seg('Enter', 'key'), seg(' play  ', 'muted'), seg('q', 'key'), seg(' quit', 'muted')];
  return {
    boxes: [
      { id: 'top', left: 0, top: 0, width: cols, height: 1, border: false, lines: [fit([seg(' nines', 'title'), seg(' \u2502 levels', 'muted')], cols)] },
      { id: 'levels', ...rect, border: true, focused: true, title: 'Levels', lines: lines.map((l) => fit(l, width)) },
      { id: 'bottom', left: 0, top: rows - 1, width: cols, height: 1, border: false, lines: [fit(hints, cols)] },
    ],
    // A click chooses a level, a click on the chosen one plays it.
    hits: [...rowHits, ...keyHits(hints, rows - 1)],
  };
}
