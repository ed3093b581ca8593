import { SYNC_COMMIT_MS, TIER_FACTOR, WRITE_COST, type Kind, type KindParams } from '../catalog.js';
import type { LevelRuntime } from '../level-runtime.js';
import type { GameState, NodeState } from '../state.js';
import { CLASS_COUNT, C_BACKGROUND, C_DEFERRABLE, C_HOT, C_MALICIOUS, C_READ, C_STATIC, C_WRITE, carries } from './classes.js';
import { buildPlans, type SendPlans } from './plans.js';
import type { QueueTable } from './queueing.js';

/** Classes each kind answers by itself when nothing downstream takes them. */
const TERMINAL: Record<Kind, readonly number[]> = {
  dns: [], cdn: [], gateway: [], lb: [], shards: [], cache: [],
  app: [C_STATIC, C_MALICIOUS],
  queue: [C_DEFERRABLE],
  db: [C_READ, C_HOT, C_WRITE, C_DEFERRABLE, C_MALICIOUS, C_BACKGROUND],
  replica: [C_READ, C_HOT, C_MALICIOUS, C_BACKGROUND],
  storage: [C_STATIC],
};

/**
 * Where a caller sends a class first: a cache or queue in front of a database takes the traffic,
 * and the database sees only what they pass on (or what reaches it when they are down).
 */
const PREFERENCE: Record<Kind, number> = {
  cdn: 0, cache: 0, queue: 0, gateway: 0, lb: 1, app: 1, dns: 1, shards: 2, db: 3, replica: 3, storage: 3,
};

/** Virtual nodes per server on a consistent-hashing load balancer's ring. */
export const LB_VIRTUAL_NODES = 10;

/** FNV-1a: a stable 32-bit hash for placing keys and shards on a ring. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

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

/**
 * Most distinct fixed delays a latency distribution keeps. Round trips make latency multimodal (a
 * local replica answers in 5 ms, the primary across an ocean in 150): one Gamma fitted to such a
 * mixture puts far too much weight in the tail, so the fixed part is kept as a few atoms.
 */
export const LATENCY_ATOMS = 3;

/**
 * A node's latency block holds one record per class (class k's at latencyAt + k * LAT_RECORD), so
 * a caller reading a child's latency for one class touches one or two cache lines, not five.
 * Where each number starts in a record:
 */
export const LAT_MEAN = 0;
export const LAT_M2 = 1;
export const LAT_FIXED_AT = 2;
export const LAT_FIXED_WEIGHT = LAT_FIXED_AT + LATENCY_ATOMS;
export const LAT_BOTTLENECK = LAT_FIXED_WEIGHT + LATENCY_ATOMS;
export const LAT_RECORD = LAT_BOTTLENECK + 1;
const LATENCY_BLOCK = LAT_RECORD * CLASS_COUNT;
/** Where each tally starts in a node's block, per class: arrivals not yet health-checked, checked ones, served, answered, then flows to children. */
export const ARRIVALS_UNCHECKED = 0;
export const ARRIVALS_CHECKED = CLASS_COUNT;
export const SERVED = 2 * CLASS_COUNT;
export const ANSWERED = 3 * CLASS_COUNT;

