import type { Level } from '../shared/level.js';
import { FAILURE_REASONS } from '../shared/reasons.js';
import { MAX_STARS, SCORE_FORMULA } from '../shared/scoring.js';
import { compact, money, percent, wholePercent } from './format.js';
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

export type ResultsChoice = 'again' | 'next' | 'levels' | 'quit';

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

function resultsLines(level: Level, r: GameResults, hasNext: boolean, width: number): Line[] {
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
    ...wrapText(SCORE_FORMULA, Math.max(10, width - LABEL)).map((t) => field('', seg(t, 'muted'))),
    [],
  ];
  if (!reasons.length) lines.push(field('What failed', seg('nothing', 'ok')));
  else {
    lines.push(field('What failed', seg('reason'.padEnd(16), 'muted'), seg('requests'.padStart(9), 'muted'), seg('  most at', 'muted')));
    for (const x of reasons) lines.push(field('', seg(x.reason.padEnd(16), 'bad'), seg(compact(x.n).padStart(9)), seg(`  ${blamed(r, x.i)}`)));
  }
  lines.push([], [seg('Enter', 'key'), seg(' play again   '), ...(hasNext ? [seg('n', 'key'), seg(' next level   ')] : []), seg('l', 'key'), seg(' levels   '), seg('q', 'key'), seg(' quit')]);
  return lines.map((l) => fit(l, width));
}

/** Pass or fail and why, availability, cost, score and stars, rank, the formula, what failed where. */
export function resultsScreen(level: Level, r: GameResults, hasNext: boolean, cols: number, rows: number): Frame {
  const probe = resultsLines(level, r, hasNext, Math.min(cols, RESULTS_WIDTH) - 2);
  const rect = between(centred(cols, rows - BARS, RESULTS_WIDTH, probe.length + 2));
  const lines = resultsLines(level, r, hasNext, rect.width - 2);
  const buttons = Math.min(lines.length, rect.height - 2) - 1;
  return {
    boxes: [
      { id: 'top', left: 0, top: 0, width: cols, height: 1, border: false, lines: [fit([seg(' nines', 'title'), seg(' \u2502 results', 'muted')], cols)] },
      { id: 'results', ...rect, border: true, focused: true, title: 'Results', lines },
    ],
    hits: keyHits(lines[buttons] ?? [], rect.top + 1 + buttons, rect.left + 1),
  };
}
