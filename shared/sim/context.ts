import type { LevelRuntime } from '../level-runtime.js';
import { FAILURE_REASONS, type FailureReason, REASON_INDEX } from '../reasons.js';
import type { GameState } from '../state.js';
import type { GameEvent } from '../level.js';
import { CLASS_COUNT } from './classes.js';
import type { CNode, Compiled } from './graph.js';
import { emptyEffects, type EventEffects } from './events.js';
import { createQueueStep, type QueueStep } from './queueing.js';

/** Failures with no node to blame (no entry point at all) are booked under this id. */
export const NOWHERE = '(internet)';

/** Everything one tick works with besides the state: lookups, scratch, and this tick's tallies. */
export interface TickContext {
  state: GameState;
  rt: LevelRuntime;
  compiled: Compiled;
  effects: EventEffects;
  /** Region pairs cut off from each other, as a flat R x R matrix of 0/1. */
  partitioned: Uint8Array;
  /** Whether any partition is in force this tick (most ticks: none, and no lookups). */
  anyPartition: boolean;
  regionCount: number;
  /** Requests answered this tick per class (requests per second), before the SLO check. */
  completed: Float64Array;
  /** Malicious requests answered somewhere this tick. */
  leaked: number;
  /** What the architecture costs to run per minute this tick. */
  upkeepPerMinute: number;
  /** Legitimate and malicious clients behind this tick's offered traffic, and its rates. */
  legitClients: number;
  legitRate: number;
  bots: number;
  botRate: number;
  step: QueueStep;
  /** The level's events and the host's, and how many fired events that list holds. */
  events: readonly GameEvent[];
  firedSeen: number;
  /** Each node's health and the partitions when the send plans were last checked (see plans.ts). */
  upSeen: Float64Array;
  partitionedSeen: Uint8Array;
  plansChecked: boolean;
}

export function newContext(state: GameState, rt: LevelRuntime, compiled: Compiled): TickContext {
  const r = rt.level.regions.length;
  return {
    state, rt, compiled, effects: emptyEffects(), partitioned: new Uint8Array(r * r), anyPartition: false, regionCount: r,
    completed: new Float64Array(CLASS_COUNT), leaked: 0, upkeepPerMinute: 0,
    legitClients: 0, legitRate: 0, bots: 0, botRate: 0, step: createQueueStep(), events: rt.level.events, firedSeen: 0,
    upSeen: new Float64Array(compiled.order.length), partitionedSeen: new Uint8Array(r * r), plansChecked: false,
  };
}

export function isPartitioned(ctx: TickContext, a: number, b: number): boolean {
  return ctx.partitioned[a * ctx.regionCount + b] === 1;
}

/** Books `count` failed legitimate requests on a node (or nowhere) for a reason. */
export function fail(ctx: TickContext, c: CNode | undefined, reason: FailureReason, count: number): void {
  if (!(count > 0)) return;
  const r = REASON_INDEX[reason];
  ctx.state.totals.failed[r]! += count;
  // A node keeps its row at hand: looking its id up in the state's record is a hash lookup.
  let row = c?.failedRow;
  if (!row) {
    const id = c ? c.node.id : NOWHERE;
    row = ctx.state.failedByNode[id];
    if (!row) {
      row = new Array<number>(FAILURE_REASONS.length).fill(0);
      ctx.state.failedByNode[id] = row;
    }
    if (c) c.failedRow = row;
  }
  row[r]! += count;
  if (c) c.node.metrics.droppedRps += count / ctx.rt.dt;
}