/** One node with its place in the graph and the per-tick scratch the tick fills in. */
export interface CNode {
  node: NodeState;
  /** The node's kind, kept here so hot loops need not load the node. */
  kind: Kind;
  index: number;
  region: number;
  /** The kind's parameters under the level's overrides, looked up once. */
  params: KindParams;
  /** The kind as flags, for the checks of the per-tick loops. */
  isDns: boolean;
  isGateway: boolean;
  isQueue: boolean;
  isReplica: boolean;
  /** A CDN or a cache: answers reads from what it holds. */
  isCache: boolean;
  /** Work of one write (databases pay more for writes), and of any other request: 1. */
  writeCost: number;
  /** One queue shared by every unit (a cache, an app pool behind least-connections) rather than one per unit. */
  sharedQueue: boolean;
  /** Servers of one unit: the kind's, times the tier's factor (queue workers are counted apart). */
  unitServers: number;
  /** The size tier's capacity factor. */
  tierFactor: number;
  /** Fixed processing delay, in seconds. */
  delay: number;
  /** Extra fixed delay of writes (a sync standby's acknowledgement), in seconds. */
  writeDelay: number;
  children: CNode[];
  /** Round trip of the call to each child, in seconds. */
  childRtt: Float64Array;
  /** Bit k set: class k arrived this tick or is still queued here. */
  mask: number;
  /** Per class: the positions in `children` that can carry it. */
  eligible: number[][];
  /** Per class: whether this node can carry it at all (answer it, or pass it to a child that can). */
  routes: number;
  /** Per class: whether this node answers it (rather than passing it on). */
  answers: number;
  /** A load balancer sending by capacity (least-connections) rather than evenly. */
  leastConnections: boolean;
  /** The load-balancing algorithm of the first load balancer calling this node, if any. */
  balancer: string | undefined;
  /** Replicas: the primary they follow. */
  primary: CNode | undefined;
  /** Arrivals of the tick per class, requests per second: not yet checked for health, and checked. */
  arrU: Float64Array;
  arrC: Float64Array;
  /** Served per class this tick (requests per second), and its share answered here. */
  served: Float64Array;
  answered: Float64Array;
  /** Failed legitimate requests of this tick per reason (counts), flushed into the totals. */
  up: number;
  activeUnits: number;
  slow: number;
  /** Bit k set: class k reached the node this tick, so a caller may read its latency for k. */
  need: number;
  /** The node's own mean response time and its variance, this tick (s, s^2). */
  ownMean: number;
  ownVar: number;
  /**
   * The graph's scratch buffer, where every view above and below lives, and where this node's block
   * and its latency block start: hot loops reach a child's numbers by offset, without loading the child.
   */
  buf: Float64Array;
  at: number;
  /**
   * Where the latency block starts in `buf`: a record per class (see LAT_RECORD) of the random part
   * of the latency downstream of the node's arrival (mean in s, second moment in s^2), LATENCY_ATOMS
   * fixed delays (s) with their weights, and the delay (s) of the node that most delays the class
   * (see `blame`).
   */
  latencyAt: number;
  /** Per child: its index in the order, and where its block (arrivals first) and its latency block start in `buf`. */
  childIndex: Int32Array;
  childArrivals: Int32Array;
  childLatency: Int32Array;
  /** Flow sent to each child this tick, per class: children.length x CLASS_COUNT, requests per second. */
  flowTo: Float64Array;
  /** Where `flowTo` starts in `buf`. */
  flowAt: number;
  /** Per class: eligible children grouped by preference (caches before databases), best first. */
  groups: number[][][];
  /** Shard routers: each child's share of keys, and the child holding the hot key. */
  shardShares: number[];
  hotOwner: number;
  table: QueueTable | undefined;
  tableC: number;
  tableK: number;
}

export interface Compiled {
  version: number;
  /** Nodes in call order: every caller before what it calls; ties by placement order. */
  order: CNode[];
  byId: Map<string, CNode>;
  /** Nodes nobody calls: where users' traffic enters. */
  roots: CNode[];
  /** The DNS users resolve through, if the architecture has one nobody calls. */
  dns: CNode | undefined;
  /** The nodes' per-tick tallies (arrivals, served, answered, flows), then their latency blocks. */
  scratch: Float64Array;
  /** Where the latency blocks start: the tallies before it are cleared at each tick. */
  tallies: number;
  /** Per node and class (index * CLASS_COUNT + k): the index of the node that most delays the class's requests from there. */
  blame: Int32Array;
  plans: SendPlans;
}

