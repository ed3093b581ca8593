import { probWithin } from './gamma.js';
import { CLASS_COUNT, C_MALICIOUS } from './classes.js';
import type { CNode } from './compile.js';
import type { TickContext } from './context.js';
import type { EntryScratch } from './entry.js';

/**
 * Latency from each node's arrival to the answer, per class, walking callees before callers: the
 * node's own response time plus, for the share it passes on, the call's round trip and the callee's
 * latency. Means and second moments add up exactly; the fixed part (delays and round trips every
 * request pays) is kept apart so that only the random part is fitted with a Gamma.
 */
export function latencyPass(ctx: TickContext): void {
  const order = ctx.compiled.order;
  for (let i = order.length - 1; i >= 0; i--) {
    const c = order[i]!;
    const delay = c.delay;
    const ownMean = c.ownMean + delay;
    const ownM2 = c.ownVar + c.ownMean * c.ownMean;
    for (let k = 0; k < CLASS_COUNT; k++) {
      if (!c.routes[k]) continue;
      if ((c.mask & (1 << k)) === 0 || c.served[k] === 0) {
        // No traffic of this class here this tick: nobody reads more than the node's own latency.
        c.dMean[k] = ownMean; c.dM2[k] = ownM2; c.dFixed[k] = delay; c.bottleneck[k] = c; c.bottleneckDelay[k] = ownMean;
        continue;
      }
      let passed = 0;
      const nChildren = c.children.length;
      for (let j = 0; j < nChildren; j++) passed += c.flowTo[j * CLASS_COUNT + k]!;
      const total = c.answered[k]! + passed;
      let yMean = 0;
      let yM2 = 0;
      let minFixed = Infinity;
      let worst: CNode = c;
      let worstDelay = ownMean;
      if (total > 0 && passed > 0) {
        let own = ownMean;
        for (let j = 0; j < nChildren; j++) {
          const f = c.flowTo[j * CLASS_COUNT + k]!;
          if (f <= 0) continue;
          const w = f / total;
          const ch = c.children[j]!;
          const rtt = c.childRtt[j]!;
          const m = ch.dMean[k]!;
          yMean += w * (rtt + m);
          yM2 += w * (ch.dM2[k]! + 2 * rtt * m + rtt * rtt);
          minFixed = Math.min(minFixed, rtt + ch.dFixed[k]!);
          own += w * rtt;
          const d = w * ch.bottleneckDelay[k]!;
          if (d > worstDelay) { worstDelay = d; worst = ch.bottleneck[k]!; }
        }
        if (own > worstDelay) { worstDelay = own; worst = c; }
        if (c.answered[k]! > 0) minFixed = 0;
      } else minFixed = 0;
      c.dMean[k] = ownMean + yMean;
      c.dM2[k] = ownM2 + 2 * ownMean * yMean + yM2 + (2 * delay * c.ownMean + delay * delay);
      c.dFixed[k] = delay + minFixed;
      c.bottleneck[k] = worst;
      c.bottleneckDelay[k] = worstDelay;
    }
  }
}

/** The users' view of one class this tick: latency moments over every region's entry points. */
export interface ClassLatency {
  /** Share of answered requests within the SLO. */
  good: number;
  mean: number;
  m2: number;
  fixed: number;
  /** The node most to blame when they are slow. */
  bottleneck: CNode | undefined;
}

/** Combines every region's entries into one latency distribution per class and its share within the SLO. */
export function classLatency(ctx: TickContext, scratch: EntryScratch, k: number, out: ClassLatency): ClassLatency {
  const slo = ctx.rt.level.sloMs / 1000;
  out.good = 1; out.mean = 0; out.m2 = 0; out.fixed = 0; out.bottleneck = undefined;
  if (k === C_MALICIOUS) return out;
  let weight = 0;
  let good = 0;
  let worstDelay = -1;
  for (let r = 0; r < ctx.regionCount; r++) {
    const split = scratch.splits[r * CLASS_COUNT + k]!;
    let wsum = 0;
    for (let i = 0; i < split.targets.length; i++) wsum += split.weights[i]!;
    if (wsum <= 0) continue;
    let mean = 0;
    let m2 = 0;
    let fixed = Infinity;
    for (let i = 0; i < split.targets.length; i++) {
      const w = split.weights[i]! / wsum;
      if (w <= 0) continue;
      const t = split.targets[i]!;
      const rtt = split.rtt[i]!;
      const m = t.dMean[k]!;
      mean += w * (rtt + m);
      m2 += w * (t.dM2[k]! + 2 * rtt * m + rtt * rtt);
      fixed = Math.min(fixed, rtt + t.dFixed[k]!);
      const d = w * t.bottleneckDelay[k]!;
      if (d > worstDelay) { worstDelay = d; out.bottleneck = t.bottleneck[k]; }
    }
    if (!Number.isFinite(fixed)) fixed = 0;
    const offered = scratch.offered[r * CLASS_COUNT + k]!;
    const p = probWithin(slo - fixed, mean - fixed, Math.max(0, m2 - mean * mean));
    good += offered * p;
    out.mean += offered * mean;
    out.m2 += offered * m2;
    out.fixed += offered * fixed;
    weight += offered;
  }
  if (weight > 0) {
    out.good = good / weight;
    out.mean /= weight;
    out.m2 /= weight;
    out.fixed /= weight;
  }
  return out;
}
