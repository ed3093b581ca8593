import { money, percent } from './format.js';
import type { LeaderboardEntry } from './session.js';
import { fit, seg, spread, type Line } from './styled.js';

/** Players by score, best first; the player's own row marked with `>` as well as colour. */
export function leaderboardView(entries: readonly LeaderboardEntry[], width: number, height: number): Line[] {
  const sorted = [...entries].sort((a, b) => b.score - a.score);
  const lines = sorted.map((e, i) => spread(
    [seg(e.you ? '>' : ' ', 'accent'), seg(`${i + 1}. `, 'muted'), seg(e.name, e.you ? 'accent' : 'normal')],
    [seg(` ${percent(e.availability)} $${money(e.cost)} `, 'muted'), seg(String(e.score), 'title')],
    width,
  ));
  if (!lines.length) lines.push(fit([seg('no scores yet', 'muted')], width));
  const shown = lines.slice(0, height);
  while (shown.length < height) shown.push(fit([], width));
  return shown;
}