function newCNode(node: NodeState, index: number, region: number, params: KindParams): CNode {
  const none = new Float64Array(0);
  return {
    node, kind: node.kind, index, region, params,
    isDns: node.kind === 'dns', isGateway: node.kind === 'gateway', isQueue: node.kind === 'queue', isReplica: node.kind === 'replica',
    isCache: node.kind === 'cdn' || node.kind === 'cache', writeCost: node.kind === 'db' || node.kind === 'replica' ? WRITE_COST : 1,
    sharedQueue: node.kind === 'cache', unitServers: params.servers * (node.kind === 'queue' ? 1 : TIER_FACTOR[node.tier]), tierFactor: TIER_FACTOR[node.tier], delay: params.delayMs / 1000,
    writeDelay: node.kind === 'db' && (node.config as { standby?: string }).standby === 'sync' ? SYNC_COMMIT_MS / 1000 : 0, mask: 0, children: [], childRtt: none, eligible: [], routes: 0, answers: 0, leastConnections: node.kind === 'lb' && (node.config as { algorithm?: string }).algorithm === 'least-connections',
    balancer: undefined, primary: undefined,
    arrU: none, arrC: none, served: none, answered: none, up: 1, activeUnits: 1, slow: 1,
    need: 0, ownMean: 0, ownVar: 0,
    buf: none, at: 0, latencyAt: 0, childIndex: new Int32Array(0), childArrivals: new Int32Array(0), childLatency: new Int32Array(0),
    flowTo: none, flowAt: 0, groups: [], shardShares: [], hotOwner: 0, table: undefined, tableC: 0, tableK: 0,
  };
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
    if (from.node.kind === 'lb' && to.balancer === undefined) to.balancer = (from.node.config as { algorithm: string }).algorithm;
  }
  for (const c of order) if (c.kind === 'app' && c.balancer === 'least-connections') c.sharedQueue = true;
  for (let i = order.length - 1; i >= 0; i--) {
    const c = order[i]!;
    for (let k = 0; k < CLASS_COUNT; k++) {
      const el: number[] = [];
      c.children.forEach((ch, j) => { if (carries(ch.routes, k)) el.push(j); });
      c.eligible[k] = el;
      const ranks = [...new Set(el.map((j) => PREFERENCE[c.children[j]!.node.kind]))].sort((a, b) => a - b);
      c.groups[k] = ranks.map((r) => el.filter((j) => PREFERENCE[c.children[j]!.node.kind] === r));
      const answers = el.length === 0 && TERMINAL[c.node.kind].includes(k);
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
  const tallies = order.reduce((sum, c) => sum + (4 + Math.max(1, c.children.length)) * CLASS_COUNT, 0);
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
      const cfg = c.node.config as { algorithm: string; virtualNodes: number };
      const layout = shardLayout(c.children, cfg.algorithm, cfg.virtualNodes);
      c.shardShares = layout.shares;
      c.hotOwner = layout.hotOwner;
    }
    if (c.node.kind === 'lb' && (c.node.config as { algorithm: string }).algorithm === 'consistent-hash') {
      // Clients land on the ring: servers get uneven shares unless there are many virtual nodes.
      c.shardShares = shardLayout(c.children, 'consistent-hash', LB_VIRTUAL_NODES).shares;
    }
    if (c.node.kind === 'replica') {
      const p = (c.node.config as { primary?: string }).primary;
      c.primary = p === undefined ? undefined : byId.get(p);
    }
  }
  for (const c of order) {
    c.childRtt = Float64Array.from(c.children, (ch) => rt.rtt(c.node.region, ch.node.region));
    c.childIndex = Int32Array.from(c.children, (ch) => ch.index);
    c.childArrivals = Int32Array.from(c.children, (ch) => ch.at);
    c.childLatency = Int32Array.from(c.children, (ch) => ch.latencyAt);
  }
  const hasParent = new Set(state.links.map((l) => l.to));
  const roots = order.filter((c) => !hasParent.has(c.node.id));
  return { version: state.version, order, byId, roots, dns: roots.find((c) => c.node.kind === 'dns'), scratch, tallies,
    blame: Int32Array.from({ length: order.length * CLASS_COUNT }, (_, i) => Math.floor(i / CLASS_COUNT)), plans: buildPlans(order),
  };
}
