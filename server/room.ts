import { applyDifficulty, DEFAULT_DIFFICULTY } from '../shared/difficulty.js';
import type { Debrief } from '../shared/debrief/schema.js';
import type { Level } from '../shared/level.js';
import { CLOSE_CODES, ERROR_CODES, type ClientMessage, type ErrorCode, type Hello, type HostControl, type ServerMessageOf } from '../shared/protocol.js';
import { DEFAULTS } from './limits.js';
import { describeEvent } from '../shared/sim/index.js';
import { hash32 } from '../shared/hash.js';
import { freshKey, hello, markAway, releaseAway } from './room-seats.js';
import { broadcastRoom, commit, everyone, roomView } from './room-views.js';
import type { RoomEntryOf } from './room-entry.js';
import { send, type Out, type RoomOutput } from './room-output.js';
import { advanceTo, applyEntry, beginCountdown, cancelCountdown, newRoom } from './room-state.js';
import { teamId, teamOf, tickWallMs, totalTicks, type Room, type RoomOptions, type Seat, type Side } from './room-model.js';
import { resync, sendLeaderboard, sendScheduledLeaderboards, sendSyncs } from './room-stream.js';
import { seriesTotals } from './series.js';
import { gameLogs, results } from './standings.js';

export type { RoomOutput } from './room-output.js';
export { countedSeats, markAway } from './room-seats.js';

// The room as a state machine: an input (a message, a connection lost, the clock) goes in, the room
// changes, and what to send, close, log and report comes out. No I/O and no clock of its own: the
// shell passes the time and fresh tokens in, so a room can be driven by tests and replayed from a log.

/** A message a room handles after hello (host controls included). */
export type RoomMessage = Exclude<ClientMessage, Hello>;

export type RoomInput =
  /** `tokenHash` is the hash of `token`, a fresh token the seat gets if it is taken or resumed. */
  /** `address`: the remote address of the connection, for the per-address seat cap. `teamKey`: a fresh key, should it make a team. */
  | { type: 'hello'; conn: number; now: number; address: string; hello: Hello; token: string; tokenHash: string; resumeHash?: string; hostHash?: string; teamKey?: string }
  /** `level`: for `next`, the level the shell loaded for it. */
  | { type: 'message'; conn: number; now: number; msg: RoomMessage; level?: Level; teamKey?: string }
  /** A host control from the server's own console, which needs no token. */
  | { type: 'control'; now: number; control: HostControl; level?: Level; teamKey?: string }
  /** A round's debriefs, worked out by the shell after its results: each for the players of its row. */
  | { type: 'debriefs'; now: number; round: number; debriefs: { to: readonly string[]; player: string; debrief: Debrief }[] }
  | { type: 'disconnect'; conn: number; now: number }
  | { type: 'clock'; now: number };

export function createRoom(create: RoomEntryOf<'create'>, options: RoomOptions): { room: Room; outputs: RoomOutput[] } {
  return { room: newRoom(create, options), outputs: [{ type: 'log', entry: create }] };
}

/** When the room next needs a clock input (the countdown's end or the next tick), if ever. */
export function nextWakeAt(room: Room): number | undefined {
  if (room.phase === 'countdown') return room.countdownEndsAt;
  if (room.phase === 'running') return room.origin + (room.tick + 1) * tickWallMs(room);
  if (room.phase === 'lobby') {
    const away = [...room.seats.values()].flatMap((s) => (s.awaySince === undefined ? [] : [s.awaySince + room.lobbySeatGraceMs]));
    return away.length ? Math.min(...away) : undefined;
  }
  return undefined;
}

export function isHost(room: Room, conn: number): boolean {
  return room.members.get(conn)?.host === true;
}

