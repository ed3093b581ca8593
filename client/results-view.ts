import type { Debrief } from '../shared/debrief/schema.js';
import type { Level } from '../shared/level.js';
import { FAILURE_REASONS } from '../shared/reasons.js';
import { MAX_STARS, SCORE_FORMULA } from '../shared/scoring.js';
import { compact, money, percent, wholePercent } from './format.js';
import { columnCell } from './sparkline.js';
import { between, BARS, centred, type Frame } from './frame.js';
import type { GameResults } from './session.js';
import { keyHits } from './bars.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Widest the results box gets. */
const RESULTS_WIDTH = 90;
/** Failure reasons listed, and nodes named per reason. */
const TOP_REASONS = 4;
const TOP_NODES = 3;
/** Label column width. */
const LABEL = 14;
/** Players of the room listed under a multiplayer round's results (the player's own row besides). */
const STANDINGS_SHOWN = 5;
/** Incidents and what-ifs of the debrief shown; the export has them all. */
const DEBRIEF_SHOWN = 2;

export type ResultsChoice = 'again' | 'next' | 'levels' | 'quit';

/**
 * What the player may do next: solo, play again or on; in a room, wait for the host's next round,
 * unless the connection is down (`down` says why: the host closed the room...).
 */
export type AfterResults = { type: 'solo'; hasNext: boolean } | { type: 'room'; down?: string };

/** Enter or r plays again, n the next level, l the level list, q quits. */
export function resultsKey(key: string, hasNext: boolean): ResultsChoice | undefined {
  switch (key) {
    case 'enter':
    case 'r':
      return 'again';
    case 'n':
      return hasNext ? 'next' : undefined;
    case 'l':
    case 'escape':
      return 'levels';
    case 'q':
    case 'C-c':
      return 'quit';
    default:
      return undefined;
  }
}

const field = (label: string, ...rest: Line): Line => [seg(label.padEnd(LABEL), 'muted'), ...rest];

/** The nodes that failed the most requests for a reason, biggest first. */
function blamed(r: GameResults, reasonIndex: number): string {
  return Object.entries(r.failedByNode)
    .map(([id, row]) => [id, row[reasonIndex] ?? 0] as const)
    .filter(([, n]) => n >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP_NODES)
    .map(([id, n]) => `${id} ${compact(n)}`)
    .join(', ');
}

function verdict(level: Level, r: GameResults): Line {
  const res = r.result;
  if (res.passed) return [seg('+ PASSED', 'ok')];
  const why: string[] = [];
  if (res.cost > level.budget) why.push(`cost ${money(res.cost)} is over the ${money(level.budget)} budget`);
  if (res.availability < level.target || !why.length) why.push(`availability ${percent(res.availability)} is below the ${percent(level.target, 1)} target`);
  return [seg('x FAILED', 'bad'), seg(`: ${why.join('; ')}`)];
}

/** The room's best and the player's own line. */
function standingsLines(r: GameResults): Line[] {
  const shown = r.standings.filter((s) => s.rank <= STANDINGS_SHOWN || s.you);
  const nameWidth = Math.max(...shown.map((s) => s.name.length));
  return shown.map((s) => field(
    '',
    seg(s.you ? '>' : ' ', 'accent'),
    seg(`${String(s.rank).padStart(2)}. `, 'muted'),
    seg(s.name.padEnd(nameWidth), s.you ? 'accent' : 'normal'),
    seg(`  ${percent(s.availability).padStart(7)}  ${String(s.score).padStart(5)}  `),
    s.passed ? seg('passed', 'ok') : seg('failed', 'bad'),
  ));
}

/** Places on a series' podium. */
const PODIUM = 3;

/** In a series of levels: the cumulative top three (and the player's own place) after this round. */
function podiumLines(s: NonNullable<GameResults['series']>): Line[] {
  const shown = s.totals.filter((t) => t.rank <= PODIUM || t.you);
  return [
    field(s.final ? 'Final podium' : 'Series', seg(s.final ? `after ${s.of} levels` : `level ${s.level} of ${s.of}, points so far`, 'muted')),
    ...shown.map((t) => field('', seg(t.you ? '>' : ' ', 'accent'), seg(`${String(t.rank).padStart(2)}. `, 'muted'), seg(t.name, t.you ? 'accent' : 'title'), seg(`  ${t.score} points in ${t.rounds} round(s)`))),
  ];
}

/**
 * Availability over the game as one line of columns, each the worst second it covers: full at or
 * above the target, lower and red below it.
 */
function availabilityStrip(d: Debrief, width: number): Line {
  const values = d.timeline.availability;
  const columns = Math.max(1, Math.min(width, values.length));
  const line: Line = [];
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * values.length) / columns));
    const worst = Math.min(...values.slice(from, to));
    const ok = worst >= d.target;
    const glyph = columnCell(ok ? 1 : Math.max(0.05, worst / d.target));
    const last = line[line.length - 1];
    if (last && last.style === (ok ? 'ok' : 'bad')) last.text += glyph;
    else line.push(seg(glyph, ok ? 'ok' : 'bad'));
  }
  return line;
}

