import type { Action } from '../../shared/action.js';
import { plannedUnits } from '../../shared/architecture.js';
import { LINKABLE, TIER_FACTOR, TIERS, WORKER_RATE, WRITE_COST, type Kind } from '../../shared/catalog.js';
import type { GameEvent } from '../../shared/level.js';
import { lruHitRatio } from '../../shared/sim/cache.js';
import type { GameState, NodeState } from '../../shared/state.js';
import {
  callersOf, calleesOf, databaseWork, entryNodes, freeId, growth, isReady, knownEvents, legitRate, looksDown,
  minutesLeft, nowSeconds, ofKind, projectedCost, trafficAt, unitCapacity,
} from './greedy-model.js';
import { Draft, type BotView, type Strategy } from './strategy.js';

/** Utilization an app pool is sized for: headroom for noise and the next few seconds' growth. */
export const APP_TARGET = 0.7;
/** Utilization a pool that must carry its sibling's load alone may reach. */
export const SURVIVOR_TARGET = 0.85;
/** Forecast database utilization past which the bot takes reads off it or makes it bigger. */
export const DB_HOT = 0.75;
/** Database utilization the bot aims for when it relieves one. */
export const DB_TARGET = 0.6;
/** Seconds beyond a unit's warm-up the forecast looks ahead: a decision or two late is still in time. */
const LEAD_SECONDS = 10;
/** Share of the budget that capacity (and getting ready for announced events) may bring the projected cost to. */
export const SPEND_CEILING = 0.97;
/** Share of the budget up to which the bot buys redundancy nobody asked for yet. */
export const SPARE_CEILING = 0.7;
/** Most cache nodes the bot gives one cache, and most read replicas one primary. */
const MAX_CACHE_UNITS = 8;
const MAX_REPLICAS = 2;
/** A real user's request rate times this is what the gateway's limiter lets each client make. */
const LIMIT_HEADROOM = 4;
/** Share of a replica's requests that may fail (stale reads) before the bot stops reading from it. */
const STALE_LIMIT = 0.01;
/** Seconds after a partition heals during which a replica's stale reads are its catching up, not a lasting lag. */
const CATCH_UP_SECONDS = 60;
/** Seconds of play left below which a new replica would not be ready in time to matter. */
const MIN_SECONDS_FOR_REPLICA = 60;

interface Turn {
  view: BotView;
  draft: Draft;
  events: GameEvent[];
  t: number;
}

/** Accepts a drafted state whose projected cost stays within the given share of the budget. */
function within(turn: Turn, share: number): (after: Readonly<GameState>) => boolean {
  const { rt } = turn.view;
  return (after) => projectedCost(after, rt) <= share * rt.level.budget;
}

const allowed = (turn: Turn, kind: Kind) => turn.view.rt.allowed.has(kind);
/** Whether an event is known and not over yet. */
const pending = (turn: Turn, e: GameEvent) => e.at + e.duration > turn.t;

/** Links from each caller and to each callee of `id`, as far as the rules let that kind call. */
function linksAround(id: string, kind: Kind, callers: readonly NodeState[], callees: readonly NodeState[]): Action[] {
  return [
    ...callers.filter((c) => LINKABLE[c.kind].includes(kind)).map((c): Action => ({ type: 'link', from: c.id, to: id })),
    ...callees.filter((c) => LINKABLE[kind].includes(c.kind)).map((c): Action => ({ type: 'link', from: id, to: c.id })),
  ];
}

/**
 * Puts a node of `kind` in front of where users' requests enter (behind the DNS, if any), one per
 * region. Users go on calling the old entry until the new node is ready.
 */
