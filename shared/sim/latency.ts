import { probWithin } from './gamma.js';
import * as classes from './classes.js';
import * as layout from './graph.js';
import type { CNode } from './graph.js';
import type { TickContext } from './context.js';
import type { LatencyShape } from '../state.js';
import type { EntryScratch } from './entry.js';

// Imported bindings are live: V8 reloads them through a cell, with a check, at every use in a loop.
// Local copies are constants it folds into the code (a third of this pass's time, measured).
const { CLASS_COUNT, C_MALICIOUS, isWrite } = classes;
const {
  ANSWERED, I_AT, I_EDGES, I_FLOW_AT, I_LATENCY_AT, I_MASK, I_NEED, I_ROUTES, LATENCY_ATOMS, LAT_BOTTLENECK, LAT_FIXED_AT,
  LAT_FIXED_WEIGHT, LAT_M2, LAT_MEAN, LAT_RECORD, NODE_INTS, NODE_NUMBERS, N_DELAY, N_OWN_MEAN, N_OWN_VAR, N_WRITE_DELAY,
} = layout;


/** Scratch for gathering and merging atoms; no path has more candidates than this. */
const MAX_CANDIDATES = 1024;
const candValue = new Float64Array(MAX_CANDIDATES);
const candWeight = new Float64Array(MAX_CANDIDATES);
/** A second pair, for merging whole distributions (regions, classes) while the first is in use. */
const sumValue = new Float64Array(MAX_CANDIDATES);
const sumWeight = new Float64Array(MAX_CANDIDATES);

function reduceCandidates(n: number): number {
  return reduceAtoms(candValue, candWeight, n);
}

/** Sorts the first n atoms by value, merges equal ones, then the closest pairs, down to LATENCY_ATOMS. */
function reduceAtoms(candValue: Float64Array, candWeight: Float64Array, n: number): number {
  for (let i = 1; i < n; i++) {
    const v = candValue[i]!;
    const w = candWeight[i]!;
    let j = i - 1;
    while (j >= 0 && candValue[j]! > v) {
      candValue[j + 1] = candValue[j]!;
      candWeight[j + 1] = candWeight[j]!;
      j--;
    }
    candValue[j + 1] = v;
    candWeight[j + 1] = w;
  }
  // Equal delays (ten identical servers behind a balancer give ten copies of each) are one atom:
  // their weights add up, which is what merging them pairwise gives, in one pass and without rounding.
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    if (distinct > 0 && candValue[i] === candValue[distinct - 1]) {
      candWeight[distinct - 1]! += candWeight[i]!;
    } else {
      candValue[distinct] = candValue[i]!;
      candWeight[distinct++] = candWeight[i]!;
    }
  }
  n = distinct;
  while (n > 1) {
    let best = 0;
    let gap = Infinity;
    for (let i = 0; i + 1 < n; i++) {
      const g = candValue[i + 1]! - candValue[i]!;
      if (g < gap) { gap = g; best = i; }
    }
    // Few enough, and no two closer than a nanosecond (a tie): done.
    if (n <= LATENCY_ATOMS && !(gap < 1e-9)) break;
    const w = candWeight[best]! + candWeight[best + 1]!;
    candValue[best] = w > 0 ? (candValue[best]! * candWeight[best]! + candValue[best + 1]! * candWeight[best + 1]!) / w : candValue[best]!;
    candWeight[best] = w;
    for (let i = best + 1; i + 1 < n; i++) {
      candValue[i] = candValue[i + 1]!;
      candWeight[i] = candWeight[i + 1]!;
    }
    n--;
  }
  return n;
}

/** Writes the first n candidates as the atoms of a latency record, zero weight past them. */
function writeAtoms(buf: Float64Array, rec: number, n: number): void {
  for (let a = 0; a < LATENCY_ATOMS; a++) {
    buf[rec + LAT_FIXED_AT + a] = a < n ? candValue[a]! : 0;
    buf[rec + LAT_FIXED_WEIGHT + a] = a < n ? candWeight[a]! : 0;
  }
}

/**
 * Latency from each node's arrival to the answer, per class, walking callees before callers. A
 * request's time is a random part (queueing and service, whose mean and second moment add up
 * exactly along the path) plus a fixed part (delays and round trips), kept as a few atoms.
 * Only the classes someone reads are computed: those that reached the node this tick (`need`).
 */
