import { resultOf, type GameResult } from '../shared/game.js';
import type { GameLog } from '../shared/game-log.js';
import type { LeaderboardRow, ResultRow } from '../shared/protocol.js';
import { joinOrder, ranked, tieBreak, type RankKey, type TieBreak } from '../shared/ranking.js';
import { nodesOut } from '../shared/sim/index.js';
import { sidesOf, type Room, type Seat, type Side } from './room-model.js';

/** One architecture's standing: a player alone, or a team ranked as one. */
interface Standing {
  side: Side;
  /** The seats acting on it, in joining order: the first names a player's row. */
  members: Seat[];
  result: GameResult;
  /** What it is ranked on. */
  key: RankKey;
  /** When its availability and score equal the row above's: what put that row first. */
  tie?: TieBreak;
}

/** Seconds of game time of a side's last accepted action (0 when none). */
function finishedAt(side: Side, tickMs: number): number {
  for (let i = side.history.length - 1; i >= 0; i--) {
    const e = side.history[i]!;
    if ('action' in e) return (e.tick * tickMs) / 1000;
  }
  return 0;
}

/** Best first, by the game's one ranking (shared/ranking.ts). */
export function standings(room: Room): Standing[] {
  const members = new Map<Side, Seat[]>(sidesOf(room).map((side) => [side, []]));
  for (const seat of room.seats.values()) if (seat.side) members.get(seat.side)!.push(seat);
  const all = [...members].map(([side, seats]) => {
    const result = resultOf(side.game);
    const key = { availability: result.availability, score: result.score, finishedAt: finishedAt(side, room.level.tickMs), order: joinOrder(seats[0]!.id) };
    return { side, members: seats, result, key };
  });
  return ranked(all, (s) => s.key).map((s, i, list) => {
    const tie = i > 0 ? tieBreak(list[i - 1]!.key, s.key) : undefined;
    return tie ? { ...s, tie } : s;
  });
}

/** The ranking fields of a row. */
function rankFields(s: Standing): { finishedAt?: number; tie?: TieBreak } {
  return { ...(s.key.finishedAt > 0 ? { finishedAt: s.key.finishedAt } : {}), ...(s.tie ? { tie: s.tie } : {}) };
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
      nodes: s.side.game.state.nodes.length, connected: s.members.some((m) => m.conn !== undefined), ...(down > 0 ? { down } : {}), ...rankFields(s),
    };
  });
}

/** Accepted actions in a side's history. */
function actionCount(side: Side): number {
  return side.history.reduce((n, e) => n + ('action' in e ? 1 : 0), 0);
}

export function results(room: Room): ResultRow[] {
  return standings(room).map((s, i) => {
    const r = s.result;
    return {
      rank: i + 1, ...identity(s), availability: r.availability, passed: r.passed, score: r.score, stars: r.stars, cost: r.cost,
      offered: r.offered, good: r.good, failed: r.failed, actions: actionCount(s.side), ...rankFields(s), complete: r.complete,
    };
  });
}

/** Each ranked architecture's game log, by its row's player id: what the debrief replays. */
export function gameLogs(room: Room): Record<string, GameLog> {
  return Object.fromEntries(standings(room).map((s) => [s.members[0]!.id, { seed: room.seed, endTick: room.tick, entries: s.side.history }]));
}