function insertAtEntry(turn: Turn, kind: Kind, config: Record<string, unknown>): boolean {
  const s = turn.draft.state;
  const dns = entryNodes(s).find((n) => n.kind === 'dns');
  const targets = dns ? calleesOf(s, dns.id) : entryNodes(s);
  if (!targets.length || !targets.every((t) => LINKABLE[kind].includes(t.kind))) return false;
  const actions: Action[] = [];
  const ids = new Set(s.nodes.map((n) => n.id));
  for (const region of new Set(targets.map((t) => t.region))) {
    let n = 1;
    while (ids.has(`${kind}${n}`)) n++;
    const id = `${kind}${n}`;
    ids.add(id);
    actions.push({ type: 'place', kind, region, id, config });
    for (const t of targets.filter((x) => x.region === region)) actions.push({ type: 'link', from: id, to: t.id });
    if (dns) actions.push({ type: 'link', from: dns.id, to: id });
  }
  return turn.draft.try(actions, within(turn, SPEND_CEILING));
}

/** Once a node put in front is ready, DNS stops sending users past it. */
function finishEntries(turn: Turn): void {
  const s = turn.draft.state;
  const dns = entryNodes(s).find((n) => n.kind === 'dns');
  if (!dns) return;
  const direct = calleesOf(s, dns.id);
  for (const front of direct) {
    if (!isReady(s, front)) continue;
    for (const behind of calleesOf(s, front.id)) {
      if (direct.some((d) => d.id === behind.id)) turn.draft.try([{ type: 'unlink', from: dns.id, to: behind.id }]);
    }
  }
}

/** A DDoS is coming: a gateway that filters known-bad traffic and limits each client well above a real user's pace. */
function shieldFromDdos(turn: Turn, e: Extract<GameEvent, { type: 'ddos' }>): void {
  if (!allowed(turn, 'gateway') || ofKind(turn.draft.state, 'gateway').length) return;
  const { users } = turn.view.level.traffic;
  const clients = users.reduce((a, u) => a + u.clients, 0);
  const peak = growth(turn.view, turn.events, e.at + e.duration - turn.t, legitRate);
  const perUser = (legitRate(trafficAt(turn.view, turn.events, turn.t)) * peak) / clients;
  const rate = Math.max(perUser * LIMIT_HEADROOM, 1);
  const limit = e.rps / e.bots > 2 * rate ? { limiter: 'token-bucket', ratePerClient: rate, burstPerClient: 2 * rate } : {};
  insertAtEntry(turn, 'gateway', { filter: true, ...limit });
}

/** A flash sale of deferrable writes: a queue in front of each database, its workers sized to the database's headroom. */
function queueWrites(turn: Turn, e: Extract<GameEvent, { type: 'flash-sale' }>): void {
  const { view } = turn;
  if (!allowed(turn, 'queue') || view.level.traffic.mix.deferrableWrite <= 0) return;
  for (const db of ofKind(turn.draft.state, 'db')) {
    const s = turn.draft.state;
    if (callersOf(s, db.id).some((c) => c.kind === 'queue')) continue;
    const apps = callersOf(s, db.id).filter((c) => c.kind === 'app');
    if (!apps.length) continue;
    const peak = trafficAt(view, turn.events, e.at + e.rampSeconds);
    const capacity = unitCapacity(view.rt, db);
    const otherWork = peak.read + WRITE_COST * peak.write;
    const workers = Math.max(1, Math.floor((DB_TARGET * capacity * 1.4 - otherWork) / (WRITE_COST * WORKER_RATE)));
    const backlog = Math.ceil(Math.max(0, peak.deferrable - workers * WORKER_RATE) * e.duration * 1.3);
    const id = freeId(s, 'queue');
    const actions: Action[] = [
      { type: 'place', kind: 'queue', region: db.region, id, config: { capacity: Math.min(10_000_000, Math.max(10_000, backlog)) } },
      ...(workers > 1 ? [{ type: 'scale', node: id, by: workers - 1 } as Action] : []),
      ...linksAround(id, 'queue', apps, [db]),
    ];
    turn.draft.try(actions, within(turn, SPEND_CEILING));
  }
}

/** The primary will fail: a standby takes over by itself (sync: sooner, and nothing is lost). */
function standBy(turn: Turn, region: string | undefined): void {
  for (const db of ofKind(turn.draft.state, 'db')) {
    if (region !== undefined && db.region !== region) continue;
    if ((db.config as { standby: string }).standby !== 'none') continue;
    turn.draft.try([{ type: 'configure', node: db.id, config: { standby: 'sync' } }], within(turn, SPEND_CEILING));
  }
}

