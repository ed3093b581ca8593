import { hash32 } from '../hash.js';
import { KIND_FACTS } from '../kinds/index.js';
import type { LevelRuntime } from '../level-runtime.js';
import type { GameState, NodeState } from '../state.js';
import { CLASS_COUNT, C_BACKGROUND, C_DEFERRABLE, C_HOT, C_MALICIOUS, C_READ, C_STATIC, C_WRITE, carries } from './classes.js';
import {
  FLOWS, I_ANSWERS, I_AT, I_EDGES, I_FLOW_AT, I_LATENCY_AT, I_ROUTES, LATENCY_BLOCK, NODE_INTS, NODE_NUMBERS, N_DELAY,
  N_WRITE_DELAY, newCNode, writeDelayOf, type CNode, type Compiled,
} from './graph.js';
import { buildPlans } from './plans.js';

/** Virtual nodes per server on a consistent-hashing load balancer's ring. */
const LB_VIRTUAL_NODES = 10;


/** Each shard's share of the key space and the owner of the hot key, for mod-N or ring hashing. */
function shardLayout(children: CNode[], algorithm: string, virtualNodes: number): { shares: number[]; hotOwner: number } {
  const n = children.length;
  if (n === 0) return { shares: [], hotOwner: 0 };
  const hot = hash32('hot-key');
  if (algorithm !== 'consistent-hash') return { shares: children.map(() => 1 / n), hotOwner: hot % n };
  const points: [number, number][] = [];
  children.forEach((ch, j) => {
    for (let v = 0; v < virtualNodes; v++) points.push([hash32(`${ch.node.id}#${v}`), j]);
  });
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const shares = new Array<number>(n).fill(0);
  const span = 2 ** 32;
  // Each point owns the arc that ends at it; the first also owns the wrap-around arc.
  for (let i = 0; i < points.length; i++) {
    const prev = i === 0 ? points[points.length - 1]![0] - span : points[i - 1]![0];
    shares[points[i]![1]]! += (points[i]![0] - prev) / span;
  }
  const owner = points.find((p) => p[0] >= hot) ?? points[0]!;
  return { shares, hotOwner: owner[1] };
}

