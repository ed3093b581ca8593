import type { Action } from '../action.js';
import { budgetLeft, plannedUnits, unitCost } from '../architecture.js';
import { LINKABLE, TIER_FACTOR, TIERS, WORKER_RATE, type Kind } from '../catalog.js';
import type { LevelRuntime } from '../level-runtime.js';
import type { GameState, NodeOf, NodeState } from '../state.js';
import type { Culprit } from './incidents.js';
import { parallelUnits, surviveZone } from './redundancy.js';
import { cacheBeforeShards } from './hot-key.js';
import { standbyRegion } from './region-failover.js';
import { promoteReplica } from './promote.js';
import { autoscaleWithHeadroom } from './autoscale.js';
import { replicasPastCeiling, shardPrimary } from './scale-out.js';

// The one-change alternatives a what-if tries, chosen from the component that failed first and why.
// Each is planned on the architecture as it was when the change would have been made.

/** Utilization a scaled pool is sized for at the incident's peak: headroom for noise and warm-up. */
const SIZING_UTILIZATION = 0.8;
/** Messages a queue placed for deferrable writes holds: a flash sale's backlog. */
const WHAT_IF_QUEUE_CAPACITY = 300_000;
/** Workers of a queue placed for deferrable writes. */
const WHAT_IF_QUEUE_WORKERS = 4;
/** Nodes of a cache placed in front of a database. */
const WHAT_IF_CACHE_NODES = 2;
/** A gateway's per-client limit is this many times a real user's pace: far below a bot's. */
const LIMIT_OVER_USER_PACE = 10;
/** A rate limit that turned users away is loosened this many times. */
const LOOSEN_LIMIT = 4;
/** A full queue is made this many times bigger. */
const GROW_QUEUE = 10;
/** Nodes a what-if places are named with this prefix, which keeps them apart from the player's own ids. */
const ID_PREFIX = 'whatif-';

/** What the trouble looked like, beyond the culprit itself. */
export interface TroubleContext {
  /** Highest arrivals per second at the culprit during the incident. */
  peakArrivalRps: number;
  /** A DDoS was in force and malicious requests got through. */
  ddos: boolean;
  /** A flash sale of writes was in force. */
  flashSale: boolean;
  /** A celebrity spike (reads of one hot key) was in force. */
  celebrity: boolean;
  /** The region a zone failure in force struck, if one was. */
  zoneFailure: string | undefined;
  /** The region a region failure in force took down, if one did. */
  regionFailure: string | undefined;
  /** Seconds from the start at which a database failure in force began, if one did. */
  dbFailureAt: number | undefined;
  /** How much traffic jumped in a surge in force that came with no announcement, if one did. */
  surge: number | undefined;
  /** The level counts every unit's background downtime (availability in series and in parallel). */
  backgroundFailures: boolean;
}

interface PlannedChange {
  /** How a hint names it: "a read replica of db1". */
  text: string;
  actions: Action[];
  /** Actions made this many seconds after the first, once what those placed is ready (a router switched to new primaries). */
  later?: { afterSeconds: number; actions: Action[] };
}

export interface Change {
  /** The kind whose provisioning the change waits for: it is made that long before the trouble began. */
  provisions: Kind | undefined;
  /** A standing setting rather than a reaction: made at the start of the game (an autoscaler's headroom). */
  fromStart?: boolean;
  /** The actions on the architecture as it then was; undefined when the change does not apply to it. */
  plan(state: GameState, rt: LevelRuntime): PlannedChange | undefined;
}

const UNIT_WORDS: Partial<Record<Kind, string>> = { app: 'instances', cache: 'nodes', queue: 'workers' };

function node(state: GameState, id: string): NodeState | undefined {
  return state.nodes.find((n) => n.id === id);
}

function callers(state: GameState, id: string): NodeState[] {
  return state.links.filter((l) => l.to === id).map((l) => node(state, l.from)).filter((n): n is NodeState => n !== undefined);
}

function callees(state: GameState, id: string): NodeState[] {
  return state.links.filter((l) => l.from === id).map((l) => node(state, l.to)).filter((n): n is NodeState => n !== undefined);
}

/** Enough units for the peak at the sizing utilization, within the kind's limit and the budget left. */
function scalePool(culprit: Culprit, trouble: TroubleContext): Change {
  return {
    provisions: culprit.kind,
    plan(state, rt) {
      const n = node(state, culprit.node);
      if (!n || !UNIT_WORDS[n.kind]) return undefined;
      const p = rt.params[n.kind];
      const perUnit = (p.servers * TIER_FACTOR[n.tier]) / (p.serviceMs / 1000);
      const needed = Math.ceil(trouble.peakArrivalRps / (perUnit * SIZING_UTILIZATION));
      const planned = plannedUnits(n);
      const affordable = Math.floor(budgetLeft(state, rt) / unitCost(rt, n));
      const by = Math.min(needed - planned, p.maxUnits - planned, affordable);
      if (by < 1) return undefined;
      return { text: `scaling ${n.id} to ${planned + by} ${UNIT_WORDS[n.kind]}`, actions: [{ type: 'scale', node: n.id, by }] };
    },
  };
}

