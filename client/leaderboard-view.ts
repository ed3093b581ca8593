import { money, percent } from './format.js';
import { HEALTH_GLYPH } from './health.js';
import type { LeaderboardEntry } from './session.js';
import { fit, seg, spread, type Line } from './styled.js';

/**
 * Players by the server's rank (availability, then score); the player's own row marked with `>` as
 * well as colour, a player whose connection is down with `~`, one with nodes down in red with `x`.
 */
export function leaderboardView(entries: readonly LeaderboardEntry[], width: number, height: number): Line[] {
  const sorted = [...entries].sort((a, b) => a.rank - b.rank);
  const lines = sorted.map((e) => spread(
    [
      seg(e.you ? '>' : ' ', 'accent'), seg(`${e.rank}. `, 'muted'), seg(e.name, e.down ? 'bad' : e.you ? 'accent' : 'normal'),
      ...(e.down ? [seg(` ${HEALTH_GLYPH.down} ${e.down} down`, 'bad')] : []), ...(e.connected ? [] : [seg(' ~away', 'warn')]),
    ],
    [seg(` ${percent(e.availability)} $${money(e.cost)} `, 'muted'), seg(String(e.score), 'title')],
    width,
  ));
  if (!lines.length) lines.push(fit([seg('no scores yet', 'muted')], width));
  const shown = lines.slice(0, height);
  while (shown.length < height) shown.push(fit([], width));
  return shown;
}
