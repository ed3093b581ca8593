import type { Level } from '../../../shared/level.js';
import { PROTOCOL_VERSION, rulesHash, type HostControl, type ServerMessage } from '../../../shared/protocol.js';
import { hashToken } from '../../../server/codes.js';
import { createRoom, handle, nextWakeAt, type RoomMessage, type RoomOutput } from '../../../server/room.js';
import type { RoomEntry } from '../../../server/room-entry.js';
import type { Room } from '../../../server/room-model.js';
import { raceLevel } from './race-level.js';

export const HOST_TOKEN = 'host-token-0123456789a';

/** A room driven by hand: every output is kept, and the log is the entries it emitted. */
export class Driver {
  room: Room;
  outputs: RoomOutput[] = [];
  now = 0;
  private tokens = 0;

  constructor(options: { maxPlayers?: number; maxSpectators?: number; level?: Level; code?: string } = {}) {
    const level = options.level ?? raceLevel();
    const created = createRoom(
      { t: 'create', v: 1, code: options.code ?? 'ABCDE', level, seed: level.seed, hostTokenHash: hashToken(HOST_TOKEN) },
      { speed: 1, maxPlayers: options.maxPlayers ?? 10, maxSpectators: options.maxSpectators ?? 10 },
    );
    this.room = created.room;
    this.outputs.push(...created.outputs);
  }

  private run(outputs: RoomOutput[]): RoomOutput[] {
    this.outputs.push(...outputs);
    return outputs;
  }

  /** `address`: the connection's remote address (127.0.0.1 unless given). */
  hello(conn: number, name: string, extra: { resume?: string; spectate?: boolean; hostToken?: string; team?: string; teamKey?: string; address?: string } = {}): RoomOutput[] {
    const token = `token-${++this.tokens}-padding-xx`;
    const { address = '127.0.0.1', ...fields } = extra;
    return this.run(handle(this.room, {
      type: 'hello', conn, now: this.now, address, token, tokenHash: hashToken(token), teamKey: `KEY${this.tokens}`,
      hello: { type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name, room: 'ABCDE', ...fields },
      ...(extra.resume ? { resumeHash: hashToken(extra.resume) } : {}),
      ...(extra.hostToken ? { hostHash: hashToken(extra.hostToken) } : {}),
    }));
  }

  send(conn: number, msg: RoomMessage): RoomOutput[] {
    return this.run(handle(this.room, { type: 'message', conn, now: this.now, msg }));
  }

  control(control: HostControl): RoomOutput[] {
    return this.run(handle(this.room, { type: 'control', now: this.now, control, teamKey: `KEY${++this.tokens}` }));
  }

  /** Moves the clock to `now` in one jump, as a late timer would. */
  at(now: number): RoomOutput[] {
    this.now = now;
    return this.run(handle(this.room, { type: 'clock', now }));
  }

  /** Runs the clock tick by tick, waking exactly when the room asks to, until `tick`. */
  runTo(tick: number): void {
    while (this.room.tick < tick) {
      const wake = nextWakeAt(this.room);
      if (wake === undefined) throw new Error(`room is ${this.room.phase} at tick ${this.room.tick}: no wake-up to reach tick ${tick}`);
      this.at(wake);
    }
  }

  startGame(): void {
    this.control({ type: 'start' });
    this.at(nextWakeAt(this.room)!);
  }

  log(): RoomEntry[] {
    return this.outputs.flatMap((o) => (o.type === 'log' ? [o.entry] : []));
  }
}

export function sent(outputs: RoomOutput[], conn: number): ServerMessage[] {
  return outputs.flatMap((o) => (o.type === 'send' && o.to.includes(conn) ? [JSON.parse(o.data) as ServerMessage] : []));
}

export function only<T extends ServerMessage['type']>(outputs: RoomOutput[], conn: number, type: T): Extract<ServerMessage, { type: T }> {
  const found = sent(outputs, conn).filter((m): m is Extract<ServerMessage, { type: T }> => m.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} to conn ${conn}, got ${found.length}`);
  return found[0]!;
}

export function closes(outputs: RoomOutput[]) {
  return outputs.flatMap((o) => (o.type === 'close' ? [{ conn: o.conn, code: o.code }] : []));
}

