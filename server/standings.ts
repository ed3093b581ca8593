import { resultOf, type GameResult } from '../shared/game.js';
import type { GameLog } from '../shared/game-log.js';
import type { LeaderboardRow, ResultRow } from '../shared/protocol.js';
import { nodesOut } from '../shared/sim/outage.js';
import { sidesOf, type Room, type Seat, type Side } from './room-state.js';

/** One architecture's standing: a player alone, or a team ranked as one. */
export interface Standing {
  side: Side;
  /** The seats acting on it, in joining order: the first names a player's row. */
  members: Seat[];
  result: GameResult;
}

/** Best first: availability, then score; the first member's id settles exact ties so every ranking is stable. */
function byRank(a: Standing, b: Standing): number {
  return b.result.availability - a.result.availability || b.result.score - a.result.score || Number(a.members[0]!.id.slice(1)) - Number(b.members[0]!.id.slice(1));
}

export function standings(room: Room): Standing[] {
  const members = new Map<Side, Seat[]>(sidesOf(room).map((side) => [side, []]));
  for (const seat of room.seats.values()) if (seat.side) members.get(seat.side)!.push(seat);
  return [...members].map(([side, seats]) => ({ side, members: seats, result: resultOf(side.game) })).sort(byRank);
}

/** Who a row is: the player, or the team with its members. */
function identity({ side, members }: Standing): Pick<LeaderboardRow, 'player' | 'name' | 'team' | 'members'> {
  const first = members[0]!;
  if (side.team === undefined) return { player: first.id, name: first.name };
  return { player: first.id, name: side.team, team: side.team, members: members.map((m) => m.id) };
}

export function leaderboard(room: Room): LeaderboardRow[] {
  return standings(room).map((s, i) => {
    const down = nodesOut(room.level, s.side.game.state);
    return {
      rank: i + 1, ...identity(s), availability: s.result.availability, score: s.result.score, cost: s.result.cost, passed: s.result.passed,
      nodes: s.side.game.state.nodes.length, connected: s.members.some((m) => m.conn !== undefined), ...(down > 0 ? { down } : {}),
    };
  });
}

/** Accepted actions in a side's history. */
export function actionCount(side: Side): number {
  return side.history.reduce((n, e) => n + ('action' in e ? 1 : 0), 0);
}

export function results(room: Room): ResultRow[] {
  return standings(room).map((s, i) => {
    const r = s.result;
    return {
      rank: i + 1, ...identity(s), availability: r.availability, passed: r.passed, score: r.score, stars: r.stars, cost: r.cost,
      offered: r.offered, good: r.good, failed: r.failed, actions: actionCount(s.side),
    };
  });
}

/** Each ranked architecture's game log, by its row's player id: what the debrief replays. */
export function gameLogs(room: Room): Record<string, GameLog> {
  return Object.fromEntries(standings(room).map((s) => [s.members[0]!.id, { seed: room.seed, endTick: room.tick, entries: s.side.history }]));
}