function upgrade(culprit: Culprit): Change {
  return {
    provisions: undefined,
    plan(state) {
      const n = node(state, culprit.node);
      const next = n && TIERS[TIERS.indexOf(n.tier) + 1];
      if (!n || !next) return undefined;
      return { text: `upgrading ${n.id} to ${next}`, actions: [{ type: 'upgrade', node: n.id, tier: next }] };
    },
  };
}

/** The primary a saturated database node answers for: itself, or the one a replica follows. */
function primaryOf(state: GameState, n: NodeState): NodeState | undefined {
  if (n.kind === 'db') return n;
  const id = n.kind === 'replica' ? n.config.primary : undefined;
  return id === undefined ? undefined : node(state, id);
}

/** Another read replica, called by everything that calls the saturated database node. */
function replica(culprit: Culprit): Change {
  return {
    provisions: 'replica',
    plan(state) {
      const n = node(state, culprit.node);
      const primary = n && primaryOf(state, n);
      if (!n || !primary) return undefined;
      const from = callers(state, n.id).filter((c) => LINKABLE[c.kind].includes('replica'));
      if (!from.length) return undefined;
      const id = `${ID_PREFIX}replica`;
      return {
        text: `a read replica of ${primary.id}`,
        actions: [
          { type: 'place', kind: 'replica', region: n.region, id, config: { primary: primary.id } },
          ...from.map((c): Action => ({ type: 'link', from: c.id, to: id })),
        ],
      };
    },
  };
}

/** A cache between the database and the app pools that call it. */
function cache(culprit: Culprit): Change {
  return {
    provisions: 'cache',
    plan(state) {
      const n = node(state, culprit.node);
      if (!n) return undefined;
      const from = callers(state, n.id).filter((c) => c.kind === 'app');
      if (!from.length) return undefined;
      const id = `${ID_PREFIX}cache`;
      return {
        text: `a cache in front of ${n.id}`,
        actions: [
          { type: 'place', kind: 'cache', region: n.region, id },
          { type: 'scale', node: id, by: WHAT_IF_CACHE_NODES - 1 },
          { type: 'link', from: id, to: n.id },
          ...from.map((c): Action => ({ type: 'link', from: c.id, to: id })),
        ],
      };
    },
  };
}

/** A queue that takes the deferrable writes off the app pools' path to the database. */
function writeQueue(culprit: Culprit): Change {
  return {
    provisions: 'queue',
    plan(state, rt) {
      const n = node(state, culprit.node);
      if (!n || n.kind !== 'db' || !(rt.level.traffic.mix.deferrableWrite > 0)) return undefined;
      const from = callers(state, n.id).filter((c) => c.kind === 'app');
      if (!from.length) return undefined;
      const id = `${ID_PREFIX}queue`;
      return {
        text: `a queue for deferrable writes in front of ${n.id}`,
        actions: [
          { type: 'place', kind: 'queue', region: n.region, id, config: { capacity: WHAT_IF_QUEUE_CAPACITY } },
          { type: 'scale', node: id, by: WHAT_IF_QUEUE_WORKERS - 1 },
          { type: 'link', from: id, to: n.id },
          ...from.map((c): Action => ({ type: 'link', from: c.id, to: id })),
        ],
      };
    },
  };
}

function standby(culprit: Culprit, mode: 'async' | 'sync'): Change {
  return {
    provisions: undefined,
    plan(state) {
      const n = node(state, culprit.node);
      if (!n || n.kind !== 'db' || n.config.standby !== 'none') return undefined;
      return { text: `${mode === 'async' ? 'an async' : 'a sync'} standby for ${n.id}`, actions: [{ type: 'configure', node: n.id, config: { standby: mode } }] };
    },
  };
}

/** A second app pool of the same size behind the load balancers that call the one that went down. */
function secondPool(culprit: Culprit): Change {
  return {
    provisions: 'app',
    plan(state) {
      const n = node(state, culprit.node);
      if (!n || n.kind !== 'app') return undefined;
      const lbs = callers(state, n.id).filter((c) => c.kind === 'lb');
      if (!lbs.length) return undefined;
      const id = `${ID_PREFIX}app`;
      const units = plannedUnits(n);
      return {
        text: `a second app pool of ${units} instances behind ${lbs.map((l) => l.id).join(' and ')}`,
        actions: [
          { type: 'place', kind: 'app', region: n.region, id },
          ...(units > 1 ? [{ type: 'scale', node: id, by: units - 1 } as Action] : []),
          ...lbs.map((l): Action => ({ type: 'link', from: l.id, to: id })),
          ...callees(state, n.id).map((c): Action => ({ type: 'link', from: id, to: c.id })),
        ],
      };
    },
  };
}

