import { CLASS_COUNT, C_HOT } from './classes.js';
import { ARRIVALS_CHECKED, type CNode } from './graph.js';

/**
 * How a node passes class k on when nothing is in the way, precompiled into flat arrays so that
 * forwarding is one tight loop of buffer adds per edge: no nested arrays, no child objects loaded.
 * A plan is trusted only while `ok` says so (see refreshPlans); otherwise routing.ts takes the
 * general path, which routes around children that are down or cut off.
 */
export interface SendPlans {
  /** Per node and class (index * CLASS_COUNT + k): one of the PLAN_ kinds, or 0 for nothing to send to (the general path fails the class: no route, or node down). */
  kind: Uint8Array;
  /** Per node and class: 1 when the plan is valid this tick. */
  ok: Uint8Array;
  /** Per node and class: where its edges start in the arrays below (one more entry at the end). */
  from: Int32Array;
  /** Per edge: the child's arrival tally for the class in the graph buffer. */
  dst: Int32Array;
  /** Per edge: the sender's flowTo tally for that child and class. */
  flow: Int32Array;
  /** Per edge: the child's index in the compiled order, to check its health. */
  child: Int32Array;
  /** Per edge: the share of the rate it takes (shard plans only; split plans divide evenly). */
  weight: Float64Array;
}

/** An even split over the first preference group, all of them health-checked (one child included). */
const PLAN_SPLIT = 1;
/** A shard router: each key lives on one shard, so fixed shares, not health-checked. */
export const PLAN_SHARDS = 2;
/** Weights that change with the tick (least-connections capacity) or the ring: always the general path. */
const PLAN_GENERAL = 3;

/** Each eligible shard's weight for class k, as forwardToShards computes it: ring share, or the hot key's owner. */
function shardWeight(c: CNode, j: number, k: number): number {
  return k === C_HOT ? (j === c.hotOwner ? 1 : 0) : c.shardShares[j]!;
}

export function buildPlans(order: readonly CNode[]): SendPlans {
  const nk = order.length * CLASS_COUNT;
  const kind = new Uint8Array(nk);
  const from = new Int32Array(nk + 1);
  const dst: number[] = [];
  const flow: number[] = [];
  const child: number[] = [];
  const weight: number[] = [];
  const edge = (c: CNode, j: number, k: number, checked: boolean, w: number) => {
    dst.push(c.children[j]!.at + (checked ? ARRIVALS_CHECKED : 0) + k);
    flow.push(c.flowAt + j * CLASS_COUNT + k);
    child.push(c.children[j]!.index);
    weight.push(w);
  };
  for (const c of order) {
    for (let k = 0; k < CLASS_COUNT; k++) {
      const p = c.index * CLASS_COUNT + k;
      from[p] = dst.length;
      if (c.kind === 'shards') {
        const el = c.eligible[k]!;
        // Summed in the same order as forwardToShards, so the weights are the same to the bit.
        let total = 0;
        for (const j of el) total += shardWeight(c, j, k);
        if (!(total > 0)) continue;
        kind[p] = PLAN_SHARDS;
        for (const j of el) {
          const w = shardWeight(c, j, k) / total;
          if (w !== 0) edge(c, j, k, false, w);
        }
      } else if (c.leastConnections || c.shardShares.length > 0) {
        kind[p] = PLAN_GENERAL;
      } else {
        const first = c.groups[k]![0];
        if (!first || first.length === 0) continue;
        kind[p] = PLAN_SPLIT;
        for (const j of first) edge(c, j, k, true, 1);
      }
    }
  }
  from[nk] = dst.length;
  return {
    kind, ok: new Uint8Array(nk), from, dst: Int32Array.from(dst), flow: Int32Array.from(flow),
    child: Int32Array.from(child), weight: Float64Array.from(weight),
  };
}

/**
 * Marks which plans hold this tick: a split needs every child of its first group up and reachable,
 * a shard plan every shard reachable. Health and partitions change only with events, so the tick
 * calls this only when they did.
 */
export function refreshPlans(plans: SendPlans, order: readonly CNode[], partitioned: Uint8Array, regionCount: number): void {
  for (const c of order) {
    for (let k = 0; k < CLASS_COUNT; k++) {
      const p = c.index * CLASS_COUNT + k;
      const kind = plans.kind[p]!;
      let ok = kind === PLAN_SPLIT || kind === PLAN_SHARDS ? 1 : 0;
      for (let e = plans.from[p]!; e < plans.from[p + 1]! && ok === 1; e++) {
        const ch = order[plans.child[e]!]!;
        if (partitioned[c.region * regionCount + ch.region] === 1) ok = 0;
        if (kind === PLAN_SPLIT && ch.up !== 1) ok = 0;
      }
      plans.ok[p] = ok;
    }
  }
}