export function handle(room: Room, input: RoomInput): RoomOutput[] {
  const out: Out = [];
  switch (input.type) {
    case 'hello': hello(room, input, out); break;
    case 'message': message(room, input, out); break;
    case 'control': control(room, input.control, input.now, undefined, input.level, input.teamKey, out); break;
    case 'debriefs': debriefs(room, input, out); break;
    case 'disconnect': disconnect(room, input.conn, input.now, out); break;
    case 'clock': clock(room, input.now, out); break;
  }
  return out;
}

/** The connections playing on a side (a player and its teammates), and, apart, the hosts who do not. */
function membersOfSide(room: Room, side: Side): { players: number[]; hosts: number[] } {
  const players: number[] = [];
  const hosts: number[] = [];
  for (const [conn, m] of room.members) {
    if (m.seat !== undefined && room.seats.get(m.seat)?.side === side) players.push(conn);
    else if (m.host) hosts.push(conn);
  }
  return { players, hosts };
}

function message(room: Room, input: Extract<RoomInput, { type: 'message' }>, out: Out): void {
  const { conn, now, msg } = input;
  const member = room.members.get(conn);
  if (!member) return;
  const seat = member.seat === undefined ? undefined : room.seats.get(member.seat);
  switch (msg.type) {
    case 'act': return actMessage(room, conn, seat, msg, out);
    case 'ready':
      if (!seat) return send(out, [conn], { type: 'error', code: ERROR_CODES.NOT_A_PLAYER, message: 'spectators have no seat to be ready in' });
      if (room.phase !== 'lobby') return send(out, [conn], { type: 'error', code: ERROR_CODES.WRONG_PHASE, message: `ready is for the lobby; the room is ${room.phase}` });
      commit(room, { t: 'ready', player: seat.id, ready: msg.ready }, out);
      return broadcastRoom(room, now, out);
    case 'resync':
      if (seat?.side) resync(out, room, seat, conn);
      sendLeaderboard(room, [conn], out);
      return send(out, [conn], { type: 'room', room: roomView(room, now) }, true);
    case 'ping':
      return send(out, [conn], { type: 'pong', ...(msg.t === undefined ? {} : { t: msg.t }) });
    case 'leave':
      room.members.delete(conn);
      if (seat) {
        seat.conn = undefined;
        seat.awaySince = now;
        if (room.phase === 'lobby') commit(room, { t: 'leave', player: seat.id }, out);
        out.push({ type: 'note', level: 'info', text: `room ${room.code}: ${seat.name} (${seat.id}) left` });
      }
      out.push({ type: 'close', conn, code: CLOSE_CODES.LEAVE, reason: 'left' });
      return broadcastRoom(room, now, out);
    default:
      if (!member.host) return send(out, [conn], { type: 'error', code: ERROR_CODES.NOT_HOST, message: `${msg.type} is a host control: it needs the room's host token in hello` });
      return control(room, msg, now, conn, input.level, input.teamKey, out);
  }
}

function actMessage(room: Room, conn: number, seat: Seat | undefined, msg: Extract<RoomMessage, { type: 'act' }>, out: Out): void {
  const ack = (code: ErrorCode, message: string) => send(out, [conn], { type: 'ack', seq: msg.seq, ok: false, tick: room.tick, code, message });
  if (!seat) return ack(ERROR_CODES.NOT_A_PLAYER, 'spectators watch; only a seated player acts');
  if (msg.seq <= seat.lastSeq) return ack(ERROR_CODES.DUPLICATE_SEQ, `action ${msg.seq} was already processed (the last was ${seat.lastSeq}); ignored`);
  if (room.phase !== 'running') {
    const why = room.phase === 'paused' ? 'the host paused the game' : room.phase === 'ended' ? 'the round is over' : 'the round has not started';
    return ack(ERROR_CODES.WRONG_PHASE, `expected a running game to act in, got ${room.phase}: ${why}`);
  }
  const entry = { t: 'act' as const, tick: room.tick, player: seat.id, seq: msg.seq, action: msg.action, ok: true };
  const result = applyEntry(room, entry)!;
  entry.ok = result.ok;
  out.push({ type: 'log', entry });
  if (result.ok) {
    send(out, [conn], { type: 'ack', seq: msg.seq, ok: true, tick: room.tick, cost: result.cost });
    // Teammates see who changed their shared architecture, and apply the change to their copy of it.
    const mates = [...room.seats.values()].filter((s) => s !== seat && s.side === seat.side && s.conn !== undefined).map((s) => s.conn!);
    return send(out, mates, { type: 'activity', tick: room.tick, actor: seat.id, name: seat.name, action: msg.action });
  }
  send(out, [conn], { type: 'ack', seq: msg.seq, ok: false, tick: room.tick, code: result.error.code, message: result.error.message });
  out.push({ type: 'note', level: 'debug', text: `room ${room.code}: ${seat.name} (${seat.id}): ${msg.action.type} refused (${result.error.code}): ${result.error.message}` });
}