/** The users' pace times the margin: what a limiter lets each client do. */
function clientLimit(rt: LevelRuntime): { ratePerClient: number; burstPerClient: number } {
  const pace = Math.max(...rt.level.traffic.users.map((u) => u.rps / u.clients));
  const ratePerClient = Math.max(1, Math.ceil(pace * LIMIT_OVER_USER_PACE));
  return { ratePerClient, burstPerClient: 2 * ratePerClient };
}

/** Kinds users' requests pass through before they reach what a new front node goes in front of. */
const PASSED_THROUGH: Record<'cdn' | 'gateway', readonly Kind[]> = { cdn: ['dns'], gateway: ['dns', 'cdn'] };

/**
 * A new node of `kind` where users' requests enter: in front of the entry points (nodes nobody
 * calls) and of what DNS (and, for a gateway, CDN edges) pass requests on to, one per region.
 */
function placeInFront(state: GameState, kind: 'cdn' | 'gateway', config: Record<string, unknown>): { fronted: string[]; actions: Action[] } | undefined {
  const through = PASSED_THROUGH[kind];
  const fits = (n: NodeState) => n.kind !== kind && !through.includes(n.kind) && LINKABLE[kind].includes(n.kind);
  const called = new Set(state.links.map((l) => l.to));
  const fronts: { from: NodeState | undefined; to: NodeState }[] = [];
  for (const n of state.nodes) if (!called.has(n.id) && fits(n)) fronts.push({ from: undefined, to: n });
  for (const l of state.links) {
    const from = node(state, l.from);
    const to = node(state, l.to);
    if (from && to && through.includes(from.kind) && fits(to)) fronts.push({ from, to });
  }
  if (!fronts.length) return undefined;
  const actions: Action[] = [];
  const has = (from: string, to: string) => actions.some((a) => a.type === 'link' && a.from === from && a.to === to);
  const placed = new Map<string, string>();
  for (const { from, to } of fronts) {
    let id = placed.get(to.region);
    if (id === undefined) {
      id = `${ID_PREFIX}${kind}-${to.region}`.slice(0, 24);
      placed.set(to.region, id);
      actions.push({ type: 'place', kind, region: to.region, id, config });
    }
    if (!has(id, to.id)) actions.push({ type: 'link', from: id, to: to.id });
    if (from) {
      actions.push({ type: 'unlink', from: from.id, to: to.id });
      if (!has(from.id, id)) actions.push({ type: 'link', from: from.id, to: id });
    }
  }
  return { fronted: [...new Set(fronts.map((f) => f.to.id))], actions };
}

/** The traffic filter and a per-client limit: on the gateways there are, or on a new one in front. */
function gatewayFilter(): Change {
  return {
    provisions: 'gateway',
    plan(state, rt) {
      const config = { filter: true, limiter: 'token-bucket', ...clientLimit(rt) };
      const limit = `the traffic filter and a limit of ${config.ratePerClient} req/s per client`;
      const gateways = state.nodes.filter((n) => n.kind === 'gateway');
      if (gateways.length) {
        return { text: `${limit} on ${gateways.map((g) => g.id).join(' and ')}`, actions: gateways.map((g): Action => ({ type: 'configure', node: g.id, config })) };
      }
      const front = placeInFront(state, 'gateway', config);
      return front && { text: `a gateway with ${limit} in front of ${front.fronted.join(' and ')}`, actions: front.actions };
    },
  };
}

/** A CDN edge in front, which answers a hot key's reads (and static objects) itself. */
function cdnFront(): Change {
  return {
    provisions: 'cdn',
    plan(state) {
      if (state.nodes.some((n) => n.kind === 'cdn')) return undefined;
      const front = placeInFront(state, 'cdn', {});
      return front && { text: `a CDN edge in front of ${front.fronted.join(' and ')}`, actions: front.actions };
    },
  };
}

function looserLimit(culprit: Culprit): Change {
  return {
    provisions: undefined,
    plan(state) {
      const n = node(state, culprit.node);
      if (!n || n.kind !== 'gateway') return undefined;
      const c = n.config;
      const ratePerClient = c.ratePerClient * LOOSEN_LIMIT;
      return {
        text: `a looser limit of ${ratePerClient} req/s per client on ${n.id}`,
        actions: [{ type: 'configure', node: n.id, config: { ratePerClient, burstPerClient: c.burstPerClient * LOOSEN_LIMIT } }],
      };
    },
  };
}

