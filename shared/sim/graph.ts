import { SYNC_COMMIT_MS, TIER_FACTOR, WRITE_COST, type Kind, type KindParams } from '../catalog.js';
import { KIND_FACTS, type KindFacts } from '../kinds/index.js';
import type { NodeState } from '../state.js';
import { CLASS_COUNT } from './classes.js';
import type { SendPlans } from './plans.js';
import type { QueueTable } from './queueing.js';

// The compiled graph: its nodes, and the flat arrays the per-tick loops walk. A tick of a room steps
// a hundred architectures one after the other, so each one's data is cold when its turn comes, and
// every load that waits on another (an object, then a field, then an array) costs a trip to memory.
// The hot loops therefore reach numbers by index in a few typed arrays per graph, whose loads do not
// wait on each other, rather than through each node's objects.

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
export const LATENCY_BLOCK = LAT_RECORD * CLASS_COUNT;
/** Where each tally starts in a node's block, per class: arrivals not yet health-checked, checked ones, served, answered, then flows to children. */
export const ARRIVALS_UNCHECKED = 0;
export const ARRIVALS_CHECKED = CLASS_COUNT;
export const SERVED = 2 * CLASS_COUNT;
export const ANSWERED = 3 * CLASS_COUNT;
export const FLOWS = 4 * CLASS_COUNT;

// The node table's integers, NODE_INTS per node in node order (one more row ends the last node's edges).
/** Bit k set: class k arrived this tick or is still queued here. */
export const I_MASK = 0;
/** Bit k set: class k reached the node this tick, so a caller may read its latency for k. */
export const I_NEED = 1;
/** Bit k set: the node can carry class k (answer it, or pass it to a child that can). */
export const I_ROUTES = 2;
/** Bit k set: the node answers class k rather than passing it on. */
export const I_ANSWERS = 3;
/** Where the node's tallies, its flows to children and its latency block start in the scratch buffer. */
export const I_AT = 4;
export const I_FLOW_AT = 5;
export const I_LATENCY_AT = 6;
/** The node's first edge in the edge arrays; its edges end where the next node's start. */
export const I_EDGES = 7;
export const NODE_INTS = 8;

// The node table's numbers, NODE_NUMBERS per node in node order.
/** The node's own mean response time and its variance, this tick (s, s^2). */
export const N_OWN_MEAN = 0;
export const N_OWN_VAR = 1;
/** Fixed processing delay, and the extra fixed delay of writes (a sync standby's acknowledgement), in seconds. */
export const N_DELAY = 2;
export const N_WRITE_DELAY = 3;
export const NODE_NUMBERS = 4;

/** One node with its place in the graph, for the code that runs once per node. */
export interface CNode {
  node: NodeState;
  /** The node's kind, kept here so hot loops need not load the node. */
  kind: Kind;
  index: number;
  region: number;
  /** The kind's parameters under the level's overrides, looked up once. */
  params: KindParams;
  /** The kind's facts (shared/kinds/), looked up once. */
  facts: KindFacts;
  /** The kind as flags, for the checks of the per-tick loops. */
  isDns: boolean;
  isGateway: boolean;
  isQueue: boolean;
  isReplica: boolean;
  /** Work of one write (databases pay more for writes), and of any other request: 1. */
  writeCost: number;
  /** One queue shared by every unit (a cache, an app pool behind least-connections) rather than one per unit. */
  sharedQueue: boolean;
  /** Servers of one unit: the kind's, times the tier's factor (queue workers are counted apart). */
  unitServers: number;
  /** The size tier's capacity factor. */
  tierFactor: number;
  /** Upkeep per minute of one unit (the kind's, times the tier's factor), and 2 for a database with a standby (it runs twice). */
  unitUpkeep: number;
  upkeepTwin: number;
  /** Fixed processing delay, in seconds (also in the node table, with the extra delay of writes). */
  delay: number;
  children: CNode[];
  /** Per class: the positions in `children` that can carry it. */
  eligible: number[][];
  /** Per class: whether this node can carry it, and whether it answers it (also in the node table). */
  routes: number;
  answers: number;
  /** A load balancer sending by capacity (least-connections) rather than evenly. */
  leastConnections: boolean;
  /** The load-balancing algorithm of the first load balancer calling this node, if any. */
  balancer: string | undefined;
  /** Replicas: the primary they follow. */
  primary: CNode | undefined;
  /** Views of the node's tallies in `buf`, for the code that runs once per node: arrivals of the tick per class (requests per second), not yet checked for health and checked. */
  arrU: Float64Array;
  arrC: Float64Array;
  /** Served per class this tick (requests per second), and its share answered here. */
  served: Float64Array;
  answered: Float64Array;
  /** Flow sent to each child this tick, per class: children.length x CLASS_COUNT, requests per second. */
  flowTo: Float64Array;
  /** Health this tick: 1 up, 0 down (between: up part of the time), units serving, and the service-time factor. */
  up: number;
  activeUnits: number;
  slow: number;
  /** The graph's scratch buffer, and where this node's tallies, flows and latency block start in it (also in the node table). */
  buf: Float64Array;
  at: number;
  flowAt: number;
  latencyAt: number;
  /** Per class: eligible children grouped by preference (caches before databases), best first. */
  groups: number[][][];
  /** Shard routers: each child's share of keys, and the child holding the hot key. */
  shardShares: number[];
  hotOwner: number;
  table: QueueTable | undefined;
  tableC: number;
  tableK: number;
  /** The node's row in the state's failures per node, once it has one (the state is the compiled one: a new state recompiles). */
  failedRow: number[] | undefined;
  /** The table cell the queue's last step ended in: where the next step starts looking. */
  tableCell: number;
}

