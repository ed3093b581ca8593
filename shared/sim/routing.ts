import * as classes from './classes.js';
import * as layout from './graph.js';
import type { CNode } from './graph.js';
import { fail, isPartitioned, type TickContext } from './context.js';
import * as plan from './plans.js';

// Local copies of imported constants and helpers: V8 reloads an imported binding at every use (see latency.ts).
const { CLASS_COUNT, C_HOT, isLegit, isWrite } = classes;
const { ARRIVALS_CHECKED } = layout;
const { PLAN_SHARDS } = plan;

/** Requests per second a node can serve right now. */
export function capacityOf(ctx: TickContext, c: CNode): number {
  const p = c.params;
  return (p.servers * c.tierFactor * Math.max(0, c.activeUnits)) / ((p.serviceMs / 1000) * c.slow);
}

function reachable(ctx: TickContext, from: CNode, to: CNode): boolean {
  return !ctx.anyPartition || !isPartitioned(ctx, from.region, to.region);
}

/** The weight a caller gives a child before health: even, by capacity for least-connections, by ring share for consistent hashing. */
function baseWeight(ctx: TickContext, c: CNode, child: CNode, j: number): number {
  if (c.leastConnections) return capacityOf(ctx, child);
  return c.shardShares.length ? c.shardShares[j]! : 1;
}

function send(c: CNode, j: number, k: number, rate: number, checked: boolean): void {
  c.buf[c.children[j]!.at + (checked ? ARRIVALS_CHECKED : 0) + k]! += rate;
  c.flowTo[j * CLASS_COUNT + k]! += rate;
}

/**
 * Under AP, a write that cannot reach its primary across a partition is taken by a reachable
 * replica of it, to be reconciled when the partition heals. Returns whether one took it.
 */
function takeApWrite(ctx: TickContext, c: CNode, rate: number): boolean {
  for (const ch of c.children) {
    if (ch.node.kind !== 'replica' || ch.up === 0 || !reachable(ctx, c, ch)) continue;
    const primary = ch.primary;
    if (!primary || primary.node.kind !== 'db' || primary.node.config.consistency !== 'ap') continue;
    if (!c.children.includes(primary) || reachable(ctx, c, primary)) continue;
    ch.node.apPending += rate * ctx.rt.dt;
    return true;
  }
  return false;
}

/** Shard routers cannot route around a shard: each key lives on one. */
function forwardToShards(ctx: TickContext, c: CNode, k: number, rate: number): void {
  const el = c.eligible[k]!;
  let total = 0;
  for (const j of el) total += k === C_HOT ? (j === c.hotOwner ? 1 : 0) : c.shardShares[j]!;
  if (total <= 0) {
    if (isLegit(k)) fail(ctx, c, 'no-route', rate * ctx.rt.dt);
    return;
  }
  for (const j of el) {
    const w = (k === C_HOT ? (j === c.hotOwner ? 1 : 0) : c.shardShares[j]!) / total;
    if (w === 0) continue;
    if (!reachable(ctx, c, c.children[j]!)) {
      if (isLegit(k)) fail(ctx, c, 'partitioned', rate * w * ctx.rt.dt);
    } else send(c, j, k, rate * w, false);
  }
}

/**
 * Passes `rate` requests per second of class k on to the children that can take them: the most
 * preferred group first, routing around children that are down or cut off (health checks); what
 * no group can take fails, as partitioned if a partition was in the way, else as node down.
 */
export function forward(ctx: TickContext, c: CNode, k: number, rate: number): void {
  if (!(rate > 0)) return;
  const plans = ctx.compiled.plans;
  const p = c.index * CLASS_COUNT + k;
  if (plans.ok[p] === 1) {
    // The plan holds: every edge is a pair of adds into the graph buffer. Same arithmetic as the
    // paths below (rate / n for an even split, rate * weight for shards), so the same numbers.
    const buf = c.buf;
    const end = plans.from[p + 1]!;
    if (plans.kind[p] === PLAN_SHARDS) {
      for (let e = plans.from[p]!; e < end; e++) {
        const r = rate * plans.weight[e]!;
        buf[plans.dst[e]!]! += r;
        buf[plans.flow[e]!]! += r;
      }
    } else {
      const share = rate / (end - plans.from[p]!);
      for (let e = plans.from[p]!; e < end; e++) {
        buf[plans.dst[e]!]! += share;
        buf[plans.flow[e]!]! += share;
      }
    }
    return;
  }
  if (c.kind === 'shards') return forwardToShards(ctx, c, k, rate);
  const groups = c.groups[k]!;
  // The common case: one healthy, reachable child.
  if (groups.length === 1 && groups[0]!.length === 1) {
    const j = groups[0]![0]!;
    const ch = c.children[j]!;
    if (ch.up === 1 && reachable(ctx, c, ch)) return send(c, j, k, rate, true);
  }
  // All of the first group healthy and reachable: an even (or by-capacity) split, nothing routed around.
  const first = groups[0];
  if (first && !c.leastConnections && !c.shardShares.length) {
    let healthy = true;
    for (const j of first) {
      const ch = c.children[j]!;
      if (ch.up !== 1 || !reachable(ctx, c, ch)) { healthy = false; break; }
    }
    if (healthy) {
      const share = rate / first.length;
      for (const j of first) send(c, j, k, share, true);
      return;
    }
  }
  let remaining = rate;
  let cut = false;
  for (const group of groups) {
    let allDown = 1;
    let wsum = 0;
    for (const j of group) {
      const ch = c.children[j]!;
      const ok = reachable(ctx, c, ch);
      if (!ok) cut = true;
      const u = ok ? ch.up : 0;
      allDown *= 1 - u;
      wsum += baseWeight(ctx, c, ch, j) * u;
    }
    const sent = remaining * (1 - allDown);
    if (sent > 0 && wsum > 0) {
      for (const j of group) {
        const ch = c.children[j]!;
        const u = reachable(ctx, c, ch) ? ch.up : 0;
        if (u > 0) send(c, j, k, (sent * baseWeight(ctx, c, ch, j) * u) / wsum, true);
      }
      remaining -= sent;
    }
    if (remaining <= 0) return;
  }
  if (cut && isWrite(k) && takeApWrite(ctx, c, remaining)) return;
  if (!isLegit(k)) return;
  const blame = c.groups[k]![0]?.[0];
  fail(ctx, cut ? c : blame === undefined ? c : c.children[blame], cut ? 'partitioned' : 'node-down', remaining * ctx.rt.dt);
}