/** Gets ready for each announced event that is not over yet. */
function prepare(turn: Turn): void {
  for (const e of turn.events) {
    if (!pending(turn, e)) continue;
    if (e.type === 'ddos') shieldFromDdos(turn, e);
    else if (e.type === 'celebrity' && allowed(turn, 'cdn') && !ofKind(turn.draft.state, 'cdn').length) insertAtEntry(turn, 'cdn', {});
    else if (e.type === 'flash-sale') queueWrites(turn, e);
    else if (e.type === 'db-failure') standBy(turn, e.region);
    else if (e.type === 'zone-failure' || e.type === 'region-failure') standBy(turn, e.region);
    else if (e.type === 'partition') availableUnderPartition(turn, e.regions);
  }
}

/** Adds `by` units, or as many as the budget allows. */
function scaleWithin(turn: Turn, node: string, by: number, share: number): void {
  for (let n = by; n >= 1; n = Math.floor(n / 2)) if (turn.draft.try([{ type: 'scale', node, by: n }], within(turn, share))) return;
}

/** Scales each serving app pool so that the traffic expected by the time new units are warm keeps it near APP_TARGET. */
function scaleApps(turn: Turn): void {
  const { view } = turn;
  const horizon = view.rt.params.app.provisionSeconds + LEAD_SECONDS;
  const g = growth(view, turn.events, horizon, legitRate);
  for (const pool of ofKind(turn.draft.state, 'app')) {
    const s = turn.draft.state;
    if (!isReady(s, pool) || looksDown(s, pool)) continue;
    const wanted = Math.ceil((pool.metrics.arrivalRps * g) / (unitCapacity(view.rt, pool) * APP_TARGET) - 1e-9);
    const max = view.rt.params.app.maxUnits;
    if (wanted > max && allowed(turn, 'lb') && !callersOf(s, pool.id).some((c) => c.kind === 'lb')) {
      balanceWithSibling(turn, pool, pool.metrics.arrivalRps * g);
      continue;
    }
    const planned = plannedUnits(pool);
    if (wanted > planned) scaleWithin(turn, pool.id, Math.min(wanted, max) - planned, SPEND_CEILING);
  }
}

/**
 * A second pool next to `pool`, behind a load balancer (put in front first if there is none), big
 * enough to carry `demand` alone: a bad deploy or a dead pool no longer takes the service down.
 */
function balanceWithSibling(turn: Turn, pool: NodeState, demand: number): boolean {
  const { view } = turn;
  if (!allowed(turn, 'app')) return false;
  const units = Math.min(view.rt.params.app.maxUnits, Math.max(1, Math.ceil(demand / (unitCapacity(view.rt, pool) * SURVIVOR_TARGET) - 1e-9)));
  const s = turn.draft.state;
  let lbs = callersOf(s, pool.id).filter((c) => c.kind === 'lb');
  const actions: Action[] = [];
  if (!lbs.length) {
    if (!allowed(turn, 'lb')) return false;
    const lb = freeId(s, 'lb');
    actions.push({ type: 'place', kind: 'lb', region: pool.region, id: lb });
    for (const c of callersOf(s, pool.id)) actions.push({ type: 'link', from: c.id, to: lb }, { type: 'unlink', from: c.id, to: pool.id });
    actions.push({ type: 'link', from: lb, to: pool.id });
    lbs = [{ ...pool, id: lb, kind: 'lb' }];
  }
  const id = freeId(s, 'app');
  actions.push(
    { type: 'place', kind: 'app', region: pool.region, id },
    ...(units > 1 ? [{ type: 'scale', node: id, by: units - 1 } as Action] : []),
    ...linksAround(id, 'app', lbs, calleesOf(s, pool.id)),
  );
  return turn.draft.try(actions, within(turn, SPEND_CEILING));
}