function biggerQueue(culprit: Culprit, trouble: TroubleContext): Change {
  return {
    provisions: 'queue',
    plan(state, rt) {
      const n = node(state, culprit.node);
      if (!n || n.kind !== 'queue') return undefined;
      const capacity = n.config.capacity * GROW_QUEUE;
      const planned = plannedUnits(n);
      const workers = Math.min(rt.params.queue.maxUnits, Math.max(planned, Math.ceil(trouble.peakArrivalRps / WORKER_RATE)));
      return {
        text: `${n.id} holding ${capacity} messages${workers > planned ? ` with ${workers} workers` : ''}`,
        actions: [
          { type: 'configure', node: n.id, config: { capacity } },
          ...(workers > planned ? [{ type: 'scale', node: n.id, by: workers - planned } as Action] : []),
        ],
      };
    },
  };
}

/** A replica near the cut-off app pool, with the primary in AP mode so that its writes are taken locally too. */
function localReplica(culprit: Culprit): Change {
  return {
    provisions: 'replica',
    plan(state) {
      const n = node(state, culprit.node);
      if (!n || n.kind !== 'app') return undefined;
      const primary = callees(state, n.id).find((c): c is NodeOf<'db'> => c.kind === 'db' && c.region !== n.region);
      if (!primary) return undefined;
      const id = `${ID_PREFIX}replica-${n.region}`.slice(0, 24);
      const ap = primary.config.consistency === 'ap';
      return {
        text: `a read replica in ${n.region} for ${n.id}${ap ? '' : ` (and ${primary.id} in AP mode)`}`,
        actions: [
          ...(ap ? [] : [{ type: 'configure', node: primary.id, config: { consistency: 'ap' } } as Action]),
          { type: 'place', kind: 'replica', region: n.region, id, config: { primary: primary.id } },
          { type: 'link', from: n.id, to: id },
        ],
      };
    },
  };
}

/** The changes worth trying for a culprit, the likeliest to help first. */
export function changesFor(culprit: Culprit, trouble: TroubleContext): Change[] {
  const reason = culprit.reasons[0]?.reason;
  const kind = culprit.kind;
  const load = reason === 'overloaded' || reason === 'timed-out';
  const changes: Change[] = [];
  // A zone takes half of every pool and a lone primary at once: one change must answer both.
  if (trouble.zoneFailure !== undefined && (load || reason === 'node-down') && culprit.region === trouble.zoneFailure) changes.push(surviveZone(trouble.zoneFailure));
  // A whole region is gone: only a stack in another region that DNS moves users to answers it.
  if (trouble.regionFailure !== undefined && reason === 'node-down' && culprit.region === trouble.regionFailure) changes.push(standbyRegion(trouble.regionFailure));
  // A unit that is down now and then is a tier in series: a second one puts it in parallel.
  if (trouble.backgroundFailures && reason === 'node-down') changes.push(parallelUnits());
  if (trouble.ddos && load) changes.push(gatewayFilter());
  if (trouble.celebrity && load && (kind === 'app' || kind === 'lb' || kind === 'gateway')) changes.push(cdnFront());
  // A surge with no warning outruns any scaling started once it is seen: headroom must be there already.
  if (trouble.surge !== undefined && load && kind === 'app') changes.push(autoscaleWithHeadroom(culprit, trouble));
  if (load && (kind === 'app' || kind === 'cache')) changes.push(scalePool(culprit, trouble));
  if (load && kind === 'db') {
    // A flash sale is writes: a queue absorbs them, where a cache or a replica only takes reads.
    const reads = [cache(culprit), replica(culprit)];
    // Tried first, and only for a primary that has no bigger tier: replicas for its reads, shards for its writes.
    changes.push(replicasPastCeiling(culprit, trouble), shardPrimary(culprit, trouble));
    // A hot key's reads all land on the shard that owns it: only a cache in front of the router takes them.
    changes.push(cacheBeforeShards(culprit, trouble));
    changes.push(...(trouble.flashSale ? [writeQueue(culprit), ...reads] : [...reads, writeQueue(culprit)]), upgrade(culprit));
  }
  if (load && kind === 'replica') changes.push(replica(culprit), upgrade(culprit));
  // A replica at hand is promoted at once; a standby takes its failover time.
  if (reason === 'node-down' && kind === 'db' && trouble.dbFailureAt !== undefined) changes.push(promoteReplica(culprit, trouble.dbFailureAt));
  if (reason === 'node-down' && kind === 'db') changes.push(standby(culprit, 'async'), standby(culprit, 'sync'));
  if (reason === 'node-down' && kind === 'app') changes.push(secondPool(culprit));
  if (reason === 'partitioned') changes.push(localReplica(culprit));
  if (reason === 'rate-limited') changes.push(looserLimit(culprit));
  if (reason === 'queue-full') changes.push(biggerQueue(culprit, trouble));
  return changes;
}