function control(room: Room, c: HostControl, now: number, conn: number | undefined, level: Level | undefined, teamKey: string | undefined, out: Out): void {
  const fail = (code: ErrorCode, message: string) => {
    if (conn === undefined) out.push({ type: 'note', level: 'warn', text: `room ${room.code}: ${message}` });
    else send(out, [conn], { type: 'error', code, message });
  };
  const wrongPhase = (expected: string) => fail(ERROR_CODES.WRONG_PHASE, `${c.type}: expected the room to be ${expected}, got ${room.phase}`);
  switch (c.type) {
    case 'start':
      if (room.phase !== 'lobby') return wrongPhase('in the lobby');
      if (room.seats.size === 0) return fail(ERROR_CODES.NO_PLAYERS, 'start: nobody has joined the room yet');
      beginCountdown(room, now + DEFAULTS.COUNTDOWN_MS / room.speed + tickPhaseMs(room));
      out.push({ type: 'note', level: 'info', text: `room ${room.code}: countdown to ${room.level.id} with ${room.seats.size} player(s)` });
      return broadcastRoom(room, now, out);
    case 'pause':
      if (room.phase !== 'running') return wrongPhase('running');
      commit(room, { t: 'pause', tick: room.tick }, out);
      return broadcastRoom(room, now, out);
    case 'resume':
      if (room.phase !== 'paused') return wrongPhase('paused');
      commit(room, { t: 'resume', tick: room.tick }, out);
      room.origin = now - room.tick * tickWallMs(room);
      return broadcastRoom(room, now, out);
    case 'end':
      if (room.phase === 'countdown') {
        cancelCountdown(room);
        return broadcastRoom(room, now, out);
      }
      if (room.phase !== 'running' && room.phase !== 'paused') return wrongPhase('running, paused or counting down');
      return finish(room, now, out);
    case 'fire': {
      if (room.phase !== 'running' && room.phase !== 'paused') return wrongPhase('running or paused');
      const target = c.player === undefined ? undefined : room.seats.get(c.player);
      if (c.player !== undefined && !target?.side) {
        return fail(ERROR_CODES.UNKNOWN_PLAYER, `fire: no player ${c.player} in this round; players are ${[...room.seats.keys()].join(', ') || '(none)'}`);
      }
      const now_s = (room.tick * room.level.tickMs) / 1000;
      const event = { ...c.event, at: now_s + c.event.at };
      commit(room, { t: 'fire', tick: room.tick, event, ...(target ? { player: target.id } : {}) }, out);
      const announce: ServerMessageOf<'announce'> = { type: 'announce', tick: room.tick, at: event.at, event, text: describeEvent(event), live: true };
      if (!target) return send(out, everyone(room), announce);
      const { players, hosts } = membersOfSide(room, target.side!);
      send(out, players, announce);
      return send(out, hosts, { ...announce, aimedAt: target.id });
    }
    case 'kick': {
      const seat = room.seats.get(c.player);
      if (!seat) return fail(ERROR_CODES.UNKNOWN_PLAYER, `kick: no player ${c.player}; players are ${[...room.seats.keys()].join(', ') || '(none)'}`);
      commit(room, { t: 'kick', tick: room.tick, player: seat.id }, out);
      if (seat.conn !== undefined) {
        room.members.delete(seat.conn);
        send(out, [seat.conn], { type: 'error', code: ERROR_CODES.UNKNOWN_PLAYER, message: `the host removed you from room ${room.code}` });
        out.push({ type: 'close', conn: seat.conn, code: CLOSE_CODES.KICKED, reason: 'removed by the host' });
      }
      out.push({ type: 'note', level: 'info', text: `room ${room.code}: the host removed ${seat.name} (${seat.id})` });
      return broadcastRoom(room, now, out);
    }
    case 'team': {
      if (room.phase !== 'lobby') return wrongPhase('in the lobby (a team changes between rounds)');
      const seat = room.seats.get(c.player);
      if (!seat) return fail(ERROR_CODES.UNKNOWN_PLAYER, `team: no player ${c.player}; players are ${[...room.seats.keys()].join(', ') || '(none)'}`);
      const existing = c.team === undefined ? undefined : room.teams.get(teamId(c.team));
      if (c.team !== undefined && !existing) commit(room, { t: 'team', team: c.team, key: freshKey(teamKey) }, out);
      commit(room, { t: 'assign', player: seat.id, ...(c.team === undefined ? {} : { team: existing?.name ?? c.team }) }, out);
      const teamNow = teamOf(room, seat);
      if (seat.conn !== undefined) send(out, [seat.conn], { type: 'team', ...(teamNow ? { team: teamNow.name, key: teamNow.key } : {}) });
      out.push({ type: 'note', level: 'info', text: `room ${room.code}: the host put ${seat.name} (${seat.id}) ${teamNow ? `in team ${teamNow.name} (key ${teamNow.key})` : 'on their own'}` });
      return broadcastRoom(room, now, out);
    }
    case 'next': {
      if (room.phase !== 'ended' && room.phase !== 'lobby') return wrongPhase('ended or in the lobby');
      // In a series, the next level of the sequence (after its last, the same level again).
      // A level the shell loaded is played at the room's difficulty, as the ones it was created with are.
      const next = (level && applyDifficulty(level, room.difficulty)) ?? room.sequence?.[room.round] ?? room.level;
      commit(room, { t: 'level', level: next, seed: next.seed }, out);
      markAway(room, now);
      return send(out, everyone(room), { type: 'level', level: next, seed: next.seed, tickMs: next.tickMs, room: roomView(room, now) });
    }
  }
}

