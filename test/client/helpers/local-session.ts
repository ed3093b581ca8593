import type { Action } from '../../../shared/action.js';
import { act, advance, isOver, newGame, resultOf, type Game } from '../../../shared/game.js';
import type { Level } from '../../../shared/level.js';
import { scoreGame } from '../../../shared/scoring.js';
import { systemClock, type Clock } from '../../../client/clock.js';
import { EventTimeline } from '../../../client/event-timeline.js';
import type { GameSession, LeaderboardEntry, SessionListener, SessionMessage } from '../../../client/session.js';

/** Room code of the double's game. */
export const LOCAL_ROOM = 'LOCAL';
/** Ticks between leaderboard updates (1 s at the default tick), as a server sends them. */
const LEADERBOARD_EVERY_TICKS = 10;
/** Most ticks one wake-up runs to catch up, as the server's loop does. */
const MAX_CATCH_UP_TICKS = 10;

export interface LocalSessionOptions {
  playerName?: string;
  clock?: Clock;
  /** Game seconds per wall-clock second. */
  speed?: number;
}

/**
 * A session double for screen tests and the client benchmark: the game of shared/game.ts run in this
 * process on an injected clock, a tick per tick length, telling the UI what a server would (a room of
 * one, already running). Its state is the game's own, shared rather than copied.
 */
export class LocalSession implements GameSession {
  readonly room = LOCAL_ROOM;
  readonly playerName: string;
  private readonly game: Game;
  private readonly clock: Clock;
  private readonly tickWallMs: number;
  private readonly listeners = new Set<SessionListener>();
  private readonly queued: { seq: number; action: Action }[] = [];
  private readonly timeline: EventTimeline;
  private nextSeq = 1;
  private startedAt = 0;
  private timer: unknown;
  private running = false;

  constructor(readonly level: Level, options: LocalSessionOptions = {}) {
    this.playerName = options.playerName ?? 'you';
    this.clock = options.clock ?? systemClock;
    this.tickWallMs = level.tickMs / (options.speed ?? 1);
    this.game = newGame(level, level.seed);
    this.timeline = new EventTimeline(level.events);
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
    this.emit({ type: 'level', level: this.level, spectator: false });
    this.emit({
      type: 'room',
      room: { code: this.room, levelId: this.level.id, title: this.level.title, phase: 'running', spectators: 0, players: [{ id: 'p1', name: this.playerName, ready: true, connected: true, you: true }] },
    });
    this.emitSnapshot();
    this.announce();
    this.emit({ type: 'leaderboard', tick: this.game.state.tick, entries: this.leaderboard() });
    this.schedule();
  }

  act(action: Action): number {
    const seq = this.nextSeq++;
    if (isOver(this.game)) {
      const r = act(this.game, action);
      if (!r.ok) queueMicrotask(() => this.emit({ type: 'error', seq, action, code: r.error.code, message: r.error.message }));
      return seq;
    }
    this.queued.push({ seq, action });
    return seq;
  }

  ready(): void {}

  close(): void {
    this.stop();
    this.emit({ type: 'connection', state: 'closed', detail: 'you left the room' });
    this.listeners.clear();
  }

  /** Runs the ticks that are due now; public so a benchmark can drive the game without a timer. */
  runDueTicks(): void {
    // The epsilon keeps a timer that fires exactly on time from rounding down to the previous tick.
    const due = Math.floor((this.clock.now() - this.startedAt) / this.tickWallMs + 1e-9);
    let steps = 0;
    while (this.running && this.game.state.tick < due && steps < MAX_CATCH_UP_TICKS) {
      this.step();
      steps++;
    }
    if (this.running && this.game.state.tick < due) this.startedAt = this.clock.now() - this.game.state.tick * this.tickWallMs;
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
    if (this.game.state.tick % LEADERBOARD_EVERY_TICKS === 0) this.emit({ type: 'leaderboard', tick: this.game.state.tick, entries: this.leaderboard() });
    if (isOver(this.game)) this.finish();
  }

  private finish(): void {
    this.stop();
    this.emitSnapshot();
    const result = resultOf(this.game);
    this.emit({
      type: 'results',
      results: { result, failedByNode: this.game.state.failedByNode, rank: 1, players: 1, standings: [{ rank: 1, name: this.playerName, availability: result.availability, score: result.score, passed: result.passed, complete: result.complete, you: true }] },
    });
  }

  private announce(): void {
    const tick = this.game.state.tick;
    for (const c of this.timeline.advance(tick * (this.level.tickMs / 1000))) this.emit({ type: 'announce', tick, ...c });
  }

  private leaderboard(): LeaderboardEntry[] {
    const { totals, built, upkeep } = this.game.state;
    const failed = totals.failed.reduce((a, b) => a + b, 0);
    const cost = built + upkeep;
    const score = scoreGame(totals.good, totals.good + failed, cost, this.level.target, this.level.budget);
    return [{ rank: 1, name: this.playerName, availability: score.availability, cost, score: score.score, you: true, connected: true }];
  }

  private emitSnapshot(): void {
    this.emit({ type: 'snapshot', tick: this.game.state.tick, state: this.game.state });
  }

  private emit(message: SessionMessage): void {
    for (const l of this.listeners) l(message);
  }
}
