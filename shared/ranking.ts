import { clock } from './debrief/words.js';

// The one ranking of the game, for the live leaderboard, the results, the projector, the host's list
// and every export: availability, then score, then the earlier finisher, then who joined first. Two
// rows with the same availability and score are told apart in words, so the order never looks random.

/** What a row is ranked on. */
export interface RankKey {
  availability: number;
  score: number;
  /** Seconds of game time of the architecture's last accepted change (0 when it made none): the earlier finisher ranks higher. */
  finishedAt: number;
  /** Join order of the row's (first) player: settles what is left, so every ranking is stable. */
  order: number;
}

/** What put a row above the next one when their availability and score are equal. */
export const TIE_BREAKS = ['finished', 'joined'] as const;
export type TieBreak = (typeof TIE_BREAKS)[number];

/** Negative when `a` ranks above `b`. */
export function compareRank(a: RankKey, b: RankKey): number {
  return b.availability - a.availability || b.score - a.score || a.finishedAt - b.finishedAt || a.order - b.order;
}

/** Best first: a sorted copy. */
export function ranked<T>(items: readonly T[], key: (item: T) => RankKey): T[] {
  return items.map((item) => ({ item, k: key(item) })).sort((a, b) => compareRank(a.k, b.k)).map((x) => x.item);
}

/** Why `above` ranks above `below`, when only a tie-break tells them apart. */
export function tieBreak(above: RankKey, below: RankKey): TieBreak | undefined {
  if (above.availability !== below.availability || above.score !== below.score) return undefined;
  return above.finishedAt !== below.finishedAt ? 'finished' : 'joined';
}

/** A tie-break in words, for the row that lost it to the row above: "tie: finished later, at 1:05". */
export function tieText(tie: TieBreak, finishedAt: number): string {
  return tie === 'finished' ? `tie: finished later, at ${clock(finishedAt)}` : 'tie: joined later';
}

/** The join order of a player id ("p12" is 12). */
export function joinOrder(playerId: string): number {
  const n = Number(playerId.slice(1));
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}
