import type { Action } from '../shared/action.js';
import { applyAction } from '../shared/architecture.js';
import type { Level } from '../shared/level.js';
import { prepareLevel, type LevelRuntime } from '../shared/level-runtime.js';
import type { GameState } from '../shared/state.js';

/**
 * The player's state as the server has it now: its last snapshot with the actions it acked since,
 * applied by the same rules. Snapshots come twice a second; without this, a node placed a moment ago
 * could not be selected or linked until the next one.
 */
export class Prediction {
  private readonly rt: LevelRuntime;
  private server: GameState | undefined;
  /** Actions acked since the last snapshot, with the tick each took effect at. */
  private acked: { tick: number; action: Action }[] = [];

  constructor(level: Level) {
    this.rt = prepareLevel(level);
  }

  /** A snapshot from the server; returns the state to show. */
  snapshot(state: GameState): GameState {
    this.server = state;
    // An action acked at tick t took effect after that tick was stepped: snapshot t has not seen it.
    this.acked = this.acked.filter((a) => a.tick >= state.tick);
    return this.replay();
  }

  /** An action the server accepted at `tick`; returns the state to show (none before a first snapshot). */
  ack(tick: number, action: Action): GameState | undefined {
    if (!this.server) return undefined;
    this.acked.push({ tick, action });
    return this.replay();
  }

  private replay(): GameState {
    const server = this.server!;
    if (!this.acked.length) return server;
    const state = structuredClone(server);
    for (const a of this.acked) applyAction(state, a.action, { rt: this.rt });
    return state;
  }
}
