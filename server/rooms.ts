import { applyDifficulty, DEFAULT_DIFFICULTY, type Difficulty } from '../shared/difficulty.js';
import type { Level } from '../shared/level.js';
import type { CloseCode } from '../shared/protocol.js';
import { hashToken, newRoomCode, newTeamKey, newToken } from './codes.js';
import type { RepeatedWarnings } from './log-repeats.js';
import type { Logger } from './logger.js';
import type { OutFrame } from './outbox.js';
import { createRoom, handle, markAway, nextWakeAt, type RoomInput, type RoomOutput } from './room.js';
import { ROOM_LOG_VERSION, type RoomEntryOf } from './room-entry.js';
import { tickWallMs, type Room, type RoomOptions } from './room-model.js';
import { resultsFile } from './results-file.js';
import { debriefRound } from './round-debriefs.js';
import type { RoomLogSink, Storage } from './storage.js';

/** Where a room's messages go: the WebSocket layer. */
interface Transport {
  /** What one dispatch sends a connection, in order: the transport may put it in one frame. */
  send(conn: number, frames: readonly OutFrame[]): void;
  close(conn: number, code: CloseCode, reason: string): void;
}

interface RoomsOptions extends Omit<RoomOptions, 'speed'> {
  speed: number;
  maxRooms: number;
  /** Where room logs and results go; without one, nothing is kept. */
  storage: Storage | undefined;
  logger: Logger;
  /** Warnings a flood repeats, counted into one line a second. */
  warnings: RepeatedWarnings;
  transport: Transport;
  /** Milliseconds on a monotonic clock. */
  now: () => number;
  /** Called with the milliseconds each clock input took (the benchmark's tick duration). */
  onTick?: (ms: number) => void;
}

interface Slot {
  room: Room;
  log: RoomLogSink | undefined;
  timer: NodeJS.Timeout | undefined;
}

/** A room log that could not be restored: `keptAs` is where it is now, untouched. */
export interface Unrestorable {
  code: string;
  file: string;
  problem: string;
  keptAs: string;
}

export interface RoomSummary {
  code: string;
  levelId: string;
  phase: Room['phase'];
  tick: number;
}

/** Attempts at drawing a free room code before concluding the code space is exhausted. */
const CODE_ATTEMPTS = 100;

class RoomsFullError extends Error {}

/**
 * The rooms of a server: creates them, restores them from their logs, feeds them inputs, and carries
 * out what they decide: sends, closes, log lines, results files, and the timer for their next tick.
 */
export class Rooms {
  private readonly slots = new Map<string, Slot>();
  /** Stops the debriefs still being worked out. */
  private readonly debriefing = new Set<() => void>();

  constructor(private readonly o: RoomsOptions) {}

  get(code: string): Room | undefined {
    return this.slots.get(code)?.room;
  }

  list(): RoomSummary[] {
    return [...this.slots.values()].map(({ room }) => ({ code: room.code, levelId: room.level.id, phase: room.phase, tick: room.tick }));
  }

  private roomOptions(): RoomOptions {
    const { speed, maxPlayers, maxSpectators, maxSeatsPerAddress, lobbySeatGraceMs, awaySeatsUncounted } = this.o;
    return {
      speed, maxPlayers, maxSpectators,
      ...(maxSeatsPerAddress === undefined ? {} : { maxSeatsPerAddress }),
      ...(lobbySeatGraceMs === undefined ? {} : { lobbySeatGraceMs }),
      ...(awaySeatsUncounted === undefined ? {} : { awaySeatsUncounted }),
    };
  }

