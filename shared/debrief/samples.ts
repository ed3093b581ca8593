import type { Kind } from '../catalog.js';
import type { Game } from '../game.js';
import { FAILURE_REASONS } from '../reasons.js';

const REASONS = FAILURE_REASONS.length;

/** One node's readings, one value per sample (NaN where the node did not exist; none after it was removed). */
export interface NodeSeries {
  id: string;
  /** Undefined for failures booked nowhere (no entry point at all). */
  kind: Kind | undefined;
  region: string;
  /** Mean busy share over the sample's ticks, 0..1. */
  utilization: number[];
  /** Mean arrivals per second over the sample's ticks. */
  arrivalRps: number[];
  /** Legitimate requests that failed here in the sample, per reason: sample i's reason r at i * REASONS + r. */
  failed: number[];
}

/** A game second by second: what the debrief reads. Sample i covers game time [i, i + 1) x secondsPerSample. */
export interface Samples {
  secondsPerSample: number;
  /** Legitimate requests settled (good or failed) and good, per sample. */
  settled: number[];
  good: number[];
  /** Malicious requests answered somewhere, per sample: a DDoS getting through. */
  leaked: number[];
  nodes: Map<string, NodeSeries>;
}

/** A sample's failures at a node for one reason. */
export function failedAt(series: NodeSeries, sample: number, reason: number): number {
  return series.failed[sample * REASONS + reason] ?? 0;
}

/** All of a sample's failures at a node. */
export function failedAllAt(series: NodeSeries, sample: number): number {
  let sum = 0;
  for (let r = 0; r < REASONS; r++) sum += series.failed[sample * REASONS + r] ?? 0;
  return sum;
}

/**
 * Collects samples from a game as it is played: call `observe` after every tick. Each sample spans
 * a whole number of ticks, about a second; the last may be shorter.
 */
export class Sampler {
  readonly samples: Samples;
  private readonly ticksPerSample: number;
  private ticksIn = 0;
  private prevGood = 0;
  private prevSettled = 0;
  private prevLeaked = 0;
  private readonly prevFailed = new Map<string, number[]>();
  private readonly utilSum = new Map<string, number>();
  private readonly arrivalSum = new Map<string, number>();

  constructor(tickMs: number) {
    this.ticksPerSample = Math.max(1, Math.round(1000 / tickMs));
    this.samples = { secondsPerSample: (this.ticksPerSample * tickMs) / 1000, settled: [], good: [], leaked: [], nodes: new Map() };
  }

  observe = (game: Game): void => {
    const s = game.state;
    for (const n of s.nodes) {
      this.utilSum.set(n.id, (this.utilSum.get(n.id) ?? 0) + n.metrics.utilization);
      this.arrivalSum.set(n.id, (this.arrivalSum.get(n.id) ?? 0) + n.metrics.arrivalRps);
    }
    this.ticksIn++;
    if (s.tick % this.ticksPerSample === 0 || s.tick >= game.rt.totalTicks) this.close(game);
  };

  /** Ends the sample in progress (also when the game stopped between sample boundaries). */
  close(game: Game): void {
    if (this.ticksIn === 0) return;
    const s = game.state;
    const out = this.samples;
    const i = out.settled.length;
    const failedNow = s.totals.failed.reduce((a, b) => a + b, 0);
    out.good.push(s.totals.good - this.prevGood);
    out.settled.push(s.totals.good + failedNow - this.prevSettled);
    out.leaked.push(s.totals.maliciousLeaked - this.prevLeaked);
    this.prevGood = s.totals.good;
    this.prevSettled = s.totals.good + failedNow;
    this.prevLeaked = s.totals.maliciousLeaked;
    const kinds = new Map(s.nodes.map((n) => [n.id, n]));
    const ids = new Set([...kinds.keys(), ...Object.keys(s.failedByNode)]);
    for (const id of ids) {
      const node = kinds.get(id);
      let series = out.nodes.get(id);
      if (!series) {
        series = { id, kind: node?.kind, region: node?.region ?? '', utilization: [], arrivalRps: [], failed: [] };
        out.nodes.set(id, series);
      }
      // A removed node keeps the kind and region it last had.
      if (node) {
        series.kind = node.kind;
        series.region = node.region;
      }
      while (series.utilization.length < i) {
        series.utilization.push(Number.NaN);
        series.arrivalRps.push(Number.NaN);
        for (let r = 0; r < REASONS; r++) series.failed.push(0);
      }
      series.utilization.push(node ? (this.utilSum.get(id) ?? 0) / this.ticksIn : Number.NaN);
      series.arrivalRps.push(node ? (this.arrivalSum.get(id) ?? 0) / this.ticksIn : Number.NaN);
      const row = s.failedByNode[id];
      const prev = this.prevFailed.get(id);
      for (let r = 0; r < REASONS; r++) series.failed.push((row?.[r] ?? 0) - (prev?.[r] ?? 0));
      if (row) this.prevFailed.set(id, [...row]);
    }
    this.utilSum.clear();
    this.arrivalSum.clear();
    this.ticksIn = 0;
  }
}
