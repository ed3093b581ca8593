import { DEFAULT_DIFFICULTY } from '../shared/difficulty.js';
import { PROTOCOL_VERSION, type CloseCode, type ErrorCode, type RoomView } from '../shared/protocol.js';
import { DEFAULTS } from './limits.js';
import type { RoomEntry } from './room-entry.js';
import { send, type Out } from './room-output.js';
import { applyEntry } from './room-state.js';
import { teamOf, type Room, type Seat } from './room-model.js';
import { sendLeaderboard, sendSnapshot } from './room-stream.js';

// What a room tells: its decisions to the log, refusals, the room view, the welcome.

export function commit(room: Room, entry: RoomEntry, out: Out) {
  const result = applyEntry(room, entry);
  out.push({ type: 'log', entry });
  return result;
}

export function everyone(room: Room): number[] {
  return [...room.members.keys()];
}

export function refuse(out: Out, conn: number, code: ErrorCode, message: string, close: CloseCode): void {
  send(out, [conn], { type: 'error', code, message });
  out.push({ type: 'close', conn, code: close, reason: code });
  out.push({ type: 'note', level: 'warn', text: `connection ${conn} refused (${code}): ${message}`, repeats: `connections refused (${code})` });
}

export function roomView(room: Room, now: number): RoomView {
  return {
    code: room.code, levelId: room.level.id, title: room.level.title, phase: room.phase, tick: room.tick,
    ...(room.phase === 'countdown' ? { countdownMs: Math.max(0, (room.countdownEndsAt - now) * room.speed) } : {}),
    players: [...room.seats.values()].map((s) => ({ id: s.id, name: s.name, ready: s.ready, connected: s.conn !== undefined, ...(s.team === undefined ? {} : { team: s.team }) })),
    spectators: [...room.members.values()].filter((m) => m.seat === undefined).length,
    ...(room.difficulty === DEFAULT_DIFFICULTY ? {} : { difficulty: room.difficulty }),
  };
}

export function broadcastRoom(room: Room, now: number, out: Out): void {
  send(out, everyone(room), { type: 'room', room: roomView(room, now) }, true);
}

export function welcome(room: Room, conn: number, now: number, seat: Seat | undefined, token: string | undefined, out: Out): void {
  const member = room.members.get(conn)!;
  send(out, [conn], {
    type: 'welcome', protocol: PROTOCOL_VERSION, ...(seat ? { playerId: seat.id, resumeToken: token } : {}), host: member.host,
    ...(seat && teamOf(room, seat) ? { teamKey: teamOf(room, seat)!.key } : {}),
    lastSeq: seat?.lastSeq ?? -1, tickMs: room.level.tickMs, seed: room.seed, level: room.level, room: roomView(room, now),
    syncEveryTicks: DEFAULTS.SYNC_EVERY_TICKS, leaderboardEveryTicks: DEFAULTS.LEADERBOARD_EVERY_TICKS,
  });
  if (seat?.side) sendSnapshot(out, room, seat, conn);
  sendLeaderboard(room, [conn], out);
  broadcastRoom(room, now, out);
}