function finish(room: Room, now: number, out: Out): void {
  commit(room, { t: 'end', tick: room.tick }, out);
  const msg: ServerMessageOf<'results'> = {
    type: 'results', levelId: room.level.id, tick: room.tick, rows: results(room),
    ...(room.sequence ? { series: { level: Math.min(room.round, room.sequence.length), of: room.sequence.length, final: room.round >= room.sequence.length, totals: seriesTotals(room.totals) } } : {}),
    ...(room.difficulty === DEFAULT_DIFFICULTY ? {} : { difficulty: room.difficulty }),
  };
  // The games' last state, checked, before the results that come from it.
  sendSyncs(room, out, true);
  send(out, everyone(room), msg);
  const players = Object.fromEntries([...room.seats.values()].map((s) => [s.id, s.name]));
  out.push({ type: 'results', round: room.round, msg, level: room.level, seed: room.seed, logs: gameLogs(room), players });
  out.push({ type: 'note', level: 'info', text: `room ${room.code}: round ${room.round} (${room.level.id}) ended at tick ${room.tick}` });
  broadcastRoom(room, now, out);
}

/** Each debrief goes to its players who are connected now (a player who left reads it in the export). */
function debriefs(room: Room, input: Extract<RoomInput, { type: 'debriefs' }>, out: Out): void {
  for (const d of input.debriefs) {
    const conns = d.to.flatMap((id) => {
      const conn = room.seats.get(id)?.conn;
      return conn === undefined ? [] : [conn];
    });
    send(out, conns, { type: 'debrief', round: input.round, player: d.player, debrief: d.debrief });
  }
}

