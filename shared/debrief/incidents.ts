import type { Kind } from '../catalog.js';
import { FAILURE_REASONS, type FailureReason } from '../reasons.js';
import { failedAllAt, failedAt, type NodeSeries, type Samples } from './samples.js';

/** Seconds of the sliding window availability is judged over: shorter dips are noise, not incidents. */
const WINDOW_SECONDS = 10;
/** Incidents this many seconds apart or closer are one. */
const MERGE_GAP_SECONDS = 10;
/** A node at least this busy is saturated: its queue grows and its latency soars. */
export const SATURATED = 0.95;
/** How long before an incident a component's trouble may have begun and still be its cause. */
const LOOKBACK_SECONDS = 30;
/** A node is failing in a sample when at least this share of the sample's settled requests failed there. */
const FAILING_SHARE = 0.001;
/** A node is blamed only for at least this share of an incident's failed requests. */
const MIN_BLAME_SHARE = 0.05;

/** A stretch of samples, [from, to). */
export interface Stretch {
  from: number;
  to: number;
}

/** The component that failed first in an incident, and how. */
export interface Culprit {
  node: string;
  kind: Kind | undefined;
  region: string;
  /** Samples [from, to) of its own trouble: saturated or failing. */
  trouble: Stretch;
  /** Its highest busy share during its trouble. */
  peakUtilization: number;
  /** Its failures during the incident, most first, each with its share of the incident's settled requests. */
  reasons: { reason: FailureReason; count: number; share: number }[];
}

/**
 * Stretches where availability over the sliding window fell below the target. Each starts at the
 * first second below target that dragged the window down and ends at the last second below target.
 */
export function findIncidents(samples: Samples, target: number): Stretch[] {
  const { good, settled } = samples;
  const n = settled.length;
  const window = Math.max(1, Math.round(WINDOW_SECONDS / samples.secondsPerSample));
  const below = (i: number) => settled[i]! > 0 && good[i]! / settled[i]! < target;
  const found: Stretch[] = [];
  let current: Stretch | undefined;
  let g = 0;
  let st = 0;
  for (let i = 0; i < n; i++) {
    g += good[i]!;
    st += settled[i]!;
    if (i >= window) {
      g -= good[i - window]!;
      st -= settled[i - window]!;
    }
    if (st > 0 && g / st < target) {
      if (current) current.to = i + 1;
      else {
        let from = Math.max(0, i - window + 1);
        while (from < i && !below(from)) from++;
        current = { from, to: i + 1 };
      }
    } else if (current) {
      found.push(current);
      current = undefined;
    }
  }
  if (current) found.push(current);
  const gap = Math.round(MERGE_GAP_SECONDS / samples.secondsPerSample);
  const merged: Stretch[] = [];
  for (const s of found) {
    let last = s.to - 1;
    while (last > s.from && !below(last)) last--;
    const trimmed = { from: s.from, to: last + 1 };
    const prev = merged[merged.length - 1];
    if (prev && trimmed.from - prev.to <= gap) prev.to = Math.max(prev.to, trimmed.to);
    else merged.push(trimmed);
  }
  return merged;
}

export function sum(values: readonly number[], s: Stretch): number {
  let total = 0;
  for (let i = s.from; i < s.to; i++) total += values[i] ?? 0;
  return total;
}

/** A node's busy share in a sample; 0 where it did not exist. */
function utilizationAt(series: NodeSeries, i: number): number {
  const u = series.utilization[i];
  return u === undefined || Number.isNaN(u) ? 0 : u;
}

function troubled(series: NodeSeries, samples: Samples, i: number): boolean {
  const failed = failedAllAt(series, i);
  return utilizationAt(series, i) >= SATURATED || (failed > 0 && failed >= FAILING_SHARE * (samples.settled[i] ?? 0));
}

interface Suspect {
  series: NodeSeries;
  failed: number;
  trouble: Stretch;
}

function suspect(series: NodeSeries, samples: Samples, incident: Stretch, failed: number): Suspect {
  let first = incident.from;
  while (first < incident.to && !troubled(series, samples, first)) first++;
  // Failures spread too thin to count as trouble in any one second: blame from the first of them.
  if (first === incident.to) {
    first = incident.from;
    while (first < incident.to - 1 && failedAllAt(series, first) === 0) first++;
    return { series, failed, trouble: { from: first, to: incident.to } };
  }
  const earliest = Math.max(0, incident.from - Math.round(LOOKBACK_SECONDS / samples.secondsPerSample));
  while (first > earliest && troubled(series, samples, first - 1)) first--;
  let last = incident.to - 1;
  while (last > first && !troubled(series, samples, last)) last--;
  return { series, failed, trouble: { from: first, to: last + 1 } };
}

/**
 * The component that failed first: among the nodes that caused a fair share of the incident's
 * failures, the one whose trouble (saturation or failures) began earliest; the one with more
 * failures when two began together.
 */
export function findCulprit(samples: Samples, incident: Stretch): Culprit | undefined {
  const settled = sum(samples.settled, incident);
  const lost = settled - sum(samples.good, incident);
  if (!(lost > 0)) return undefined;
  const suspects: Suspect[] = [];
  for (const series of samples.nodes.values()) {
    let failed = 0;
    for (let i = incident.from; i < incident.to; i++) failed += failedAllAt(series, i);
    if (failed > 0 && failed >= MIN_BLAME_SHARE * lost) suspects.push(suspect(series, samples, incident, failed));
  }
  suspects.sort((a, b) => a.trouble.from - b.trouble.from || b.failed - a.failed);
  const first = suspects[0];
  if (!first) return undefined;
  const { series, trouble } = first;
  const reasons = FAILURE_REASONS.map((reason, r) => {
    let count = 0;
    for (let i = incident.from; i < incident.to; i++) count += failedAt(series, i, r);
    return { reason, count, share: settled > 0 ? count / settled : 0 };
  }).filter((x) => x.count > 0).sort((a, b) => b.count - a.count);
  let peak = 0;
  for (let i = trouble.from; i < trouble.to; i++) peak = Math.max(peak, utilizationAt(series, i));
  return { node: series.id, kind: series.kind, region: series.region, trouble, peakUtilization: peak, reasons };
}