  private freeCode(): string {
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      const code = newRoomCode();
      if (!this.slots.has(code) && !this.o.storage?.hasRoom(code)) return code;
    }
    throw new RoomsFullError(`no free room code after ${CODE_ATTEMPTS} draws`);
  }

  /** Rooms whose round is over and that nobody is in make way for new ones. */
  private evictIdle(): void {
    for (const [code, slot] of this.slots) {
      if (slot.room.phase !== 'ended' || slot.room.members.size > 0) continue;
      slot.log?.close();
      this.slots.delete(code);
    }
  }

  /** `sequence`: a series of levels played in turn (its first is `level`), with cumulative totals. */
  create(level: Level, seed = level.seed, sequence?: Level[], difficulty: Difficulty = DEFAULT_DIFFICULTY): { code: string; hostToken: string } {
    if (this.slots.size >= this.o.maxRooms) this.evictIdle();
    if (this.slots.size >= this.o.maxRooms) throw new RoomsFullError(`this server holds ${this.slots.size} rooms, the most it allows`);
    const code = this.freeCode();
    const hostToken = newToken();
    // The levels are logged as played, the difficulty applied: a restore replays the same games.
    const played = sequence?.map((l) => applyDifficulty(l, difficulty));
    const entry: RoomEntryOf<'create'> = {
      t: 'create', v: ROOM_LOG_VERSION, code, level: applyDifficulty(level, difficulty), seed, hostTokenHash: hashToken(hostToken),
      ...(played ? { sequence: played } : {}), ...(difficulty === DEFAULT_DIFFICULTY ? {} : { difficulty }),
    };
    const { room, outputs } = createRoom(entry, this.roomOptions());
    const slot: Slot = { room, log: this.o.storage?.openLog(code), timer: undefined };
    this.slots.set(code, slot);
    this.dispatch(slot, outputs);
    this.o.logger.info(`room ${code}: created for ${level.id} (seed ${seed}${difficulty === DEFAULT_DIFFICULTY ? '' : `, ${difficulty}`})`);
    return { code, hostToken };
  }

  /**
   * Rebuilds every room of the data directory whose round is not over, by replaying its log. A round
   * in play goes on from the last tick the log reached; players resume with their tokens. A log
   * damaged part way is restored up to its last good entry (what was dropped is logged); one that
   * cannot be restored at all is reported, and moved aside if `setAside`.
   */
  restore(setAside: boolean): { restored: RoomSummary[]; unrestorable: Unrestorable[] } {
    const { storage, logger } = this.o;
    const restored: RoomSummary[] = [];
    const unrestorable: Unrestorable[] = [];
    if (!storage) return { restored, unrestorable };
    for (const { code, where: file, restore } of storage.rooms()) {
      const outcome = restore(this.roomOptions(), setAside);
      if (!outcome.ok) {
        unrestorable.push({ code, file, problem: outcome.problem, keptAs: outcome.keptAs });
        // Left in place, the caller reports it and does not start; set aside, the server goes on: say so here.
        if (setAside) logger.error(`room ${code}: cannot be restored from ${file}: ${outcome.problem}; set aside, untouched, as ${outcome.keptAs}`);
        continue;
      }
      const { room } = outcome;
      if (room.phase === 'ended') continue;
      for (const w of outcome.warnings) logger.warn(`room ${code}: ${w}`);
      room.origin = this.o.now() - room.tick * tickWallMs(room);
      // Nobody is connected yet: lobby seats get the grace period from now to come back.
      markAway(room, this.o.now());
      const slot: Slot = { room, log: storage.openLog(code), timer: undefined };
      this.slots.set(code, slot);
      this.schedule(slot);
      restored.push({ code, levelId: room.level.id, phase: room.phase, tick: room.tick });
      logger.info(`room ${code}: restored from its log at tick ${room.tick} (${room.phase}, ${room.seats.size} seat(s))`);
    }
    return { restored, unrestorable };
  }

  input(code: string, input: RoomInput): void {
    const slot = this.slots.get(code);
    if (!slot) return;
    // A fresh key, should the input make a team (the room draws nothing itself).
    if ((input.type === 'hello' || input.type === 'message' || input.type === 'control') && input.teamKey === undefined) input = { ...input, teamKey: newTeamKey() };
    const started = performance.now();
    this.dispatch(slot, handle(slot.room, input));
    if (input.type === 'clock') this.o.onTick?.(performance.now() - started);
  }

  private dispatch(slot: Slot, outputs: RoomOutput[]): void {
    const { transport, logger } = this.o;
    // The log goes first: whatever a player is told below is already on disk.
    for (const o of outputs) if (o.type === 'log') slot.log?.append(o.entry);
    slot.log?.flush();
    // A connection's messages are gathered and go out together, before anything closes it.
    const pending = new Map<number, OutFrame[]>();
    const deliver = (conn: number) => {
      const frames = pending.get(conn);
      if (!frames) return;
      pending.delete(conn);
      transport.send(conn, frames);
    };
    for (const o of outputs) {
      switch (o.type) {
        case 'send':
          const frame: OutFrame = { data: o.data, droppable: o.droppable, kind: o.kind };
          for (const conn of o.to) {
            const frames = pending.get(conn);
            if (frames) frames.push(frame);
            else pending.set(conn, [frame]);
          }
          break;
        case 'close':
          deliver(o.conn);
          transport.close(o.conn, o.code, o.reason);
          break;
        case 'results':
          this.results(slot.room.code, o);
          break;
        case 'note':
          if (o.repeats !== undefined && o.level === 'warn') this.o.warnings.say(o.repeats, o.text);
          else logger[o.level](o.text);
          break;
        case 'log':
          break;
      }
    }
    for (const [conn, frames] of pending) transport.send(conn, frames);
    this.schedule(slot);
  }

  /**
   * Keeps a round's results, then works out its debriefs in the background; when they are ready, they
   * join the results file and go to the players.
   */
  private results(code: string, o: Extract<RoomOutput, { type: 'results' }>): void {
    const { storage, logger } = this.o;
    const record = resultsFile(code, new Date().toISOString(), o);
    if (storage) logger.info(`room ${code}: results of round ${o.round} kept in ${storage.writeResults(code, o.round, record)}`);
    const started = performance.now();
    const stop = debriefRound(o, (debriefs) => {
      this.debriefing.delete(stop);
      logger.info(`room ${code}: ${debriefs.length} debrief(s) of round ${o.round} in ${Math.round(performance.now() - started)} ms`);
      if (storage) storage.writeResults(code, o.round, { ...record, debriefs: Object.fromEntries(debriefs.map((d) => [d.player, d.debrief])) });
      this.input(code, { type: 'debriefs', now: this.o.now(), round: o.round, debriefs });
    }, (player, e) => {
      logger.error(`room ${code}: no debrief for ${player} in round ${o.round}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    });
    this.debriefing.add(stop);
  }

  /** One timer per room, set for the exact time its next tick is due (a schedule, not an interval). */
  private schedule(slot: Slot): void {
    clearTimeout(slot.timer);
    const wake = nextWakeAt(slot.room);
    slot.timer = wake === undefined ? undefined : setTimeout(() => this.tick(slot), Math.max(0, wake - this.o.now()));
  }

  /** A bug met in one room's tick stops that room (logged), not the server and its other rooms. */
  private tick(slot: Slot): void {
    try {
      this.input(slot.room.code, { type: 'clock', now: this.o.now() });
    } catch (e) {
      this.o.logger.error(`room ${slot.room.code}: internal error, the room is stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  close(): void {
    for (const stop of this.debriefing) stop();
    this.debriefing.clear();
    for (const slot of this.slots.values()) {
      clearTimeout(slot.timer);
      slot.log?.close();
    }
    this.slots.clear();
  }
}
