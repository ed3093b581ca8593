import { compareRank, joinOrder } from '../../shared/ranking.js';

/** A seat as the host sees it. */
export interface DashPlayer {
  id: string;
  name: string;
  team?: string;
  connected: boolean;
  ready: boolean;
  /** Availability of the player's architecture (its team's), once a round has games. */
  availability?: number;
  /** The score of that architecture so far. */
  score?: number;
  /** Seconds of game time of its last accepted change: the ranking's tie-break. */
  finishedAt?: number;
}

/** Orders of the host's player list, in the order the `o` key cycles through them. */
export const PLAYER_ORDERS = ['join', 'availability', 'name'] as const;
export type PlayerOrder = (typeof PLAYER_ORDERS)[number];

/** How each order reads in the list's title. */
export const ORDER_WORDS: Record<PlayerOrder, string> = { join: 'join order', availability: 'lowest availability first', name: 'name' };

const byName = (a: DashPlayer, b: DashPlayer) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0);
const byJoin = (a: DashPlayer, b: DashPlayer) => Number(a.id.slice(1)) - Number(b.id.slice(1));

/**
 * The struggling first: the game's one ranking (shared/ranking.ts) read from the bottom, so the list
 * and the leaderboard never disagree; players without a game yet go last, by name.
 */
function byAvailability(a: DashPlayer, b: DashPlayer): number {
  if (a.availability === undefined || b.availability === undefined) return (a.availability === undefined ? 1 : 0) - (b.availability === undefined ? 1 : 0) || byName(a, b);
  const key = (p: DashPlayer) => ({ availability: p.availability!, score: p.score ?? 0, finishedAt: p.finishedAt ?? 0, order: joinOrder(p.id) });
  return compareRank(key(b), key(a));
}

const COMPARE: Record<PlayerOrder, (a: DashPlayer, b: DashPlayer) => number> = { join: byJoin, availability: byAvailability, name: byName };

/** Whether a player matches the host's filter: its name, team or id contains the text, whatever the case. */
export function matches(p: DashPlayer, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return f === '' || p.name.toLowerCase().includes(f) || (p.team?.toLowerCase().includes(f) ?? false) || p.id === f;
}

/** The players the list shows: those that match the filter, in the chosen order. */
export function visiblePlayers(players: readonly DashPlayer[], order: PlayerOrder, filter: string): DashPlayer[] {
  return players.filter((p) => matches(p, filter)).sort(COMPARE[order]);
}

/** The list's counts: seated players, how many are ready, how many are away, and spectators. */
export function playerCounts(players: readonly DashPlayer[], spectators: number): string {
  const ready = players.filter((p) => p.ready).length;
  const away = players.filter((p) => !p.connected).length;
  return `${players.length} players, ${ready} ready, ${away} away, ${spectators} watching`;
}

/** The first row of a window of `room` rows that keeps row `selected` of `total` in view, near its middle. */
export function windowStart(selected: number, total: number, room: number): number {
  return Math.max(0, Math.min(selected - Math.floor(room / 2), total - room));
}
