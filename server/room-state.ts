import { DEFAULT_DIFFICULTY, type Difficulty } from '../shared/difficulty.js';
import type { Action } from '../shared/action.js';
import type { ActionResult } from '../shared/architecture.js';
import { act, advance, newGame, type Game } from '../shared/game.js';
import { actionEntry, eventEntry, type GameLogEntry } from '../shared/game-log.js';
import type { GameEvent, Level } from '../shared/level.js';
import type { Phase } from '../shared/protocol.js';
import { AWAY_SEATS_UNCOUNTED, LOBBY_SEAT_GRACE_MS, MAX_SEATS_PER_ADDRESS } from './limits.js';
import type { RoomEntry, RoomEntryOf } from './room-entry.js';
import { addRound, type SeriesEntry } from './series.js';
import { results } from './standings.js';

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
interface Member {
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

export function newRoom(entry: RoomEntryOf<'create'>, options: RoomOptions): Room {
  return {
    maxSeatsPerAddress: MAX_SEATS_PER_ADDRESS, lobbySeatGraceMs: LOBBY_SEAT_GRACE_MS, awaySeatsUncounted: AWAY_SEATS_UNCOUNTED,
    ...options,
    code: entry.code, level: entry.level, seed: entry.seed, hostTokenHash: entry.hostTokenHash,
    phase: 'lobby', tick: 0, seats: new Map(), teams: new Map(), kicked: new Set(), nextPlayer: 1, fired: [], round: 0,
    members: new Map(), origin: 0, countdownEndsAt: 0, totals: new Map(), difficulty: entry.difficulty ?? DEFAULT_DIFFICULTY,
    ...(entry.sequence ? { sequence: entry.sequence } : {}),
  };
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

/** A team nobody is in any more is gone, with its key. */
function dropEmptyTeams(room: Room): void {
  for (const id of room.teams.keys()) {
    if (![...room.seats.values()].some((s) => s.team !== undefined && teamId(s.team) === id)) room.teams.delete(id);
  }
}

/** Teams are matched whatever the case of their names (hello trims them). */
function sameTeam(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The architectures in play, each once (a team's members share one), in the order of their first seat. */
export function sidesOf(room: Room): Side[] {
  const sides = new Set<Side>();
  for (const seat of room.seats.values()) if (seat.side) sides.add(seat.side);
  return [...sides];
}

/**
 * A seat's side for the round: its team's if a teammate already has one, else a new game caught up
 * with the round (the same level, seed and live events as everyone).
 */
function sideFor(room: Room, seat: Seat): Side {
  const mate = seat.team === undefined ? undefined : [...room.seats.values()].find((s) => s !== seat && s.side && sameTeam(s.team, seat.team));
  if (mate?.side) return mate.side;
  const game = newGame(room.level, room.seed);
  const history: GameLogEntry[] = [];
  for (const e of room.fired) {
    game.state.fired.push({ ...e });
    history.push(eventEntry(0, e));
  }
  for (let t = 0; t < room.tick; t++) advance(game);
  return { team: seat.team, game, history };
}

/** Runs every game up to `tick`. */
export function advanceTo(room: Room, tick: number): void {
  if (tick < room.tick) throw new Error(`room ${room.code}: expected tick ${room.tick} or later, got ${tick}`);
  const sides = tick > room.tick ? sidesOf(room) : [];
  while (room.tick < tick) {
    for (const side of sides) advance(side.game);
    room.tick++;
  }
}

function applyAct(room: Room, seat: Seat, action: Action, seq: number): ActionResult {
  seat.lastSeq = seq;
  const side = seat.side!;
  const result = act(side.game, action);
  if (result.ok) side.history.push(actionEntry(room.tick, action));
  return result;
}

/** A live event for every game (latecomers get it too), or for one player's side only. */
function fireEvent(room: Room, event: GameEvent, player: string | undefined): void {
  const target = player === undefined ? undefined : room.seats.get(player)?.side;
  if (player === undefined) room.fired.push(event);
  for (const side of sidesOf(room)) {
    if (target !== undefined && side !== target) continue;
    side.game.state.fired.push({ ...event });
    side.history.push(eventEntry(room.tick, event));
  }
}

/**
 * Applies one decision to the room. Live play and replay both go through here, so a replayed log
 * rebuilds the room exactly. Returns the rules' answer for an action.
 */
export function applyEntry(room: Room, entry: RoomEntry): ActionResult | undefined {
  if ('tick' in entry) advanceTo(room, entry.tick);
  switch (entry.t) {
    case 'create':
      throw new Error(`room ${room.code}: a create entry can only open a log`);
    case 'join': {
      const seat: Seat = { id: entry.player, name: entry.name, team: entry.team, tokenHash: entry.tokenHash, ready: false, lastSeq: -1, side: undefined, conn: undefined, address: entry.from, awaySince: undefined };
      room.seats.set(seat.id, seat);
      room.nextPlayer = Math.max(room.nextPlayer, Number(entry.player.slice(1)) + 1);
      if (room.phase === 'running' || room.phase === 'paused') seat.side = sideFor(room, seat);
      return undefined;
    }
    case 'token': {
      const seat = seatOf(room, entry.player);
      seat.tokenHash = entry.tokenHash;
      if (entry.from !== undefined) seat.address = entry.from;
      return undefined;
    }
    case 'ready':
      seatOf(room, entry.player).ready = entry.ready;
      return undefined;
    case 'team':
      room.teams.set(teamId(entry.team), { name: entry.team, key: entry.key });
      return undefined;
    case 'assign':
      seatOf(room, entry.player).team = entry.team;
      dropEmptyTeams(room);
      return undefined;
    case 'leave':
      seatOf(room, entry.player);
      room.seats.delete(entry.player);
      dropEmptyTeams(room);
      return undefined;
    case 'kick':
      room.kicked.add(seatOf(room, entry.player).tokenHash);
      room.seats.delete(entry.player);
      dropEmptyTeams(room);
      return undefined;
    case 'start':
      room.phase = 'running';
      room.tick = 0;
      room.fired = [];
      for (const seat of room.seats.values()) seat.side = sideFor(room, seat);
      return undefined;
    case 'act': {
      const seat = seatOf(room, entry.player);
      if (!seat.side) throw new Error(`room ${room.code}: ${entry.player} acted without a game`);
      return applyAct(room, seat, entry.action, entry.seq);
    }
    case 'fire':
      fireEvent(room, entry.event, entry.player);
      return undefined;
    case 'pause':
      room.phase = 'paused';
      return undefined;
    case 'resume':
      room.phase = 'running';
      return undefined;
    case 'tick':
      return undefined;
    case 'end':
      room.phase = 'ended';
      room.round++;
      if (room.sequence) addRound(room.totals, results(room));
      return undefined;
    case 'level':
      room.level = entry.level;
      room.seed = entry.seed;
      room.phase = 'lobby';
      room.tick = 0;
      room.fired = [];
      for (const seat of room.seats.values()) {
        seat.side = undefined;
        seat.ready = false;
      }
      return undefined;
  }
}

function seatOf(room: Room, player: string): Seat {
  const seat = room.seats.get(player);
  if (!seat) throw new Error(`room ${room.code}: expected a seat ${player}, got none; seats are ${[...room.seats.keys()].join(', ') || '(none)'}`);
  return seat;
}

/** A log entry that does not replay: `entry` is its index, 0 for the first. */
export class ReplayError extends Error {
  constructor(readonly entry: number, message: string) {
    super(message);
    this.name = 'ReplayError';
  }
}

/**
 * Rebuilds a room from its log. The result is the room as it was after the last entry, with no
 * connections; a round in play continues from the last tick the log reached.
 */
export function replayRoom(entries: readonly RoomEntry[], options: RoomOptions): Room {
  const [first, ...rest] = entries;
  if (first?.t !== 'create') throw new ReplayError(0, `room log: expected a create entry first, got ${first ? first.t : 'an empty log'}`);
  const room = newRoom(first, options);
  rest.forEach((entry, i) => {
    let result: ActionResult | undefined;
    try {
      result = applyEntry(room, entry);
    } catch (e) {
      throw new ReplayError(i + 1, (e as Error).message);
    }
    if (entry.t === 'act' && result?.ok !== entry.ok) {
      throw new ReplayError(i + 1, `room ${room.code}: entry ${i + 2} (${entry.player}'s action ${entry.seq} at tick ${entry.tick}): expected ${entry.ok ? 'accepted' : 'refused'} as logged, got ${result?.ok ? 'accepted' : 'refused'}: the rules changed since the log was written`);
    }
  });
  return room;
}
