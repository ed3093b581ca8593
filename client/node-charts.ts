import { FAILURE_REASONS } from '../shared/reasons.js';
import { compact } from './format.js';
import type { NodeHistory } from './game-model.js';
import { sparkline } from './sparkline.js';
import { seg, type Line, type Style } from './styled.js';

/** Seconds of history the inspector draws. */
const HISTORY_SECONDS = 60;
/** Narrowest sparkline worth sharing a line with its words; narrower, the words go below it. */
const MIN_SPARK = 10;

/** The inspector's charts of a node's last minute, one column a second, with their labels `label` wide. */
export function chartLines(h: NodeHistory | undefined, width: number, label: number): Line[] {
  if (!h) return [];
  const room = Math.max(1, width - label);
  const w = Math.min(HISTORY_SECONDS, room);
  const field = (name: string, ...rest: Line): Line => [seg(name.padEnd(label), 'muted'), ...rest];
  /** A sparkline and what it shows now, on one line when both fit, else the words on the next. */
  const chart = (name: string, values: number[], words: string, style: Style): Line[] => {
    const beside = Math.min(HISTORY_SECONDS, room - words.length - 1);
    if (beside >= MIN_SPARK) return [field(name, seg(sparkline(values, beside, true), style), seg(` ${words}`, style))];
    return [field(name, seg(sparkline(values, w, true), style)), field('', seg(words, style))];
  };
  const rps = h.rps.slice(-w);
  const failed = h.failed.slice(-w);
  const totals = failed.map((row) => row.reduce((a, b) => a + b, 0));
  // Failures on the scale of the node's traffic (a node that is down takes none, so its failures set it).
  const scale = Math.max(1e-9, ...rps, ...totals);
  const lines: Line[] = [
    field('load 1m', seg(sparkline(h.load, w), 'accent')),
    field('rps 1m', seg(sparkline(rps.map((r) => r / scale), w), 'accent')),
  ];
  const reasons = FAILURE_REASONS.map((reason, i) => ({ reason, i, sum: failed.reduce((a, row) => a + (row[i] ?? 0), 0) }))
    .filter((r) => r.sum > 0)
    .sort((a, b) => b.sum - a.sum);
  if (!reasons.length) lines.push(...chart('drop 1m', totals.map(() => 0), 'none', 'muted'));
  reasons.forEach((r, j) => {
    const now = failed.at(-1)?.[r.i] ?? 0;
    lines.push(...chart(j === 0 ? 'drop 1m' : '', failed.map((row) => (row[r.i] ?? 0) / scale), `${r.reason} ${compact(now)}/s`, 'bad'));
  });
  const blocked = h.blocked.slice(-w);
  if (blocked.some((b) => b > 0)) {
    // Stopping attack traffic is the gateway doing its job: its own line, on its own scale, not a failure.
    const peak = Math.max(...blocked);
    lines.push(...chart('blocked', blocked.map((b) => b / peak), `${compact(blocked.at(-1) ?? 0)}/s malicious`, 'ok'));
  }
  return lines;
}
