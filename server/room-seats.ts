import { CLOSE_CODES, ERROR_CODES } from '../shared/protocol.js';
import { hashToken } from './codes.js';
import type { Out } from './room-output.js';
import { teamId, teamOf, type Room, type Seat } from './room-model.js';
import type { RoomInput } from './room.js';
import { broadcastRoom, commit, refuse, welcome } from './room-views.js';

// Who gets a seat: hello, resumes and players back by name, the team keys, the per-address cap,
// and the lobby seats released after their grace.

/** Hex characters of an address's hash kept per seat: plenty to tell a room's addresses apart. */
const ADDRESS_KEY_CHARS = 16;

/** Every seat without a connection is away from `now` on (a room restored from its log, a round that ended). */
export function markAway(room: Room, now: number): void {
  for (const seat of room.seats.values()) if (seat.conn === undefined) seat.awaySince ??= now;
}

/** Lobby seats away for the grace period are released: throwaway joins do not keep a room full. */
export function releaseAway(room: Room, now: number, out: Out): void {
  const gone = [...room.seats.values()].filter((s) => s.conn === undefined && s.awaySince !== undefined && now >= s.awaySince + room.lobbySeatGraceMs);
  if (!gone.length) return;
  for (const seat of gone) commit(room, { t: 'leave', player: seat.id }, out);
  out.push({ type: 'note', level: 'info', text: `room ${room.code}: released ${gone.length} lobby seat(s) away for ${room.lobbySeatGraceMs / 1000} s: ${gone.map((s) => s.name).join(', ')}` });
  broadcastRoom(room, now, out);
}

/** Seats that count toward the room's capacity: all of them, except, during a round, up to `awaySeatsUncounted` away ones. */
export function countedSeats(room: Room): number {
  if (room.phase !== 'running' && room.phase !== 'paused') return room.seats.size;
  const away = [...room.seats.values()].filter((s) => s.conn === undefined).length;
  return room.seats.size - Math.min(away, room.awaySeatsUncounted);
}

/** What a seat keeps (and the log holds) of the address that took it: a hash, not the address itself. */
function addressKey(address: string): string {
  return hashToken(`address:${address}`).slice(0, ADDRESS_KEY_CHARS);
}

/** Gives `seat` to connection `conn`, with a fresh token (a resume, or a player back by name). */
function retake(room: Room, seat: Seat, input: Extract<RoomInput, { type: 'hello' }>, host: boolean, how: string, out: Out): void {
  const { conn } = input;
  if (seat.conn !== undefined) {
    room.members.delete(seat.conn);
    out.push({ type: 'close', conn: seat.conn, code: CLOSE_CODES.REPLACED, reason: 'seat taken over by a new connection' });
  }
  commit(room, { t: 'token', player: seat.id, tokenHash: input.tokenHash, from: addressKey(input.address) }, out);
  seat.conn = conn;
  seat.awaySince = undefined;
  room.members.set(conn, { seat: seat.id, host });
  out.push({ type: 'note', level: 'info', text: `room ${room.code}: ${seat.name} (${seat.id}) ${how}` });
  welcome(room, conn, input.now, seat, input.token, out);
}

/** The key the shell drew for a team this input makes: a room cannot draw one itself. */
export function freshKey(key: string | undefined): string {
  if (key === undefined) throw new Error('expected a fresh team key with an input that makes a team, got none');
  return key;
}