/** A caret under each event's start on the strip, with its name where it fits. */
function eventMarks(d: Debrief, width: number): Line {
  const seconds = d.timeline.availability.length * d.timeline.secondsPerSample;
  const columns = Math.max(1, Math.min(width, d.timeline.availability.length));
  let text = '';
  for (const e of d.events) {
    const at = Math.min(columns - 1, Math.floor((e.at / seconds) * columns));
    if (at < text.length) continue;
    text = `${text.padEnd(at)}^ ${e.name}${e.live ? ' (live)' : ''} `;
  }
  return [seg(text.slice(0, width).trimEnd(), 'muted')];
}

/** The debrief: availability over time with the events, the first incidents and what one change would have done. */
export function debriefLines(d: Debrief, width: number): Line[] {
  const inner = Math.max(10, width - LABEL);
  const wrapped = (label: string, text: string, style?: 'bad' | 'ok') => wrapText(text, inner).map((t, i) => field(i === 0 ? label : '', seg(t, style)));
  const lines: Line[] = [field('Over time', ...availabilityStrip(d, inner)), field('', ...eventMarks(d, inner))];
  if (!d.incidents.length) lines.push(...wrapped('Incidents', d.headline, 'ok'));
  for (const incident of d.incidents.slice(0, DEBRIEF_SHOWN)) lines.push(...wrapped('Incident', incident.text));
  for (const w of d.whatIfs.slice(0, DEBRIEF_SHOWN)) lines.push(...wrapped('What if', w.text, w.availability >= d.target ? 'ok' : undefined));
  return lines;
}

function nextLine(after: AfterResults): Line {
  if (after.type === 'room') return [seg(after.down ?? 'the host starts the next round', after.down ? 'bad' : 'muted'), seg('   '), seg('q', 'key'), seg(' quit')];
  return [seg('Enter', 'key'), seg(' play again   '), ...(after.hasNext ? [seg('n', 'key'), seg(' next level   ')] : []), seg('l', 'key'), seg(' levels   '), seg('q', 'key'), seg(' quit')];
}

/** The results, most important first; the choices that follow stay on the last line whatever the height. */
function resultsLines(level: Level, r: GameResults, after: AfterResults, width: number, height: number, debrief: Debrief | undefined): Line[] {
  const res = r.result;
  const stars = '*'.repeat(res.stars) + '-'.repeat(MAX_STARS - res.stars);
  const reasons = FAILURE_REASONS.map((reason, i) => ({ reason, i, n: res.failed[reason] })).filter((x) => x.n >= 0.5).sort((a, b) => b.n - a.n).slice(0, TOP_REASONS);
  const lines: Line[] = [
    [seg(level.title, 'title')],
    [],
    field('Result', ...verdict(level, r)),
    field('Availability', seg(percent(res.availability), res.availability >= level.target ? 'ok' : 'bad'), seg(` (target ${percent(level.target, 1)})`, 'muted')),
    field('Cost', seg(`${money(res.cost)} of ${money(level.budget)} (${wholePercent(res.cost / level.budget)})`, res.cost > level.budget ? 'bad' : 'normal')),
    field('Score', seg(String(res.score), 'title'), seg(`  stars [${stars}] ${res.stars} of ${MAX_STARS}`, 'warn')),
    field('Rank', seg(`${r.rank} of ${r.players}`)),
    ...(r.players > 1 ? standingsLines(r) : []),
    ...(r.series ? podiumLines(r.series) : []),
    [],
  ];
  if (!reasons.length) lines.push(field('What failed', seg('nothing', 'ok')));
  else {
    lines.push(field('What failed', seg('reason'.padEnd(16), 'muted'), seg('requests'.padStart(9), 'muted'), seg('  most at', 'muted')));
    for (const x of reasons) lines.push(field('', seg(x.reason.padEnd(16), 'bad'), seg(compact(x.n).padStart(9)), seg(`  ${blamed(r, x.i)}`)));
  }
  if (debrief) lines.push([], ...debriefLines(debrief, width));
  lines.push([], ...wrapText(SCORE_FORMULA, Math.max(10, width - LABEL)).map((t) => field('', seg(t, 'muted'))));
  return [...lines.slice(0, Math.max(0, height - 2)), [], nextLine(after)].map((l) => fit(l, width));
}

/** Pass or fail and why, availability, cost, score and stars, rank, the formula, what failed where, the room's best, and the debrief once the server sent it. */
export function resultsScreen(level: Level, r: GameResults, after: AfterResults, cols: number, rows: number, debrief?: Debrief): Frame {
  const probe = resultsLines(level, r, after, Math.min(cols, RESULTS_WIDTH) - 2, Number.POSITIVE_INFINITY, debrief);
  const rect = between(centred(cols, rows - BARS, RESULTS_WIDTH, probe.length + 2));
  const lines = resultsLines(level, r, after, rect.width - 2, rect.height - 2, debrief);
  const buttons = lines.length - 1;
  return {
    boxes: [
      { id: 'top', left: 0, top: 0, width: cols, height: 1, border: false, lines: [fit([seg(' nines', 'title'), seg(' \u2502 results', 'muted')], cols)] },
      { id: 'results', ...rect, border: true, focused: true, title: 'Results', lines },
    ],
    hits: keyHits(lines[buttons] ?? [], rect.top + 1 + buttons, rect.left + 1),
  };
}
