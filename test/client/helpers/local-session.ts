import type { Action } from '../shared/action.js';
import { act, advance, isOver, newGame, resultOf, type Game } from '../shared/game.js';
import type { GameEvent, Level } from '../shared/level.js';
import { scoreGame } from '../shared/scoring.js';
import { describeEvent } from '../shared/sim/events.js';
import { systemClock, type Clock } from './clock.js';
import type { EventNotice, EventPhase, GameSession, LeaderboardEntry, SessionListener, SessionMessage } from './session.js';

/** Room code of a game played alone, in this process. */
export const SOLO_ROOM = 'SOLO';
/** Ticks between leaderboard updates (1 s at the default tick), as a server would send them. */
const LEADERBOARD_EVERY_TICKS = 10;
/**
 * Most ticks one wake-up may run to catch up after the process was busy or asleep: past that the game
 * slows down rather than freezing the screen while it races.
 */
const MAX_CATCH_UP_TICKS = 10;

const PHASES: readonly EventPhase[] = ['upcoming', 'started', 'ended'];

export interface LocalSessionOptions {
  playerName?: string;
  seed?: number;
  clock?: Clock;
  /** Game seconds per wall-clock second: 1 plays in real time. */
  speed?: number;
}

function notice(e: GameEvent, index: number): EventNotice {
  return { index, type: e.type, text: describeEvent(e), at: e.at, duration: e.duration };
}

/** The seconds at which an event enters each phase. */
function phaseTimes(e: GameEvent): [number, number, number] {
  return [Math.max(0, e.at - e.announce), e.at, e.at + e.duration];
}

/**
 * The game run in this process from shared/game.ts, on a timer that does not drift: tick n is due at
 * start + n x tick length, whatever each tick took. Actions take effect at the next tick boundary, as
 * they would on a server.
 */
export class LocalSession implements GameSession {
  readonly room = SOLO_ROOM;
  readonly playerName: string;
  private readonly game: Game;
  private readonly clock: Clock;
  /** Wall-clock milliseconds per tick. */
  private readonly tickWallMs: number;
  private readonly listeners = new Set<SessionListener>();
  private readonly queued: { seq: number; action: Action }[] = [];
  /** Phases each event has been announced in, by timeline index (-1: none yet). */
  private readonly announced: number[];
  private nextSeq = 1;
  private startedAt = 0;
  private timer: unknown;
  private running = false;

  constructor(readonly level: Level, options: LocalSessionOptions = {}) {
    this.playerName = options.playerName ?? 'you';
    this.clock = options.clock ?? systemClock;
    this.tickWallMs = level.tickMs / (options.speed ?? 1);
    this.game = newGame(level, options.seed ?? level.seed);
    this.announced = level.events.map(() => -1);
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.clock.now() - this.game.state.tick * this.tickWallMs;
    this.emit({ type: 'connection', state: 'connected' });
    this.announce();
    this.emitSnapshot();
    this.emit({ type: 'leaderboard', entries: this.leaderboard() });
    this.schedule();
  }

  act(action: Action): number {
    const seq = this.nextSeq++;
    if (isOver(this.game)) {
      const r = act(this.game, action);
      // After the caller has its sequence number, as a server's answer would come.
      if (!r.ok) queueMicrotask(() => this.emit({ type: 'error', seq, action, code: r.error.code, message: r.error.message }));
      return seq;
    }
    this.queued.push({ seq, action });
    return seq;
  }

  close(): void {
    this.stop();
    this.emit({ type: 'connection', state: 'closed' });
    this.listeners.clear();
  }

  /** Runs the ticks that are due now; public so tests can drive the game without a timer. */
  runDueTicks(): void {
    // The epsilon keeps a timer that fires exactly on time from rounding down to the previous tick.
    const due = Math.floor((this.clock.now() - this.startedAt) / this.tickWallMs + 1e-9);
    let steps = 0;
    while (this.running && this.game.state.tick < due && steps < MAX_CATCH_UP_TICKS) {
      this.step();
      steps++;
    }
    if (this.running && this.game.state.tick < due) {
      // Too far behind: let the game time slip instead of racing.
      this.startedAt = this.clock.now() - this.game.state.tick * this.tickWallMs;
    }
    if (steps > 0) this.emitSnapshot();
  }

  private schedule(): void {
    if (!this.running) return;
    const nextDue = this.startedAt + (this.game.state.tick + 1) * this.tickWallMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.runDueTicks();
      this.schedule();
    }, Math.max(0, nextDue - this.clock.now()));
  }

  private stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private step(): void {
    for (const { seq, action } of this.queued.splice(0)) {
      const r = act(this.game, action);
      if (r.ok) this.emit({ type: 'ack', seq, action, cost: r.cost });
      else this.emit({ type: 'error', seq, action, code: r.error.code, message: r.error.message });
    }
    advance(this.game);
    this.announce();
    if (this.game.state.tick % LEADERBOARD_EVERY_TICKS === 0) this.emit({ type: 'leaderboard', entries: this.leaderboard() });
    if (isOver(this.game)) this.finish();
  }

  private finish(): void {
    this.stop();
    this.emitSnapshot();
    this.emit({ type: 'leaderboard', entries: this.leaderboard() });
    this.emit({ type: 'results', results: { result: resultOf(this.game), failedByNode: this.game.state.failedByNode, rank: 1, players: 1 } });
  }

  private announce(): void {
    const t = this.game.state.tick * (this.level.tickMs / 1000);
    this.level.events.forEach((e, index) => {
      const times = phaseTimes(e);
      let phase = this.announced[index]!;
      while (phase + 1 < PHASES.length && t >= times[phase + 1]!) {
        phase++;
        this.emit({ type: 'announce', tick: this.game.state.tick, phase: PHASES[phase]!, event: notice(e, index) });
      }
      this.announced[index] = phase;
    });
  }

  private leaderboard(): LeaderboardEntry[] {
    const { totals, built, upkeep } = this.game.state;
    const failed = totals.failed.reduce((a, b) => a + b, 0);
    const cost = built + upkeep;
    const score = scoreGame(totals.good, totals.good + failed, cost, this.level.target, this.level.budget);
    return [{ name: this.playerName, availability: score.availability, cost, score: score.score, you: true }];
  }

  private emitSnapshot(): void {
    this.emit({ type: 'snapshot', tick: this.game.state.tick, state: this.game.state });
  }

  private emit(message: SessionMessage): void {
    for (const l of this.listeners) l(message);
  }
}
