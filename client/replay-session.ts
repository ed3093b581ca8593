import type { Action, Plan } from '../shared/action.js';
import { act, advance, isOver, newGame, resultOf, type Game } from '../shared/game.js';
import { DEFAULT_DIFFICULTY, type Difficulty } from '../shared/difficulty.js';
import type { Level } from '../shared/level.js';
import { scoreGame } from '../shared/scoring.js';
import { systemClock, type Clock } from './clock.js';
import { EventTimeline } from './event-timeline.js';
import { MAP_KEYS } from './keymap.js';
import type { GameSession, ReplayControls, SessionListener, SessionMessage } from './session.js';

// A plan played back in the terminal UI: the game of shared/game.ts run in this process from the
// level, the seed and the plan's timed actions, read-only, with pause and seek. Seeking back plays
// the game again from the start (it is deterministic), so every tick shown is the one the plan made.

/** The room code the replay shows. */
export const REPLAY_ROOM = 'REPLAY';
/** Game seconds one Left/Right moves the replay. */
export const SEEK_SECONDS = 10;
/** Ticks between leaderboard updates, as a server sends them. */
const LEADERBOARD_EVERY_TICKS = 10;
/** The intents that would change the architecture: their keys are refused before any form opens. */
const EDIT_INTENTS = new Set(['place', 'link', 'unlink', 'scale', 'configure', 'upgrade', 'remove']);
/** The edit keys of the map, and the command palette (whose commands are edits). */
const EDIT_KEYS = new Set([':', ...MAP_KEYS.filter((b) => EDIT_INTENTS.has(b.intent.type)).flatMap((b) => b.keys)]);
/** What an edit key is told: a replay shows a game, it does not change it. */
export const READ_ONLY_MESSAGE = 'this is a replay, read-only: space pauses, Left/Right seek, q quits';

export class ReplaySession implements GameSession {
  readonly room = REPLAY_ROOM;
  readonly playerName = 'replay';
  readonly replayControls: ReplayControls;
  private readonly actions: { tick: number; action: Action }[];
  private readonly clock: Clock;
  private readonly tickWallMs: number;
  private readonly listeners = new Set<SessionListener>();
  private readonly totalTicks: number;
  private game!: Game;
  private timeline!: EventTimeline;
  private next = 0;
  private nextSeq = 1;
  private timer: unknown;
  private running = false;
  private isPaused = false;
  private finished = false;
  private readonly difficulty: Difficulty | undefined;

  /** `difficulty`: what `level` was played at (already applied to it), for the results to say. */
  constructor(readonly level: Level, plan: Plan, options: { speed?: number; clock?: Clock; difficulty?: Difficulty } = {}) {
    this.difficulty = options.difficulty === DEFAULT_DIFFICULTY ? undefined : options.difficulty;
    this.clock = options.clock ?? systemClock;
    const dt = level.tickMs / 1000;
    this.tickWallMs = level.tickMs / (options.speed ?? 1);
    // As `simulate` applies them: at the first tick at or after their time, in the plan's order.
    this.actions = plan.actions.map((a, i) => ({ i, tick: Math.ceil(a.at / dt - 1e-9), action: a.action })).sort((a, b) => a.tick - b.tick || a.i - b.i);
    this.totalTicks = Math.round(level.durationSeconds / dt);
    this.reset();
    this.replayControls = {
      key: (key) => this.key(key),
      paused: () => this.isPaused,
      seconds: () => this.game.state.tick * dt,
    };
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.emit({ type: 'connection', state: 'connected' });
    this.emit({ type: 'level', level: this.level, spectator: false });
    this.emit({
      type: 'room',
      room: { code: this.room, levelId: this.level.id, title: this.level.title, phase: 'running', spectators: 0, players: [{ id: 'p1', name: this.playerName, ready: true, connected: true, you: true }] },
    });
    this.show();
    this.schedule();
  }

  /** Every edit is refused, with a line saying why. */
  act(action: Action): number {
    const seq = this.nextSeq++;
    queueMicrotask(() => this.emit({ type: 'error', seq, action, code: 'REPLAY', message: READ_ONLY_MESSAGE }));
    return seq;
  }

  ready(): void {}

  close(): void {
    this.stop();
    this.emit({ type: 'connection', state: 'closed', detail: 'you left the replay' });
    this.listeners.clear();
  }

  private key(key: string): boolean {
    if (key === 'space' || key === ' ') {
      this.isPaused = !this.isPaused;
      if (!this.isPaused) this.schedule();
      this.show();
      return true;
    }
    const step = Math.round(SEEK_SECONDS / (this.level.tickMs / 1000));
    if (key === 'left') return this.seek(this.game.state.tick - step);
    if (key === 'right') return this.seek(this.game.state.tick + step);
    if (EDIT_KEYS.has(key)) {
      this.emit({ type: 'notice', text: READ_ONLY_MESSAGE });
      return true;
    }
    return false;
  }

  /** Plays to `tick` (from the start when it is behind), short of the end: the results come by playing on. */
  private seek(tick: number): boolean {
    if (this.finished) return true;
    const to = Math.max(0, Math.min(this.totalTicks - 1, tick));
    if (to < this.game.state.tick) this.reset();
    while (this.game.state.tick < to) this.step(false);
    this.show();
    return true;
  }

  private reset(): void {
    this.game = newGame(this.level, this.level.seed);
    this.timeline = new EventTimeline(this.level.events);
    this.next = 0;
  }

  private schedule(): void {
    if (!this.running || this.isPaused || this.finished || this.timer !== undefined) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.isPaused || !this.running) return;
      this.step(true);
      this.show();
      this.schedule();
    }, this.tickWallMs);
  }

  private stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private step(live: boolean): void {
    const s = this.game.state;
    while (this.next < this.actions.length && this.actions[this.next]!.tick <= s.tick) act(this.game, this.actions[this.next++]!.action);
    advance(this.game);
    if (live) this.announce();
    if (isOver(this.game)) this.finish();
  }

  private finish(): void {
    this.finished = true;
    this.stop();
    const result = resultOf(this.game);
    this.emit({ type: 'snapshot', tick: this.game.state.tick, state: this.game.state });
    this.emit({
      type: 'results',
      results: { ...(this.difficulty ? { difficulty: this.difficulty } : {}), result, failedByNode: this.game.state.failedByNode, rank: 1, players: 1, standings: [{ rank: 1, name: this.playerName, availability: result.availability, score: result.score, passed: result.passed, complete: result.complete, you: true }] },
    });
  }

  /** The state at the tick shown, its events and its standing. */
  private show(): void {
    if (this.finished) return;
    const { totals, built, upkeep, tick } = this.game.state;
    this.announce();
    this.emit({ type: 'snapshot', tick, state: this.game.state });
    if (tick % LEADERBOARD_EVERY_TICKS === 0 || this.isPaused) {
      const failed = totals.failed.reduce((a, b) => a + b, 0);
      const cost = built + upkeep;
      const score = scoreGame(totals.good, totals.good + failed, cost, this.level.target, this.level.budget);
      this.emit({ type: 'leaderboard', tick, entries: [{ rank: 1, name: this.playerName, availability: score.availability, cost, score: score.score, you: true, connected: true }] });
    }
  }

  private announce(): void {
    const tick = this.game.state.tick;
    for (const c of this.timeline.advance(tick * (this.level.tickMs / 1000))) this.emit({ type: 'announce', tick, ...c });
  }

  private emit(message: SessionMessage): void {
    for (const l of this.listeners) l(message);
  }
}
