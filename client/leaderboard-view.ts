import { money, percent } from './format.js';
import { HEALTH_GLYPH } from './health.js';
import type { LeaderboardEntry } from './session.js';
import { fit, lineWidth, seg, spread, type Line } from './styled.js';

/** Widths of the right-hand columns: availability, cost, score (each with its leading space). */
const AVAIL_COLUMN = 8;
const COST_COLUMN = 8;
const SCORE_COLUMN = 6;
/** Below this width the cost column goes (the top bar shows the player's own). */
const COST_MIN_WIDTH = 36;

/** The right-hand columns of a row, or their titles. */
function columns(avail: string, cost: string, score: string, width: number, style: 'muted' | 'title'): Line {
  return [
    seg(avail.padStart(AVAIL_COLUMN), 'muted'), ...(width >= COST_MIN_WIDTH ? [seg(cost.padStart(COST_COLUMN), 'muted')] : []),
    seg(score.padStart(SCORE_COLUMN), style),
  ];
}

/**
 * Players by the server's rank (shared/ranking.ts), under a header line; the player's own row marked
 * with `>` as well as colour and always shown (in place of the last row that fits when it ranks below
 * them), a player whose connection is down with `~`, one with nodes down in red with `x`; `2=` a row
 * that ties the one above on availability and score, with the tie-break in words where they fit whole.
 */
export function leaderboardView(entries: readonly LeaderboardEntry[], width: number, height: number): Line[] {
  const sorted = [...entries].sort((a, b) => a.rank - b.rank);
  const row = (e: LeaderboardEntry) => {
    const left = [
      seg(e.you ? '>' : ' ', 'accent'), seg(`${e.rank}${e.tie ? '=' : '.'} `, 'muted'), seg(e.name, e.down ? 'bad' : e.you ? 'accent' : 'normal'),
      ...(e.down ? [seg(` ${HEALTH_GLYPH.down} ${e.down} down`, 'bad')] : []), ...(e.connected ? [] : [seg(' ~away', 'warn')]),
    ];
    const right = columns(percent(e.availability), `$${money(e.cost)}`, String(e.score), width, 'title');
    // The tie-break's words only whole: cut, they would read as a name.
    const words = e.tie ? [seg(` ${e.tie}`, 'muted')] : [];
    const fits = lineWidth([...left, ...words, ...right]) <= width;
    return spread(fits ? [...left, ...words] : left, right, width);
  };
  const header = spread([seg(' #  name', 'muted')], columns('avail', 'cost', 'score', width, 'muted'), width);
  const room = Math.max(0, height - 1);
  let shown = sorted.slice(0, room);
  const own = sorted.findIndex((e) => e.you);
  if (own >= room && room > 0) shown = [...shown.slice(0, room - 1), sorted[own]!];
  const lines = [header, ...shown.map(row)];
  if (!sorted.length) lines.push(fit([seg('no scores yet', 'muted')], width));
  const out = lines.slice(0, height);
  while (out.length < height) out.push(fit([], width));
  return out;
}
