// A room's data: its seats, teams, sides and clock, and the questions asked of them. The room's
// transitions (what each log entry and phase change does) are in room-state.ts.
import type { Game } from '../shared/game.js';
import type { GameLogEntry } from '../shared/game-log.js';
import type { GameEvent, Level } from '../shared/level.js';
import type { Phase } from '../shared/protocol.js';
import type { SeriesEntry } from './series.js';
import type { Difficulty } from '../shared/difficulty.js';

/**
 * An architecture in play, from the start of a round to the start of the next: a player's own, or
 * a team's, which its members share.
 */
export interface Side {
  /** The team's name as its first member gave it; undefined for a player on their own. */
  team: string | undefined;
  game: Game;
  /** What changed the game, in the order it applied: with the level and seed, the debrief replays it. */
  history: GameLogEntry[];
}

export interface Seat {
  id: string;
  name: string;
  /** The team the player joined, as they typed it; undefined to play alone. */
  team: string | undefined;
  /** SHA-256 of the current resume token; the token itself is never kept. */
  tokenHash: string;
  ready: boolean;
  /** The last action number processed for this seat: anything at or below it is a duplicate. */
  lastSeq: number;
  /** The architecture the player acts on during a round (their team's, if in one). */
  side: Side | undefined;
  /** The connection that holds the seat now, if any. */
  conn: number | undefined;
  /** A hash of the remote address that took or last resumed the seat (logged with the join and each resume). */
  address: string | undefined;
  /** Wall time its connection closed, while it has none: a lobby seat is released LOBBY_SEAT_GRACE_MS after. */
  awaySince: number | undefined;
}

/** A connection that said hello to this room. Connections are not logged: they end with the process. */
export interface Member {
  /** The seat it holds; absent for a spectator. */
  seat: string | undefined;
  host: boolean;
  /** Where its game's stream stood when it was last sent a snapshot (see streamPoint): a resync there is already answered. */
  snapshotAt?: string;
}

export interface Team {
  name: string;
  /** Shown to its members; joining the team needs it. */
  key: string;
}

/**
 * A room: everything its decisions (the log entries) built, plus its connections and clock. Rooms are
 * changed in place by the functions of this module and of room.ts, and by nothing else.
 */
export interface RoomOptions {
  /** Game time runs this many times faster than the wall clock (tests and demos). */
  speed: number;
  maxPlayers: number;
  maxSpectators: number;
  /** Seats one remote address may hold (MAX_SEATS_PER_ADDRESS). */
  maxSeatsPerAddress?: number;
  /** Wall ms a lobby seat without a connection is kept (LOBBY_SEAT_GRACE_MS). */
  lobbySeatGraceMs?: number;
  /** Away seats that do not count toward capacity during a round (AWAY_SEATS_UNCOUNTED). */
  awaySeatsUncounted?: number;
}

export interface Room extends Required<RoomOptions> {
  code: string;
  level: Level;
  seed: number;
  hostTokenHash: string;
  phase: Phase;
  /** Ticks every game of the round has run (they all run together). */
  tick: number;
  seats: Map<string, Seat>;
  /** The room's teams by lower-cased name: the name as first given and the key that lets others in. */
  teams: Map<string, Team>;
  /** Token hashes of removed players, so that their resume is told why it fails. */
  kicked: Set<string>;
  nextPlayer: number;
  /** Live events of this round, with absolute times, in firing order. */
  fired: GameEvent[];
  /** Rounds finished so far: names the results files. */
  round: number;
  members: Map<number, Member>;
  /** Wall time (ms) at which tick 0 began: tick n is due at origin + n * tick length. */
  origin: number;
  countdownEndsAt: number;
  /** A series of levels played in turn, if the host gave one; `next` moves along it. */
  sequence?: Level[];
  /** Cumulative totals over the series' finished rounds. */
  totals: Map<string, SeriesEntry>;
  /** Every game of the room is played at it: the same for everyone, a part of the room's fairness. */
  difficulty: Difficulty;
}

/** Wall milliseconds per tick at the room's speed. */
export function tickWallMs(room: Room): number {
  return room.level.tickMs / room.speed;
}

/** Ticks in the level. */
export function totalTicks(room: Room): number {
  return Math.round((room.level.durationSeconds * 1000) / room.level.tickMs);
}

export function hasGames(room: Room): boolean {
  return room.phase === 'running' || room.phase === 'paused' || room.phase === 'ended';
}

/** A team's entry in `Room.teams`: names match whatever their case (hello trims them). */
export function teamId(name: string): string {
  return name.toLowerCase();
}

/** The team of a seat, if it is in one. */
export function teamOf(room: Room, seat: Seat): Team | undefined {
  return seat.team === undefined ? undefined : room.teams.get(teamId(seat.team));
}

/** The architectures in play, each once (a team's members share one), in the order of their first seat. */
export function sidesOf(room: Room): Side[] {
  const sides = new Set<Side>();
  for (const seat of room.seats.values()) if (seat.side) sides.add(seat.side);
  return [...sides];
}
