import type { Kind, Tier } from './catalog.js';
import type { KindConfig, NodeConfig } from './kinds/index.js';
import type { GameEvent } from './level.js';

/**
 * A gateway limiter's state (sim/rate-limit.ts): plain data shared by all algorithms so that a snapshot is a
 * JSON copy and switching algorithm needs no reshaping; each algorithm reads
 * only its own fields.
 */
export interface RateLimitState {
  /** Token bucket: tokens currently available. */
  tokens: number;
  /** Windows: index of the window `current` counts, -1 before the first tick. */
  windowIndex: number;
  /** Windows: requests admitted in window `windowIndex`. */
  current: number;
  /** Sliding window: requests admitted in window `windowIndex - 1`. */
  previous: number;
}

/** A latency distribution: a random part (Gamma-fitted mean and variance) plus a few fixed delays with their weights (s). */
export interface LatencyShape {
  randomMean: number;
  randomVar: number;
  fixed: number[];
  weights: number[];
}

/** What a node showed in the last tick: the numbers the map, the inspector and `simulate` print. */
export interface NodeMetrics {
  /** Every request that reached the node, queue workers' and replication writes included. */
  arrivalRps: number;
  servedRps: number;
  /** Legitimate requests that failed at this node, per second. */
  droppedRps: number;
  /** Busy share of the servers, 0..1. */
  utilization: number;
  /** Mean requests inside (queued and in service). */
  inSystem: number;
  /** Mean time a request spends in this node, in ms. */
  latencyMs: number;
  /** Share of requests answered from cache (CDN and cache nodes), 0..1. */
  hitRatio: number;
  /** Malicious requests a gateway stopped (filtered or rate-limited) per second: blocked, not failed. */
  blockedRps: number;
  /** Replicas: how far behind the primary, in ms: the one-way delay plus backlog / apply rate. */
  lagMs: number;
}

/** What every node has whatever its kind; NodeState adds the kind and its config. */
interface NodeBase {
  id: string;
  region: string;
  /** Placement order: events pick "the oldest" by it, and iteration follows it. */
  seq: number;
  tier: Tier;
  /** Units taking traffic (app instances, cache nodes, queue workers; 1 for the rest). */
  units: number;
  /** Units still warming up: [tick they start serving, count]. */
  warming: [number, number][];
  /** First tick the node serves. */
  readyTick: number;
  /** Mean requests in the node, per internal request class (queue state carried between ticks). */
  x: number[];
  /** Messages waiting in a queue, or writes a replica has not applied yet. */
  backlog: number;
  /** Replicas: the primary's writes per second in the last tick, which set how fast data goes stale; primaries: their own. */
  writeRps: number;
  /** Writes a replica took during a partition under AP, to reconcile when it heals. */
  apPending: number;
  /** Keys a cache or CDN holds: it starts cold and fills with misses. */
  fill: number;
  /** Gateways: limiter state of legitimate clients and of bots. */
  limiter?: { legit: RateLimitState; bots: RateLimitState };
  /** DNS: the targets it has seen go down, with the tick each went down (removed when it is back up). */
  dnsDown?: [string, number][];
  /** DNS: the configuration before the last change and the tick it changed; resolvers hold the old answers for a TTL. */
  dnsPrevious?: { config: NodeConfig<'dns'>; tick: number };
  metrics: NodeMetrics;
}

/** A node: narrowing on `kind` types its `config`. */
export type NodeState = NodeBase & KindConfig;

interface Link {
  from: string;
  to: string;
}

interface Totals {
  /** Legitimate requests offered. */
  offered: number;
  good: number;
  /** Failed legitimate requests per reason, in FAILURE_REASONS order. */
  failed: number[];
  maliciousOffered: number;
  maliciousLeaked: number;
}

export interface GameState {
  levelId: string;
  seed: number;
  tick: number;
  rng: [number, number, number, number];
  nodes: NodeState[];
  links: Link[];
  nextSeq: number;
  /** Money spent on building, scaling and upgrading. */
  built: number;
  /** Money spent on running the architecture so far. */
  upkeep: number;
  /** Events a host fired live, with `at` set to when they fired. */
  fired: GameEvent[];
  totals: Totals;
  /** The nodes each failure event took down, chosen when it began, by the event's place in the timeline. */
  victims: Record<string, string[]>;
  /** Failed legitimate requests per node id and reason (the debrief's raw material). */
  failedByNode: Record<string, number[]>;
  /** Whole-game view of the last tick; the latency shape is in seconds (see sim/latency.ts). */
  last: { offeredRps: number; goodRps: number; latencyMeanMs: number; latency: LatencyShape };
  /** Bumped on every change that alters the compiled graph. */
  version: number;
}

/** A node of one kind, its config typed by that kind. */
export type NodeOf<K extends Kind> = Extract<NodeState, { kind: K }>;

/** Whether a node is of a kind; a true answer types its config. */
export function isKind<K extends Kind>(n: NodeState, kind: K): n is NodeOf<K> {
  return n.kind === kind;
}