/** Whether a node is serving and its traffic has been seen (no tick has run at the very start). */
function measured(state: Readonly<GameState>, n: NodeState): boolean {
  return isReady(state, n) && n.metrics.arrivalRps > 0;
}

/** A load balancer in front of a single pool balances nothing: give it a sibling that could carry the load alone. */
function balanceLonePools(turn: Turn): void {
  const g = growth(turn.view, turn.events, turn.view.rt.params.app.provisionSeconds + LEAD_SECONDS, legitRate);
  const appFailure = turn.events.some((e) => pending(turn, e) && e.type === 'node-failure' && e.kind === 'app');
  for (const lb of ofKind(turn.draft.state, 'lb')) {
    const pools = calleesOf(turn.draft.state, lb.id).filter((c) => c.kind === 'app');
    if (pools.length === 1 && measured(turn.draft.state, pools[0]!)) balanceWithSibling(turn, pools[0]!, pools[0]!.metrics.arrivalRps * g);
  }
  // Without a load balancer, an announced failure of the only pool still calls for one.
  const pools = ofKind(turn.draft.state, 'app');
  if (appFailure && pools.length === 1 && measured(turn.draft.state, pools[0]!)) balanceWithSibling(turn, pools[0]!, pools[0]!.metrics.arrivalRps * g);
}

/** Read replicas following `db`, called by whatever calls it (app pools, caches). */
function addReplica(turn: Turn, db: NodeState, share: number): boolean {
  const s = turn.draft.state;
  if (!allowed(turn, 'replica') || minutesLeft(s, turn.view.rt) * 60 < MIN_SECONDS_FOR_REPLICA) return false;
  const replicas = s.nodes.filter((n) => n.kind === 'replica' && (n.config as { primary?: string }).primary === db.id);
  if (replicas.length >= MAX_REPLICAS) return false;
  const id = freeId(s, 'replica');
  return turn.draft.try([{ type: 'place', kind: 'replica', region: db.region, id, config: { primary: db.id } }, ...linksAround(id, 'replica', callersOf(s, db.id), [])], within(turn, share));
}

/** Keys a cache holds with `units` nodes at its tier. */
function cacheKeys(turn: Turn, units: number, tier: NodeState['tier'] = 'small'): number {
  return turn.view.rt.params.cache.keysPerUnit * TIER_FACTOR[tier] * units;
}

/** The smallest cache whose hit ratio reaches `hit` (or the biggest the bot buys). */
function cacheUnitsFor(turn: Turn, hit: number): number {
  const { keys, zipfAlpha } = turn.view.level.traffic;
  for (let u = 1; u < MAX_CACHE_UNITS; u++) if (lruHitRatio(zipfAlpha, keys, cacheKeys(turn, u)) >= hit) return u;
  return MAX_CACHE_UNITS;
}

/** A read-through cache between the app pools and `db`, sized to answer enough reads. */
function placeCache(turn: Turn, db: NodeState, hit: number): boolean {
  const s = turn.draft.state;
  const apps = callersOf(s, db.id).filter((c) => c.kind === 'app');
  if (!apps.length) return false;
  const id = freeId(s, 'cache');
  for (let units = cacheUnitsFor(turn, hit); units >= 1; units--) {
    const actions: Action[] = [
      { type: 'place', kind: 'cache', region: db.region, id },
      ...(units > 1 ? [{ type: 'scale', node: id, by: units - 1 } as Action] : []),
      ...linksAround(id, 'cache', apps, [db]),
    ];
    if (turn.draft.try(actions, within(turn, SPEND_CEILING))) return true;
  }
  return false;
}

/**
 * Keeps each database primary below DB_HOT over the next half minute: a cache when reads load it,
 * a bigger cache when that one is full, a replica, and a bigger tier (at once) when nothing else fits.
 */