export function latencyPass(ctx: TickContext): void {
  // Everything by index in the graph's arrays: the node objects are not needed here.
  const { order, scratch: buf, blame, ints, numbers, edgeChild, edgeLatency, edgeRtt } = ctx.compiled;
  for (let i = order.length - 1; i >= 0; i--) {
    const row = i * NODE_INTS;
    const need = ints[row + I_NEED]! & ints[row + I_ROUTES]!;
    if (need === 0) continue;
    const mask = ints[row + I_MASK]!;
    const lat = ints[row + I_LATENCY_AT]!;
    const flowAt = ints[row + I_FLOW_AT]!;
    const answeredAt = ints[row + I_AT]! + ANSWERED;
    const firstEdge = ints[row + I_EDGES]!;
    const nChildren = ints[row + NODE_INTS + I_EDGES]! - firstEdge;
    const nums = i * NODE_NUMBERS;
    const ownMean = numbers[nums + N_OWN_MEAN]!;
    const ownM2 = numbers[nums + N_OWN_VAR]! + ownMean * ownMean;
    for (let m = need; m !== 0; m &= m - 1) {
      const k = 31 - Math.clz32(m & -m);
      const rec = lat + k * LAT_RECORD;
      const delay = numbers[nums + N_DELAY]! + (isWrite(k) ? numbers[nums + N_WRITE_DELAY]! : 0);
      let passed = 0;
      if ((mask & (1 << k)) !== 0) for (let j = 0; j < nChildren; j++) passed += buf[flowAt + j * CLASS_COUNT + k]!;
      const answered = buf[answeredAt + k]!;
      const total = answered + passed;
      let worst = i;
      let worstDelay = ownMean + delay;
      if (!(total > 0 && passed > 0)) {
        // Answered here, or no traffic of this class this tick: the node's own latency.
        buf[rec + LAT_MEAN] = ownMean;
        buf[rec + LAT_M2] = ownM2;
        candValue[0] = delay;
        candWeight[0] = 1;
        writeAtoms(buf, rec, 1);
        blame[i * CLASS_COUNT + k] = worst;
        buf[rec + LAT_BOTTLENECK] = worstDelay;
        continue;
      }
      let yMean = 0;
      let yM2 = 0;
      let n = 0;
      const answeredShare = answered / total;
      if (answeredShare > 0) {
        candValue[n] = delay;
        candWeight[n++] = answeredShare;
      }
      let own = worstDelay;
      for (let j = 0; j < nChildren; j++) {
        const f = buf[flowAt + j * CLASS_COUNT + k]!;
        if (f <= 0) continue;
        const w = f / total;
        const e = firstEdge + j;
        const rtt = edgeRtt[e]!;
        const at = edgeLatency[e]! + k * LAT_RECORD;
        yMean += w * buf[at + LAT_MEAN]!;
        yM2 += w * buf[at + LAT_M2]!;
        for (let a = 0; a < LATENCY_ATOMS && n < MAX_CANDIDATES; a++) {
          const aw = buf[at + LAT_FIXED_WEIGHT + a]!;
          if (aw <= 0) continue;
          candValue[n] = delay + rtt + buf[at + LAT_FIXED_AT + a]!;
          candWeight[n++] = w * aw;
        }
        own += w * rtt;
        const d = w * buf[at + LAT_BOTTLENECK]!;
        if (d > worstDelay) { worstDelay = d; worst = blame[edgeChild[e]! * CLASS_COUNT + k]!; }
      }
      if (own > worstDelay) { worstDelay = own; worst = i; }
      buf[rec + LAT_MEAN] = ownMean + yMean;
      buf[rec + LAT_M2] = ownM2 + 2 * ownMean * yMean + yM2;
      writeAtoms(buf, rec, reduceCandidates(n));
      blame[i * CLASS_COUNT + k] = worst;
      buf[rec + LAT_BOTTLENECK] = worstDelay;
    }
  }
}

/** The users' view of one class this tick, over every region's entry points. */
export interface ClassLatency {
  /** Share of answered requests within the SLO. */
  good: number;
  /** Mean latency (s). */
  mean: number;
  /** Random part: mean (s) and second moment (s^2), and the fixed atoms gathered over regions (in the sum scratch). */
  randomMean: number;
  randomM2: number;
  atoms: number;
  /** The node most to blame when they are slow. */
  bottleneck: CNode | undefined;
}

/** Share of a latency distribution within `limit` seconds. */
function shareWithin(shape: LatencyShape, limit: number): number {
  let p = 0;
  for (let a = 0; a < shape.fixed.length; a++) p += shape.weights[a]! * probWithin(limit - shape.fixed[a]!, shape.randomMean, shape.randomVar);
  return p;
}

