import type { BoardRow, ServerMessageOf } from '../shared/protocol.js';
import { tieText, type TieBreak } from '../shared/ranking.js';
import { FAILURE_REASONS, type FailureReason } from '../shared/reasons.js';
import type { GameState } from '../shared/state.js';
import type { GameResults, LeaderboardEntry } from './session.js';

// The room's standings as one player sees them: its own row marked, its results from the server's
// rows and its copy of the game.

/** Whether a row (of player `id`, or of a team with `members`) is the player's: its own, or its team's. */
function isOwn(playerId: string | undefined, id: string, members?: readonly string[]): boolean {
  return playerId !== undefined && (id === playerId || (members?.includes(playerId) ?? false));
}

/** A row's tie-break in words, when it has one. */
function tie(t: TieBreak | undefined, finishedAt: number | undefined): { tie?: string } {
  return t ? { tie: tieText(t, finishedAt ?? 0) } : {};
}

export function leaderboardEntries(rows: readonly BoardRow[], playerId: string | undefined): LeaderboardEntry[] {
  return rows.map((r) => ({
    rank: r.rank, name: r.name, availability: r.avail, cost: r.cost, score: r.score, connected: r.away !== true, down: r.down ?? 0,
    you: isOwn(playerId, r.id, r.members), ...tie(r.tie, r.fin),
  }));
}

/** The final standings as a leaderboard, for who has no results of its own (a spectator). */
export function finalBoard(m: ServerMessageOf<'results'>): LeaderboardEntry[] {
  return m.rows.map((r) => ({ rank: r.rank, name: r.name, availability: r.availability, cost: r.cost, score: r.score, you: false, connected: true, ...tie(r.tie, r.finishedAt) }));
}

/** The player's results: undefined when no row is its own (a seat with no game this round). */
export function gameResults(m: ServerMessageOf<'results'>, playerId: string | undefined, state: GameState): GameResults | undefined {
  const mine = m.rows.find((r) => isOwn(playerId, r.player, r.members));
  if (!mine) return undefined;
  const { totals } = state;
  return {
    result: {
      availability: mine.availability, passed: mine.passed, score: mine.score, stars: mine.stars, offered: mine.offered, good: mine.good, cost: mine.cost,
      // Results kept before the field existed were of whole rounds.
      complete: mine.complete ?? true,
      failed: Object.fromEntries(FAILURE_REASONS.map((r) => [r, mine.failed[r] ?? 0])) as Record<FailureReason, number>,
      maliciousOffered: totals.maliciousOffered, maliciousLeaked: totals.maliciousLeaked,
    },
    failedByNode: structuredClone(state.failedByNode), rank: mine.rank, players: m.rows.length, endTick: m.tick,
    standings: m.rows.map((r) => ({ rank: r.rank, name: r.name, availability: r.availability, score: r.score, passed: r.passed, complete: r.complete ?? true, you: isOwn(playerId, r.player, r.members), ...tie(r.tie, r.finishedAt) })),
    ...(m.difficulty === undefined ? {} : { difficulty: m.difficulty }),
    ...(m.series ? { series: { level: m.series.level, of: m.series.of, final: m.series.final, totals: m.series.totals.map((t) => ({ rank: t.rank, name: t.name, score: t.score, rounds: t.rounds, you: isOwn(playerId, t.player) })) } } : {}),
  };
}
