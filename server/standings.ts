import { resultOf, type GameResult } from '../shared/game.js';
import type { LeaderboardRow, ResultRow } from '../shared/protocol.js';
import type { Room, Seat } from './room-state.js';

interface Standing {
  seat: Seat;
  result: GameResult;
}

/** Best first: availability, then score; the player id settles exact ties so every ranking is stable. */
function byRank(a: Standing, b: Standing): number {
  return b.result.availability - a.result.availability || b.result.score - a.result.score || Number(a.seat.id.slice(1)) - Number(b.seat.id.slice(1));
}

function standings(room: Room): Standing[] {
  const rows: Standing[] = [];
  for (const seat of room.seats.values()) if (seat.game) rows.push({ seat, result: resultOf(seat.game) });
  return rows.sort(byRank);
}

export function leaderboard(room: Room): LeaderboardRow[] {
  return standings(room).map(({ seat, result }, i) => ({
    rank: i + 1, player: seat.id, name: seat.name, availability: result.availability, score: result.score,
    cost: result.cost, passed: result.passed, nodes: seat.game!.state.nodes.length, connected: seat.conn !== undefined,
  }));
}

export function results(room: Room): ResultRow[] {
  return standings(room).map(({ seat, result }, i) => ({
    rank: i + 1, player: seat.id, name: seat.name, availability: result.availability, passed: result.passed,
    score: result.score, stars: result.stars, cost: result.cost, offered: result.offered, good: result.good, failed: result.failed,
  }));
}
