import type { NodeState } from '../shared/state.js';
import { compact, millis } from './format.js';

/** Below this many ms a lag reads in ms; above it, in seconds with one decimal. */
const SECONDS_FROM_MS = 1000;

/** How far a replica trails its primary, in words: "30.0s behind, 240k writes to apply". */
export function replicaLagText(n: NodeState): string {
  const ms = n.metrics.lagMs;
  const lag = ms < SECONDS_FROM_MS ? millis(ms) : `${(ms / 1000).toFixed(1)}s`;
  return n.backlog >= 0.5 ? `${lag} behind, ${compact(n.backlog)} writes to apply` : `${lag} behind`;
}
