import type { Action } from '../shared/action.js';
import { applyAction } from '../shared/architecture.js';
import { newGame } from '../shared/game.js';
import type { GameEvent, Level } from '../shared/level.js';
import { prepareLevel, type LevelRuntime } from '../shared/level-runtime.js';
import { createEngine, type Engine } from '../shared/sim/index.js';
import { stateHash } from '../shared/state-hash.js';
import type { GameState } from '../shared/state.js';

/**
 * The player's game as the server plays it, replayed here: a base state from the server, stepped by
 * the same rules, with the changes the server made between two steps applied at the same place. The
 * rules are deterministic, so the copy stays equal to the server's, which the syncs' hashes check.
 * Each method returns false when the copy cannot follow (no base, or a change from the past): the
 * caller then asks for a new base.
 */
export class GameReplica {
  private readonly rt: LevelRuntime;
  private readonly engine: Engine;
  private current: GameState | undefined;

  constructor(level: Level, private readonly seed: number) {
    this.rt = prepareLevel(level);
    this.engine = createEngine(this.rt);
  }

  /** The copy as of the last change; undefined without a base. Stepping changes it in place. */
  get state(): GameState | undefined {
    return this.current;
  }

  /** A snapshot from the server, whole: the copy starts over from it (and owns it). */
  base(state: GameState): void {
    this.current = state;
  }

  /** The round's game at its first tick, as the server makes every game when the countdown ends. */
  fresh(): void {
    this.current = newGame(this.rt.level, this.seed).state;
  }

  /** Forgets the copy: nothing follows until the next base. */
  drop(): void {
    this.current = undefined;
  }

  /** Steps the copy up to `tick`. */
  stepTo(tick: number): boolean {
    const state = this.current;
    if (!state || tick < state.tick) return false;
    while (state.tick < tick) this.engine.step(state);
    return true;
  }

  /** An action the server accepted at `tick` (its own player's or a teammate's). */
  act(tick: number, action: Action): boolean {
    return this.stepTo(tick) && applyAction(this.current!, action, { rt: this.rt }).ok;
  }

  /** A live event the host fired into this game at `tick`. */
  fire(tick: number, event: GameEvent): boolean {
    if (!this.stepTo(tick)) return false;
    this.current!.fired.push({ ...event });
    return true;
  }

  /** Whether the copy is the server's state with hash `hash`. */
  matches(hash: string): boolean {
    return this.current !== undefined && stateHash(this.current) === hash;
  }
}