function relieveDatabases(turn: Turn): void {
  const { view } = turn;
  const now = trafficAt(view, turn.events, turn.t);
  const readShare = databaseWork(now) > 0 ? now.read / databaseWork(now) : 0;
  const g = growth(view, turn.events, view.rt.params.replica.provisionSeconds, databaseWork);
  for (const db of ofKind(turn.draft.state, 'db')) {
    const s = turn.draft.state;
    if (!isReady(s, db) || looksDown(s, db)) continue;
    const helpers = callersOf(s, db.id).filter((c) => c.kind === 'cache');
    const replicas = s.nodes.filter((n) => n.kind === 'replica' && (n.config as { primary?: string }).primary === db.id);
    // Relief on its way: let it show before buying more.
    if ([...helpers, ...replicas].some((h) => !isReady(s, h) || h.fill < 0.95 * cacheKeys(turn, h.units, h.tier) && h.kind === 'cache')) continue;
    const load = db.metrics.utilization * g;
    if (load <= DB_HOT) continue;
    if (readShare >= 0.5 && allowed(turn, 'cache')) {
      const cache = helpers[0];
      if (!cache) {
        const wanted = 1 - (DB_TARGET / load - (1 - readShare)) / readShare;
        if (placeCache(turn, db, wanted)) continue;
      } else {
        const { keys, zipfAlpha } = view.level.traffic;
        const gain = lruHitRatio(zipfAlpha, keys, cacheKeys(turn, cache.units + 1, cache.tier)) - lruHitRatio(zipfAlpha, keys, cacheKeys(turn, cache.units, cache.tier));
        if (plannedUnits(cache) < MAX_CACHE_UNITS && gain > 0.03 && turn.draft.try([{ type: 'scale', node: cache.id, by: 1 }], within(turn, SPEND_CEILING))) continue;
      }
    }
    // A replica takes a while to warm up: past full load, only a bigger tier helps in time.
    if (readShare >= 0.5 && load < 1 && addReplica(turn, db, SPEND_CEILING)) continue;
    const next = TIERS[TIERS.indexOf(db.tier) + 1];
    if (next) turn.draft.try([{ type: 'upgrade', node: db.id, tier: next }], within(turn, SPEND_CEILING));
  }
}

/** A queue with a backlog drains it as fast as its database has room for. */
function drainQueues(turn: Turn): void {
  const { view } = turn;
  for (const q of ofKind(turn.draft.state, 'queue')) {
    const s = turn.draft.state;
    const db = calleesOf(s, q.id).find((c) => c.kind === 'db');
    if (!db || q.backlog <= 0 || !isReady(s, q) || looksDown(s, db)) continue;
    const capacity = unitCapacity(view.rt, db);
    const perWorker = WRITE_COST * WORKER_RATE * TIER_FACTOR[q.tier];
    const others = db.metrics.utilization * capacity - Math.min(q.units * perWorker, db.metrics.utilization * capacity);
    const workers = Math.floor((DB_HOT * capacity - others) / perWorker);
    if (workers > plannedUnits(q)) scaleWithin(turn, q.id, workers - plannedUnits(q), SPEND_CEILING);
  }
}

/**
 * Users far from every app pool: a pool in their region (the nearest entry takes them, through DNS
 * or not), sized for them, with a local read replica so that their reads stay local and go on
 * through a partition.
 */
function serveEveryRegion(turn: Turn): void {
  const { view } = turn;
  if (!allowed(turn, 'app')) return;
  const g = growth(view, turn.events, view.rt.params.app.provisionSeconds + LEAD_SECONDS, legitRate);
  const factor = legitRate(trafficAt(view, turn.events, turn.t)) / Math.max(1e-9, view.level.traffic.users.reduce((a, u) => a + u.rps, 0));
  for (const users of view.level.traffic.users) {
    const s = turn.draft.state;
    const pools = ofKind(s, 'app');
    const model = pools.find((p) => isReady(s, p));
    if (!model || pools.some((p) => p.region === users.region)) continue;
    const units = Math.max(1, Math.ceil((users.rps * factor * g) / (unitCapacity(view.rt, model) * APP_TARGET) - 1e-9));
    const id = freeId(s, 'app');
    const dns = entryNodes(s).filter((n) => n.kind === 'dns');
    const data = calleesOf(s, model.id).filter((c) => c.kind !== 'replica' || c.region === users.region);
    const actions: Action[] = [
      { type: 'place', kind: 'app', region: users.region, id },
      ...(units > 1 ? [{ type: 'scale', node: id, by: units - 1 } as Action] : []),
      ...linksAround(id, 'app', dns, data),
    ];
    const primary = data.find((c) => c.kind === 'db');
    if (primary && allowed(turn, 'replica')) {
      const replica = freeId(s, 'replica');
      actions.push({ type: 'place', kind: 'replica', region: users.region, id: replica, config: { primary: primary.id } }, { type: 'link', from: id, to: replica });
    }
    turn.draft.try(actions, within(turn, SPEND_CEILING));
  }
}