function disconnect(room: Room, conn: number, now: number, out: Out): void {
  const member = room.members.get(conn);
  if (!member) return;
  room.members.delete(conn);
  const seat = member.seat === undefined ? undefined : room.seats.get(member.seat);
  if (seat?.conn === conn) {
    seat.conn = undefined;
    seat.awaySince = now;
    const kept = room.phase === 'lobby' ? `kept for ${room.lobbySeatGraceMs / 1000} s` : 'kept until the round ends';
    out.push({ type: 'note', level: 'info', text: `room ${room.code}: ${seat.name} (${seat.id}) disconnected; the seat is ${kept}` });
  }
  broadcastRoom(room, now, out);
}

/** The tick at which the level's event `e` is announced. */
function announceTick(room: Room, e: Level['events'][number]): number {
  return Math.max(0, Math.round(((e.at - e.announce) * 1000) / room.level.tickMs));
}

function announceDue(room: Room, out: Out): void {
  for (const event of room.level.events) {
    if (announceTick(room, event) !== room.tick) continue;
    send(out, everyone(room), { type: 'announce', tick: room.tick, at: event.at, event, text: describeEvent(event), live: false });
  }
}

/**
 * Where in the tick period a room's ticks fall, drawn from its code and added to its countdown:
 * rooms started together (a class's rooms at the teacher's word) then begin and tick at moments
 * spread over the period, instead of all at once with the last of them waiting for every other's.
 */
export function tickPhaseMs(room: Room): number {
  // FNV-1a, then murmur3's finaliser: FNV alone leaves codes that differ in one letter close together.
  let h = hash32(room.code);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) / 2 ** 32) * tickWallMs(room);
}

/** The countdown is over: every seat gets its game, and tick 0 begins (clients make the same fresh game). */
function begin(room: Room, now: number, out: Out): void {
  commit(room, { t: 'start' }, out);
  room.origin = room.countdownEndsAt;
  out.push({ type: 'note', level: 'info', text: `room ${room.code}: ${room.level.id} started with ${room.seats.size} player(s)` });
  broadcastRoom(room, now, out);
  announceDue(room, out);
  sendSyncs(room, out, true);
  sendLeaderboard(room, everyone(room), out);
}

function step(room: Room, now: number, out: Out): void {
  advanceTo(room, room.tick + 1);
  if (room.tick % DEFAULTS.CHECKPOINT_EVERY_TICKS === 0) out.push({ type: 'log', entry: { t: 'tick', tick: room.tick } });
  announceDue(room, out);
  // The last tick's syncs go out with the results.
  if (room.tick >= totalTicks(room)) return finish(room, now, out);
  sendSyncs(room, out, false);
  sendScheduledLeaderboards(room, out);
}

function clock(room: Room, now: number, out: Out): void {
  if (room.phase === 'lobby') releaseAway(room, now, out);
  if (room.phase === 'countdown' && now >= room.countdownEndsAt) begin(room, now, out);
  const wall = tickWallMs(room);
  let ran = 0;
  while (room.phase === 'running' && now >= room.origin + (room.tick + 1) * wall) {
    if (ran === DEFAULTS.MAX_CATCH_UP_TICKS) {
      out.push({ type: 'note', level: 'warn', text: `room ${room.code}: the loop fell ${Math.round(now - room.origin - room.tick * wall)} ms behind; the schedule slips instead of rushing` });
      room.origin = now - room.tick * wall;
      break;
    }
    step(room, now, out);
    ran++;
  }
}
