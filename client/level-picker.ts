import { chapterTitle, conceptById } from '../shared/concepts.js';
import type { Level } from '../shared/level.js';
import { clock, percent, money } from './format.js';
import { keyHits } from './bars.js';
import { between, BARS, centred, type Frame, type Hit } from './frame.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Widest the picker gets on a big screen. */
const PICKER_WIDTH = 96;
/** Lines kept for the chosen level's lesson under the list. */
const LESSON_LINES = 6;

export interface PickerScreenState {
  index: number;
}

type LevelPickerResult = { type: 'stay'; state: PickerScreenState } | { type: 'play'; level: Level } | { type: 'quit' };

/** Up/Down choose, Enter plays, q quits; Esc stays (it never quits). */
export function levelPickerKey(levels: readonly Level[], s: PickerScreenState, key: string): LevelPickerResult {
  switch (key) {
    case 'up':
    case 'k':
      return { type: 'stay', state: { index: Math.max(0, s.index - 1) } };
    case 'down':
    case 'j':
      return { type: 'stay', state: { index: Math.min(levels.length - 1, s.index + 1) } };
    case 'enter':
    case ' ': {
      const level = levels[s.index];
      return level ? { type: 'play', level } : { type: 'stay', state: s };
    }
    case 'q':
    case 'C-c':
      return { type: 'quit' };
    default:
      if (/^[1-9]$/.test(key) && Number(key) <= levels.length) return { type: 'stay', state: { index: Number(key) - 1 } };
      // A click on a row of the list (its hit), whatever its number.
      if (/^pick:\d+$/.test(key) && Number(key.slice(5)) < levels.length) return { type: 'stay', state: { index: Number(key.slice(5)) } };
      return { type: 'stay', state: s };
  }
}

/** Length, target and budget in a fixed-width column after the titles. */
function levelFacts(level: Level): string {
  return `${clock(level.durationSeconds).padStart(5)}  ${percent(level.target, 1).padStart(6)}  $${money(level.budget)}`;
}

function levelLine(level: Level, i: number, chosen: boolean, done: boolean, titleWidth: number): Line {
  return [
    seg(chosen ? '>' : ' ', 'cursor'),
    seg(` ${String(i + 1).padStart(2)}. `, 'muted'),
    seg(done ? '+ ' : '  ', 'ok'),
    seg(level.title.padEnd(titleWidth), chosen ? 'cursor' : 'normal'),
    seg(`  ${levelFacts(level)}`, 'muted'),
  ];
}

/** Width of the number, mark and facts around a level's title in its line. */
const LINE_FRAME = 8 + 2 + levelFacts({ durationSeconds: 3_600, target: 0.999, budget: 99_999 } as Level).length;
/** Lines of the box that are not level rows: the heading and a gap, the column titles, the legend and a gap, the border. */
const FIXED_LINES = 7;
/** Lesson lines kept at least, however small the screen. */
const MIN_LESSON_LINES = 2;

/** The chosen level's chapter and the concepts it teaches, in one line. */
function teaches(level: Level): string {
  const names = level.concepts.map((id) => conceptById(id)?.name ?? id);
  return `${chapterTitle(level.chapter!)}${names.length ? `: ${names.join(', ')}` : ''}`;
}

/** Cuts a title to `width`, marking the cut. */
function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}\u2026`;
}

/**
 * The levels in curriculum order (the tutorial first), completed ones marked, the chosen one's lesson
 * below. On a small screen the list shows a window around the chosen level, titles are cut before the
 * facts are, and the lesson keeps a few lines.
 */
export function levelPickerScreen(levels: readonly Level[], completed: ReadonlySet<string>, s: PickerScreenState, cols: number, rows: number): Frame {
  const rect = between(centred(cols, rows - BARS, PICKER_WIDTH, levels.length + LESSON_LINES + FIXED_LINES + 1));
  const width = rect.width - 2;
  const chosen = levels[s.index];
  const titleWidth = Math.max(0, Math.min(Math.max(0, ...levels.map((l) => l.title.length)), width - LINE_FRAME));
  const lesson = chosen ? [...(chosen.chapter ? [teaches(chosen)] : []), ...wrapText(chosen.description, width)] : [];
  const listRoom = Math.max(1, rect.height - FIXED_LINES - Math.min(lesson.length, MIN_LESSON_LINES));
  const shown = Math.min(levels.length, listRoom);
  const first = Math.max(0, Math.min(s.index - Math.floor(shown / 2), levels.length - shown));
  const visible = levels.slice(first, first + shown);
  const lessonRoom = Math.max(0, rect.height - FIXED_LINES - shown);
  const lines: Line[] = [
    [seg('Keep a service up. Pick a level:', 'title')],
    [],
    [seg(`${' '.repeat(8 + titleWidth)}  ${'time'.padStart(5)}  ${'target'.padStart(6)}  budget`, 'muted')],
    ...visible.map((l, i) => levelLine({ ...l, title: clip(l.title, titleWidth) }, first + i, first + i === s.index, completed.has(l.id), titleWidth)),
    [seg('+ passed', 'ok'), ...(shown < levels.length ? [seg(`   ${first + 1}-${first + shown} of ${levels.length}`, 'muted')] : [])],
    [],
    ...lesson.slice(0, Math.min(LESSON_LINES, lessonRoom)).map((t) => [seg(t, 'muted')]),
  ];
  const listTop = rect.top + 1 + 3;
  const rowHits: Hit[] = visible.map((_, i) => ({ y: listTop + i, x0: rect.left + 1, x1: rect.left + rect.width - 1, key: first + i === s.index ? 'enter' : `pick:${first + i}` }));
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
