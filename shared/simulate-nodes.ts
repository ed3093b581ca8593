import { FAILURE_REASONS, type FailureReason } from './reasons.js';
import { C_BACKGROUND } from './sim/classes.js';
import type { GameState, NodeMetrics, NodeState } from './state.js';

// The per-node part of `nines simulate`'s timeline: a node's metrics at a sample tick, its failures
// split by reason, and the readings only some kinds have.

/** Six significant digits: enough for any reading, and stable text for byte-identical output. */
export function tidy(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : 0;
}

/** A node's metrics at a sample, with its kind; the kind-specific readings only on the kinds that have them. */
export type NodeSample = Omit<NodeMetrics, 'hitRatio' | 'blockedRps' | 'lagMs'> & {
  kind: string;
  /** Legitimate requests per second that failed here in the sample tick, by reason (non-zero ones); they sum to droppedRps. */
  failedRps: Partial<Record<FailureReason, number>>;
  /** Caches and CDNs. */
  hitRatio?: number;
  /** Gateways: malicious requests stopped, and requests (legitimate or not) let through the filter and the limiter. */
  blockedRps?: number;
  admittedRps?: number;
  /** Queues: messages waiting for a worker. */
  depth?: number;
  /** Replicas: writes received and not applied yet, and how far behind the primary they are. */
  backlog?: number;
  lagMs?: number;
};

/** Each node's failure counts by reason before a tick, to tell that tick's failures apart. */
export type FailureSnapshot = Map<string, readonly number[]>;

export function snapshotFailures(state: Readonly<GameState>): FailureSnapshot {
  const out: FailureSnapshot = new Map();
  for (const n of state.nodes) {
    const row = state.failedByNode[n.id];
    if (row) out.set(n.id, [...row]);
  }
  return out;
}

function failedRpsOf(state: Readonly<GameState>, before: FailureSnapshot, id: string, dt: number): Partial<Record<FailureReason, number>> {
  const row = state.failedByNode[id];
  const prev = before.get(id);
  const out: Partial<Record<FailureReason, number>> = {};
  if (!row) return out;
  FAILURE_REASONS.forEach((reason, i) => {
    const rate = tidy(((row[i] ?? 0) - (prev?.[i] ?? 0)) / dt);
    if (rate > 0) out[reason] = rate;
  });
  return out;
}

export function nodeSample(state: Readonly<GameState>, n: NodeState, before: FailureSnapshot, dt: number): NodeSample {
  const m = n.metrics;
  const failedRps = failedRpsOf(state, before, n.id, dt);
  const sample: NodeSample = {
    kind: n.kind, arrivalRps: tidy(m.arrivalRps), servedRps: tidy(m.servedRps), droppedRps: tidy(m.droppedRps), failedRps,
    utilization: tidy(m.utilization), inSystem: tidy(m.inSystem), latencyMs: tidy(m.latencyMs),
  };
  if (n.kind === 'cache' || n.kind === 'cdn') sample.hitRatio = tidy(m.hitRatio);
  if (n.kind === 'gateway') {
    sample.blockedRps = tidy(m.blockedRps);
    // What the limiter refused is booked here as rate-limited; the rest got through.
    const limited = ((state.failedByNode[n.id]?.[FAILURE_REASONS.indexOf('rate-limited')] ?? 0) - (before.get(n.id)?.[FAILURE_REASONS.indexOf('rate-limited')] ?? 0)) / dt;
    sample.admittedRps = tidy(Math.max(0, m.arrivalRps - m.blockedRps - limited));
  }
  if (n.kind === 'queue') sample.depth = tidy(n.backlog);
  if (n.kind === 'replica') {
    sample.backlog = tidy(n.backlog + (n.x[C_BACKGROUND] ?? 0));
    sample.lagMs = tidy(m.lagMs);
  }
  return sample;
}