/**
 * A partition is coming between a primary and replicas that take writes on the far side: writes
 * there are taken locally and reconciled after (AP) rather than refused (CP).
 */
function availableUnderPartition(turn: Turn, regions: readonly [string, string]): void {
  const s = turn.draft.state;
  for (const db of ofKind(s, 'db')) {
    if (!regions.includes(db.region) || (db.config as { consistency: string }).consistency === 'ap') continue;
    const far = s.nodes.some((n) => n.kind === 'replica' && (n.config as { primary?: string }).primary === db.id && regions.includes(n.region) && n.region !== db.region);
    if (far) turn.draft.try([{ type: 'configure', node: db.id, config: { consistency: 'ap' } }]);
  }
}

/** Whether a known partition separates two regions now, or did so recently enough that replicas still catch up. */
function cutOff(turn: Turn, a: string, b: string): boolean {
  return turn.events.some((e) => e.type === 'partition' && e.at <= turn.t && e.at + e.duration + CATCH_UP_SECONDS > turn.t && e.regions.includes(a) && e.regions.includes(b) && a !== b);
}

/**
 * A replica that answers stale reads (its primary's writes outrun it, as in a flash sale) fails more
 * than it saves while the primary is up: it goes.
 */
function dropStaleReplicas(turn: Turn): void {
  const s = turn.draft.state;
  for (const r of ofKind(s, 'replica')) {
    const primary = s.nodes.find((n) => n.id === (r.config as { primary?: string }).primary);
    if (!primary || looksDown(s, primary) || !isReady(s, r) || cutOff(turn, primary.region, r.region)) continue;
    if (r.metrics.droppedRps > STALE_LIMIT * r.metrics.arrivalRps) turn.draft.try([{ type: 'remove', node: r.id }]);
  }
}

/**
 * With money to spare, a lone primary gets a read replica: reads go on through its failure, and it
 * shares them meanwhile; not before a known surge of writes, which would leave it behind.
 */
function spareReplicas(turn: Turn): void {
  if (turn.events.some((e) => pending(turn, e) && e.type === 'flash-sale')) return;
  for (const db of ofKind(turn.draft.state, 'db')) {
    const s = turn.draft.state;
    if (s.nodes.some((n) => n.kind === 'replica')) return;
    if (isReady(s, db)) addReplica(turn, db, SPARE_CEILING);
  }
}

/**
 * Plays by the numbers: gets ready for each announced event (a gateway before a DDoS, an edge
 * cache before a celebrity's spike, a queue before a flash sale, a standby before the primary
 * fails), scales app pools ahead of the traffic it can see coming, relieves hot databases, gives a
 * load balancer a second pool, and buys a replica when the money allows, always keeping the
 * projected cost of the whole round within the budget.
 */
export const greedy: Strategy = (view) => {
  const turn: Turn = { view, draft: new Draft(view), events: knownEvents(view), t: nowSeconds(view) };
  if (view.state.tick >= view.rt.totalTicks) return [];
  finishEntries(turn);
  dropStaleReplicas(turn);
  prepare(turn);
  scaleApps(turn);
  relieveDatabases(turn);
  drainQueues(turn);
  balanceLonePools(turn);
  serveEveryRegion(turn);
  spareReplicas(turn);
  return turn.draft.actions;
};
