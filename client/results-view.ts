import { guideVerdictText, type GuideVerdict } from './guide.js';
import type { Debrief } from '../shared/debrief/schema.js';
import type { Level } from '../shared/level.js';
import { FAILURE_REASONS } from '../shared/reasons.js';
import { SCORE_FORMULA } from '../shared/scoring.js';
import { compact, money, percent, wholePercent } from './format.js';
import { columnCell } from './sparkline.js';
import { between, BARS, centred, type Frame } from './frame.js';
import type { GameResults } from './session.js';
import { keyHits } from './bars.js';
import { fit, seg, wrapText, type Line } from './styled.js';
import { bestWhatIf, starsText, verdict } from './results-words.js';

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

type ResultsChoice = 'again' | 'next' | 'levels' | 'quit';

/**
 * What the player may do next: solo, play again or on; in a room, wait for the host's next round,
 * unless the connection is down (`down` says why: the host closed the room...).
 */
/** What comes after the results: solo's choices, a room's next round, or the end of a replay (`nines replay`). */
export type AfterResults = { type: 'solo'; hasNext: boolean } | { type: 'room'; down?: string } | { type: 'replay' };

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

/** The room's best and the player's own line, each tie with its tie-break. */
function standingsLines(r: GameResults): Line[] {
  const shown = r.standings.filter((s) => s.rank <= STANDINGS_SHOWN || s.you);
  const nameWidth = Math.max(...shown.map((s) => s.name.length));
  return shown.map((s) => field(
    '',
    seg(s.you ? '>' : ' ', 'accent'),
    seg(`${String(s.rank).padStart(2)}${s.tie ? '=' : '.'} `, 'muted'),
    seg(s.name.padEnd(nameWidth), s.you ? 'accent' : 'normal'),
    seg(`  ${percent(s.availability).padStart(7)}  ${String(s.score).padStart(5)}  `),
    s.passed ? seg('passed', 'ok') : s.complete ? seg('failed', 'bad') : seg('ended early', 'warn'),
    ...(s.tie ? [seg(`  ${s.tie}`, 'muted')] : []),
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

/** A styled line wrapped under its label: the first piece keeps its style, the words after it wrap in the normal style. */
function wrapLine(label: string, line: Line, width: number): Line[] {
  const [head, ...rest] = line;
  const text = [head?.text ?? '', ...rest.map((x) => x.text)].join('');
  return wrapText(text, Math.max(10, width - LABEL)).map((t, i) => {
    if (i > 0 || !head || !t.startsWith(head.text)) return field(i === 0 ? label : '', seg(t));
    return field(label, seg(head.text, head.style), seg(t.slice(head.text.length)));
  });
}

const wrappedField = (label: string, text: string, width: number, style?: 'bad' | 'ok' | 'muted') =>
  wrapText(text, Math.max(10, width - LABEL)).map((t, i) => field(i === 0 ? label : '', seg(t, style)));

/** What the debrief says first: the first incident, and the best what-if or why no change would have helped. */
export function debriefHead(d: Debrief, width: number): Line[] {
  const lines: Line[] = [];
  const first = d.incidents[0];
  lines.push(...wrappedField(first ? 'Incident' : 'Incidents', first ? first.text : d.headline, width, first ? undefined : 'ok'));
  const best = bestWhatIf(d);
  if (best) lines.push(...wrappedField('What if', best.text, width, best.availability >= d.target ? 'ok' : undefined));
  else if (d.noWhatIf) lines.push(...wrappedField('What if', `nothing to suggest: ${d.noWhatIf}`, width, 'muted'));
  return lines;
}

/** The rest of the debrief: availability over time with the events, then the other incidents and what-ifs. */
export function debriefLines(d: Debrief, width: number): Line[] {
  const inner = Math.max(10, width - LABEL);
  const lines: Line[] = [field('Over time', ...availabilityStrip(d, inner)), field('', ...eventMarks(d, inner))];
  for (const incident of d.incidents.slice(1, DEBRIEF_SHOWN)) lines.push(...wrappedField('Incident', incident.text, width));
  const best = bestWhatIf(d);
  for (const w of d.whatIfs.filter((x) => x !== best).slice(0, DEBRIEF_SHOWN - 1)) lines.push(...wrappedField('What if', w.text, width, w.availability >= d.target ? 'ok' : undefined));
  return lines;
}

function nextLine(after: AfterResults, scrolls: boolean): Line {
  const scroll = scrolls ? [seg('Up/Down', 'key'), seg(' more   ')] : [];
  if (after.type === 'replay') return [seg('the end of the replay', 'muted'), seg('   '), ...scroll, seg('q', 'key'), seg(' quit')];
  if (after.type === 'room') return [seg(after.down ?? 'the host starts the next round', after.down ? 'bad' : 'muted'), seg('   '), ...scroll, seg('q', 'key'), seg(' quit')];
  return [...scroll, seg('Enter', 'key'), seg(' play again   '), ...(after.hasNext ? [seg('n', 'key'), seg(' next level   ')] : []), seg('l', 'key'), seg(' levels   '), seg('q', 'key'), seg(' quit')];
}

/** The results' content, most important first: the verdict, the stars, the first incident and the best what-if. */
function resultsLines(level: Level, r: GameResults, width: number, debrief: Debrief | undefined): Line[] {
  const res = r.result;
  const reasons = FAILURE_REASONS.map((reason, i) => ({ reason, i, n: res.failed[reason] })).filter((x) => x.n >= 0.5).sort((a, b) => b.n - a.n).slice(0, TOP_REASONS);
  const { stars, missed } = starsText(level, r);
  const own = r.standings.find((s) => s.you);
  const lines: Line[] = [
    [seg(level.title, 'title'), ...(r.difficulty === undefined ? [] : [seg(`  (${r.difficulty})`, 'muted')])],
    [],
    ...wrapLine('Result', verdict(level, r), width),
    ...wrapText(`${stars}${missed ? `: ${missed}` : ''}`, Math.max(10, width - LABEL)).map((t, i) => field(i === 0 ? 'Stars' : '', seg(t, 'warn'))),
    ...(debrief ? debriefHead(debrief, width) : []),
    [],
    field('Availability', seg(percent(res.availability), res.availability >= level.target ? 'ok' : 'bad'), seg(` (target ${percent(level.target, 1)})`, 'muted')),
    field('Cost', seg(`${money(res.cost)} of ${money(level.budget)} (${wholePercent(res.cost / level.budget)})`, res.cost > level.budget ? 'bad' : 'normal')),
    field('Score', seg(String(res.score), 'title'), seg('  (the formula is at the end)', 'muted')),
    field('Rank', seg(`${r.rank} of ${r.players}`), ...(own?.tie ? [seg(`  ${own.tie}`, 'muted')] : [])),
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
  return lines;
}

/** A results frame, and how far it scrolls: `scroll` is the first content line shown, clamped to what there is. */
interface ResultsFrame extends Frame {
  scroll: number;
  maxScroll: number;
  /** Content lines in view: what PgUp and PgDn move by. */
  page: number;
}

/** Up/Down a line, PgUp/PgDn a page, g/G the top and the end, the mouse wheel three lines: the new first line, or undefined for another key. */
export function resultsScrollKey(key: string, scroll: number, page: number, maxScroll: number): number | undefined {
  const to = (n: number) => Math.max(0, Math.min(maxScroll, n));
  switch (key) {
    case 'up': case 'k': return to(scroll - 1);
    case 'down': case 'j': return to(scroll + 1);
    case 'pageup': return to(scroll - Math.max(1, page - 1));
    case 'pagedown': case ' ': return to(scroll + Math.max(1, page - 1));
    case 'g': case 'home': return 0;
    case 'G': case 'end': return maxScroll;
    case 'wheelup': return to(scroll - WHEEL_LINES);
    case 'wheeldown': return to(scroll + WHEEL_LINES);
    default: return undefined;
  }
}

/** Lines a turn of the mouse wheel scrolls. */
const WHEEL_LINES = 3;

/** Pass or fail and why, the stars and what each missed one needed, the debrief's lesson, then the numbers, the room, what failed where and the formula; scrolls when it does not fit. */
export function resultsScreen(level: Level, r: GameResults, after: AfterResults, cols: number, rows: number, debrief?: Debrief, scroll = 0, guide?: GuideVerdict): ResultsFrame {
  const width = Math.min(cols, RESULTS_WIDTH) - 2;
  const content = resultsLines(level, r, width, debrief);
  if (guide) {
    // Under the verdict: a tutorial is passed by doing its steps, and this says which one was not.
    const g = guideVerdictText(guide);
    content.splice(2, 0, ...wrapText(g.text, Math.max(10, width - LABEL)).map((t, i) => field(i === 0 ? 'Tutorial' : '', seg(t, g.ok ? 'ok' : 'bad'))));
  }
  // The content, a blank line and the choices, inside the border.
  const rect = between(centred(cols, rows - BARS, RESULTS_WIDTH, content.length + 4));
  const page = Math.max(1, rect.height - 4);
  const maxScroll = Math.max(0, content.length - page);
  const top = Math.max(0, Math.min(maxScroll, scroll));
  const scrolls = maxScroll > 0;
  const shown = content.slice(top, top + page);
  while (shown.length < page) shown.push([]);
  const lines = [...shown, [], nextLine(after, scrolls)].map((l) => fit(l, rect.width - 2));
  const buttons = lines.length - 1;
  const title = scrolls ? `Results, lines ${top + 1}-${top + page} of ${content.length}` : 'Results';
  return {
    boxes: [
      { id: 'top', left: 0, top: 0, width: cols, height: 1, border: false, lines: [fit([seg(' nines', 'title'), seg(' \u2502 results', 'muted')], cols)] },
      { id: 'results', ...rect, border: true, focused: true, title, lines },
    ],
    hits: keyHits(lines[buttons] ?? [], rect.top + 1 + buttons, rect.left + 1),
    scroll: top, maxScroll, page,
  };
}