export function hello(room: Room, input: Extract<RoomInput, { type: 'hello' }>, out: Out): void {
  const { conn, now, hello: h } = input;
  const host = input.hostHash !== undefined;
  if (host && input.hostHash !== room.hostTokenHash) {
    return refuse(out, conn, ERROR_CODES.BAD_HOST_TOKEN, `the host token given is not room ${room.code}'s; use the one \`nines host\` printed`, CLOSE_CODES.BAD_TOKEN);
  }
  if (input.resumeHash !== undefined) {
    const seat = [...room.seats.values()].find((s) => s.tokenHash === input.resumeHash);
    if (!seat) {
      if (room.kicked.has(input.resumeHash)) return refuse(out, conn, ERROR_CODES.BAD_RESUME_TOKEN, `the host removed this seat from room ${room.code}`, CLOSE_CODES.KICKED);
      return refuse(out, conn, ERROR_CODES.BAD_RESUME_TOKEN, `the resume token matches no seat of room ${room.code} (tokens change on every resume: use the latest)`, CLOSE_CODES.BAD_TOKEN);
    }
    return retake(room, seat, input, host, 'resumed', out);
  }
  if (h.spectate) {
    const spectators = [...room.members.values()].filter((m) => m.seat === undefined).length;
    if (spectators >= room.maxSpectators) return refuse(out, conn, ERROR_CODES.ROOM_FULL, `room ${room.code} has ${spectators} spectators, the most it takes`, CLOSE_CODES.FULL);
    room.members.set(conn, { seat: undefined, host });
    out.push({ type: 'note', level: 'info', text: `room ${room.code}: ${h.name} watches${host ? ' as host' : ''}` });
    return welcome(room, conn, now, undefined, undefined, out);
  }
  const lower = h.name.toLowerCase();
  const named = [...room.seats.values()].find((s) => s.name.toLowerCase() === lower);
  if (named?.conn !== undefined) {
    return refuse(out, conn, ERROR_CODES.NAME_TAKEN, `room ${room.code} already has a connected player named "${h.name}": pick another name`, CLOSE_CODES.REFUSED);
  }
  // A player who quit comes back by name: the away seat is theirs until it is released (a team's seat with the team's key).
  if (named) {
    const team = teamOf(room, named);
    if (team && h.teamKey !== team.key) {
      return refuse(out, conn, ERROR_CODES.BAD_TEAM_KEY, `"${named.name}" plays in team ${team.name}: taking the seat back by name needs the team key too (--team-key), or the resume of the client that held it`, CLOSE_CODES.REFUSED);
    }
    return retake(room, named, input, host, 'came back by name', out);
  }
  const team = h.team === undefined ? undefined : room.teams.get(teamId(h.team));
  if (team && h.teamKey === undefined) {
    return refuse(out, conn, ERROR_CODES.BAD_TEAM_KEY, `team ${team.name} already plays in room ${room.code}: joining it needs its team key, which its members see on their screen (add --team-key <KEY>), or the host puts you in it`, CLOSE_CODES.REFUSED);
  }
  if (team && h.teamKey !== team.key) {
    return refuse(out, conn, ERROR_CODES.BAD_TEAM_KEY, `the team key given (${h.teamKey}) is not team ${team.name}'s: check it with a member, or ask the host to put you in it`, CLOSE_CODES.REFUSED);
  }
  const counted = countedSeats(room);
  if (counted >= room.maxPlayers) return refuse(out, conn, ERROR_CODES.ROOM_FULL, `room ${room.code} has ${counted} players, the most it seats`, CLOSE_CODES.FULL);
  const key = addressKey(input.address);
  const fromAddress = [...room.seats.values()].filter((s) => s.address === key).length;
  if (fromAddress >= room.maxSeatsPerAddress) {
    return refuse(out, conn, ERROR_CODES.ADDRESS_FULL, `room ${room.code} already seats ${fromAddress} players from your address (${input.address}), the most one machine may take; for a class behind one address the host runs \`nines host --max-seats-per-address ${room.maxPlayers}\``, CLOSE_CODES.FULL);
  }
  const player = `p${room.nextPlayer}`;
  if (h.team !== undefined && !team) commit(room, { t: 'team', team: h.team, key: freshKey(input.teamKey) }, out);
  commit(room, { t: 'join', tick: room.tick, player, name: h.name, tokenHash: input.tokenHash, from: key, ...(h.team === undefined ? {} : { team: h.team }) }, out);
  const seat = room.seats.get(player)!;
  seat.conn = conn;
  room.members.set(conn, { seat: player, host });
  out.push({ type: 'note', level: 'info', text: `room ${room.code}: ${h.name} joined as ${player}${h.team === undefined ? '' : ` in team ${h.team}`}${host ? ' (host)' : ''}` });
  welcome(room, conn, now, seat, input.token, out);
}