/** Turns the architecture into arrays the tick walks without lookups. */
export function compile(state: GameState, rt: LevelRuntime): Compiled {
  const nodes = [...state.nodes].sort((a, b) => a.seq - b.seq);
  const indeg = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  for (const l of state.links) indeg.set(l.to, (indeg.get(l.to) ?? 0) + 1);
  const outs = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const l of state.links) outs.get(l.from)!.push(l.to);
  const bySeq = new Map(nodes.map((n) => [n.id, n]));
  // Kahn's algorithm, always taking the oldest ready node, so the order is a pure function of the graph.
  const ready = nodes.filter((n) => indeg.get(n.id) === 0);
  const sorted: NodeState[] = [];
  while (ready.length) {
    ready.sort((a, b) => a.seq - b.seq);
    const n = ready.shift()!;
    sorted.push(n);
    for (const to of outs.get(n.id)!) {
      const d = indeg.get(to)! - 1;
      indeg.set(to, d);
      if (d === 0) ready.push(bySeq.get(to)!);
    }
  }
  const order = sorted.map((n, i) => newCNode(n, i, rt.regionIndex.get(n.region) ?? 0, rt.params[n.kind]));
  const byId = new Map(order.map((c) => [c.node.id, c]));
  for (const l of state.links) {
    const from = byId.get(l.from)!;
    const to = byId.get(l.to)!;
    from.children.push(to);
    if (from.node.kind === 'lb' && to.balancer === undefined) to.balancer = from.node.config.algorithm;
  }
  for (const c of order) if (c.kind === 'app' && c.balancer === 'least-connections') c.sharedQueue = true;
  for (let i = order.length - 1; i >= 0; i--) {
    const c = order[i]!;
    for (let k = 0; k < CLASS_COUNT; k++) {
      const el: number[] = [];
      c.children.forEach((ch, j) => { if (carries(ch.routes, k)) el.push(j); });
      c.eligible[k] = el;
      const ranks = [...new Set(el.map((j) => KIND_FACTS[c.children[j]!.node.kind].preference))].sort((a, b) => a - b);
      c.groups[k] = ranks.map((r) => el.filter((j) => KIND_FACTS[c.children[j]!.node.kind].preference === r));
      const answers = el.length === 0 && c.facts.terminates.includes(k);
      if (answers) c.answers |= 1 << k;
      if (answers || el.length > 0) c.routes |= 1 << k;
    }
    // A queue takes deferrable writes only, acknowledges them itself, and its workers pass them on
    // as background work; one that cannot reach a database takes nothing.
    if (c.node.kind === 'queue') {
      const drains = c.eligible[C_BACKGROUND]!.length > 0;
      for (let k = 0; k < CLASS_COUNT; k++) {
        if (k === C_BACKGROUND) continue;
        c.eligible[k] = [];
        c.groups[k] = [];
        const bit = 1 << k;
        if (k === C_DEFERRABLE && drains) { c.answers |= bit; c.routes |= bit; }
        else { c.answers &= ~bit; c.routes &= ~bit; }
      }
    }
  }
  // Every per-tick tally of every node lives in one buffer, node after node, and the latency blocks
  // after them: a tick clears the tallies with one fill (the latency pass writes what it reads),
  // and walking the nodes walks memory in order.
  const tallies = order.reduce((sum, c) => sum + FLOWS + Math.max(1, c.children.length) * CLASS_COUNT, 0);
  const scratch = new Float64Array(tallies + order.length * LATENCY_BLOCK);
  let offset = 0;
  const view = (n: number) => scratch.subarray(offset, (offset += n));
  for (const c of order) {
    c.latencyAt = tallies + c.index * LATENCY_BLOCK;
    c.buf = scratch;
    c.at = offset;
    c.arrU = view(CLASS_COUNT);
    c.arrC = view(CLASS_COUNT);
    c.served = view(CLASS_COUNT);
    c.answered = view(CLASS_COUNT);
    c.flowAt = offset;
    c.flowTo = view(Math.max(1, c.children.length) * CLASS_COUNT);
    if (c.node.kind === 'shards') {
      const layout = shardLayout(c.children, c.node.config.algorithm, c.node.config.virtualNodes);
      c.shardShares = layout.shares;
      c.hotOwner = layout.hotOwner;
    }
    if (c.node.kind === 'lb' && c.node.config.algorithm === 'consistent-hash') {
      // Clients land on the ring: servers get uneven shares unless there are many virtual nodes.
      c.shardShares = shardLayout(c.children, 'consistent-hash', LB_VIRTUAL_NODES).shares;
    }
    if (c.node.kind === 'replica') {
      const p = c.node.config.primary;
      c.primary = p === undefined ? undefined : byId.get(p);
    }
  }
  const hasParent = new Set(state.links.map((l) => l.to));
  const roots = order.filter((c) => !hasParent.has(c.node.id));
  return {
    version: state.version, order, states: order.map((c) => c.node), byId, roots, dns: roots.find((c) => c.node.kind === 'dns'), scratch, tallies,
    ...nodeTable(order, rt),
    blame: Int32Array.from({ length: order.length * CLASS_COUNT }, (_, i) => Math.floor(i / CLASS_COUNT)), plans: buildPlans(order),
  };
}

/** The node table and the edge arrays: each node's offsets, bit sets and delays, and each call's child and round trip. */
function nodeTable(order: readonly CNode[], rt: LevelRuntime): Pick<Compiled, 'ints' | 'numbers' | 'edgeChild' | 'edgeLatency' | 'edgeRtt'> {
  const ints = new Int32Array((order.length + 1) * NODE_INTS);
  const numbers = new Float64Array(order.length * NODE_NUMBERS);
  const edges = order.reduce((sum, c) => sum + c.children.length, 0);
  const edgeChild = new Int32Array(edges);
  const edgeLatency = new Int32Array(edges);
  const edgeRtt = new Float64Array(edges);
  let e = 0;
  for (const c of order) {
    const row = c.index * NODE_INTS;
    ints[row + I_ROUTES] = c.routes;
    ints[row + I_ANSWERS] = c.answers;
    ints[row + I_AT] = c.at;
    ints[row + I_FLOW_AT] = c.flowAt;
    ints[row + I_LATENCY_AT] = c.latencyAt;
    ints[row + I_EDGES] = e;
    numbers[c.index * NODE_NUMBERS + N_DELAY] = c.delay;
    numbers[c.index * NODE_NUMBERS + N_WRITE_DELAY] = writeDelayOf(c.node);
    for (const ch of c.children) {
      edgeChild[e] = ch.index;
      edgeLatency[e] = ch.latencyAt;
      edgeRtt[e] = rt.rtt(c.node.region, ch.node.region);
      e++;
    }
  }
  ints[order.length * NODE_INTS + I_EDGES] = e;
  return { ints, numbers, edgeChild, edgeLatency, edgeRtt };
}
