import { DEFAULT_DIFFICULTY } from '../shared/difficulty.js';
import type { Action } from '../shared/action.js';
import type { ActionResult } from '../shared/architecture.js';
import { act, advance, newGame } from '../shared/game.js';
import { actionEntry, eventEntry, type GameLogEntry } from '../shared/game-log.js';
import type { GameEvent } from '../shared/level.js';
import { AWAY_SEATS_UNCOUNTED, LOBBY_SEAT_GRACE_MS, MAX_SEATS_PER_ADDRESS } from './limits.js';
import type { RoomEntry, RoomEntryOf } from './room-entry.js';
import { sidesOf, teamId, type Room, type RoomOptions, type Seat, type Side } from './room-model.js';
import { addRound } from './series.js';
import { results } from './standings.js';

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

/** The host started the round: the countdown runs until `endsAt` (wall ms); it is not logged, since a crash during it replays to the lobby. */
export function beginCountdown(room: Room, endsAt: number): void {
  room.phase = 'countdown';
  room.countdownEndsAt = endsAt;
}

/** The host ended the round before its first tick: back to the lobby, as if it had not started. */
export function cancelCountdown(room: Room): void {
  room.phase = 'lobby';
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