/** The latency under which a share q of requests fall (s), by bisection. */
export function latencyQuantile(shape: LatencyShape, q: number): number {
  let lo = 0;
  let hi = Math.max(1e-6, ...shape.fixed) + shape.randomMean + 1e-6;
  while (shareWithin(shape, hi) < q && hi < 3600) hi *= 2;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (shareWithin(shape, mid) < q) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Scratch for merging the classes of one tick into one shape. */
const mergeValue = new Float64Array(MAX_CANDIDATES);
const mergeWeight = new Float64Array(MAX_CANDIDATES);
const merged = { n: 0, total: 0, mean: 0, m2: 0 };

/** Starts merging a tick's classes. */
export function beginMerge(): void {
  merged.n = 0; merged.total = 0; merged.mean = 0; merged.m2 = 0;
}

/** Adds the class a classLatency call just measured (its atoms are in the sum scratch), weighted by the requests it answered. */
export function mergeClass(lat: ClassLatency, weight: number): void {
  let atomTotal = 0;
  for (let a = 0; a < lat.atoms; a++) atomTotal += sumWeight[a]!;
  if (atomTotal <= 0 || weight <= 0) return;
  merged.total += weight;
  merged.mean += weight * lat.randomMean;
  merged.m2 += weight * lat.randomM2;
  for (let a = 0; a < lat.atoms && merged.n < MAX_CANDIDATES; a++) {
    mergeValue[merged.n] = sumValue[a]!;
    mergeWeight[merged.n++] = (weight * sumWeight[a]!) / atomTotal;
  }
}

/** Writes the merged shape into `out`, reusing its arrays (their length changes only when the number of atoms does). */
export function endMerge(out: LatencyShape): void {
  if (merged.total <= 0) {
    out.randomMean = 0; out.randomVar = 0;
    setAtoms(out, 1);
    out.fixed[0] = 0; out.weights[0] = 1;
    return;
  }
  const n = reduceAtoms(mergeValue, mergeWeight, merged.n);
  const mean = merged.mean / merged.total;
  out.randomMean = mean;
  out.randomVar = Math.max(0, merged.m2 / merged.total - mean * mean);
  setAtoms(out, n);
  for (let a = 0; a < n; a++) {
    out.fixed[a] = mergeValue[a]!;
    out.weights[a] = mergeWeight[a]! / merged.total;
  }
}

function setAtoms(out: LatencyShape, n: number): void {
  if (out.fixed.length !== n) out.fixed.length = n;
  if (out.weights.length !== n) out.weights.length = n;
}

/** Combines every region's entries into one latency distribution per class and its share within the SLO. */
export function classLatency(ctx: TickContext, scratch: EntryScratch, k: number, out: ClassLatency): ClassLatency {
  const slo = ctx.rt.level.sloMs / 1000;
  const { order, scratch: buf, blame, ints } = ctx.compiled;
  out.good = 1; out.mean = 0; out.randomMean = 0; out.randomM2 = 0; out.atoms = 0; out.bottleneck = undefined;
  if (k === C_MALICIOUS) return out;
  let weight = 0;
  let good = 0;
  let worstDelay = -1;
  let summed = 0;
  const sp = scratch.splits;
  for (let r = 0; r < ctx.regionCount; r++) {
    const split = r * CLASS_COUNT + k;
    const first = split * sp.room;
    const end = first + sp.count[split]!;
    let wsum = 0;
    for (let i = first; i < end; i++) wsum += sp.weight[i]!;
    if (wsum <= 0) continue;
    let rMean = 0;
    let rM2 = 0;
    let n = 0;
    for (let i = first; i < end; i++) {
      const w = sp.weight[i]! / wsum;
      if (w <= 0) continue;
      const t = sp.target[i]!;
      const rec = ints[t * NODE_INTS + I_LATENCY_AT]! + k * LAT_RECORD;
      rMean += w * buf[rec + LAT_MEAN]!;
      rM2 += w * buf[rec + LAT_M2]!;
      for (let a = 0; a < LATENCY_ATOMS && n < MAX_CANDIDATES; a++) {
        const aw = buf[rec + LAT_FIXED_WEIGHT + a]!;
        if (aw <= 0) continue;
        candValue[n] = sp.rtt[i]! + buf[rec + LAT_FIXED_AT + a]!;
        candWeight[n++] = w * aw;
      }
      const d = w * buf[rec + LAT_BOTTLENECK]!;
      if (d > worstDelay) { worstDelay = d; out.bottleneck = order[blame[t * CLASS_COUNT + k]!]; }
    }
    n = reduceCandidates(n);
    const rVar = Math.max(0, rM2 - rMean * rMean);
    const offered = scratch.offered[r * CLASS_COUNT + k]!;
    let p = 0;
    let fMean = 0;
    for (let a = 0; a < n; a++) {
      p += candWeight[a]! * probWithin(slo - candValue[a]!, rMean, rVar);
      fMean += candWeight[a]! * candValue[a]!;
      if (summed < MAX_CANDIDATES) {
        sumValue[summed] = candValue[a]!;
        sumWeight[summed++] = offered * candWeight[a]!;
      }
    }
    good += offered * p;
    out.mean += offered * (fMean + rMean);
    out.randomMean += offered * rMean;
    out.randomM2 += offered * rM2;
    weight += offered;
  }
  if (weight > 0) {
    out.good = good / weight;
    out.mean /= weight;
    out.randomMean /= weight;
    out.randomM2 /= weight;
    out.atoms = reduceAtoms(sumValue, sumWeight, summed);
  }
  return out;
}