export interface Compiled {
  version: number;
  /** Nodes in call order: every caller before what it calls; ties by placement order. */
  order: CNode[];
  /** Each node's state, in the same order. */
  states: NodeState[];
  byId: Map<string, CNode>;
  /** Nodes nobody calls: where users' traffic enters. */
  roots: CNode[];
  /** The DNS users resolve through, if the architecture has one nobody calls. */
  dns: CNode | undefined;
  /** The nodes' per-tick tallies (arrivals, served, answered, flows), then their latency blocks. */
  scratch: Float64Array;
  /** Where the latency blocks start: the tallies before it are cleared at each tick. */
  tallies: number;
  /** The node table (see the I_ and N_ offsets). */
  ints: Int32Array;
  numbers: Float64Array;
  /** Per edge (a node's calls to its children, in order): the child's index, where its latency block starts, the round trip (s). */
  edgeChild: Int32Array;
  edgeLatency: Int32Array;
  edgeRtt: Float64Array;
  /** Per node and class (index * CLASS_COUNT + k): the index of the node that most delays the class's requests from there. */
  blame: Int32Array;
  plans: SendPlans;
}

export function newCNode(node: NodeState, index: number, region: number, params: KindParams): CNode {
  const none = new Float64Array(0);
  return {
    node, kind: node.kind, index, region, params, facts: KIND_FACTS[node.kind],
    isDns: node.kind === 'dns', isGateway: node.kind === 'gateway', isQueue: node.kind === 'queue', isReplica: node.kind === 'replica',
    writeCost: node.kind === 'db' || node.kind === 'replica' ? WRITE_COST : 1,
    sharedQueue: node.kind === 'cache', unitServers: params.servers * (node.kind === 'queue' ? 1 : TIER_FACTOR[node.tier]),
    tierFactor: TIER_FACTOR[node.tier], unitUpkeep: params.upkeepPerMinute * TIER_FACTOR[node.tier], upkeepTwin: upkeepTwin(node),
    delay: params.delayMs / 1000, children: [], eligible: [], routes: 0, answers: 0,
    leastConnections: node.kind === 'lb' && node.config.algorithm === 'least-connections',
    balancer: undefined, primary: undefined, arrU: none, arrC: none, served: none, answered: none, flowTo: none,
    up: 1, activeUnits: 1, slow: 1, buf: none, at: 0, flowAt: 0, latencyAt: 0,
    groups: [], shardShares: [], hotOwner: 0, table: undefined, tableC: 0, tableK: 0, failedRow: undefined, tableCell: -1,
  };
}

function upkeepTwin(node: NodeState): number {
  return node.kind === 'db' && node.config.standby !== 'none' ? 2 : 1;
}

/** Extra fixed delay of a node's writes: a database with a sync standby waits for its acknowledgement. */
export function writeDelayOf(node: NodeState): number {
  return node.kind === 'db' && node.config.standby === 'sync' ? SYNC_COMMIT_MS / 1000 : 0;
}
