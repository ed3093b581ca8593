import { plannedUnits } from '../../shared/architecture.js';
import { TIER_FACTOR, TIERS, WORKER_RATE, WRITE_COST, type Kind } from '../../shared/catalog.js';
import { lruHitRatio } from '../../shared/sim/index.js';
import type { Action } from '../../shared/action.js';
import type { GameState, NodeState } from '../../shared/state.js';
import { calleesOf, callersOf, databaseWork, freeId, growth, isReady, looksDown, minutesLeft, ofKind, trafficAt, unitCapacity } from './greedy-model.js';
import { allowed, linksAround, pending, placeWithUnits, replicasOf, scaleWithin, SPARE_CEILING, SPEND_CEILING, within, type Turn } from './greedy-turn.js';

/** Forecast database utilization past which the bot takes reads off it or makes it bigger. */
const DB_HOT = 0.75;
/** Database utilization the bot aims for when it relieves one. */
const DB_TARGET = 0.6;
/** Most cache nodes the bot gives one cache, and most read replicas one primary. */
const MAX_CACHE_UNITS = 8;
const MAX_REPLICAS = 2;
/** A cache is worth one more node when that raises its hit ratio by at least this much. */
const MIN_CACHE_GAIN = 0.03;
/** A cache holding less than this share of what it can is still warming up. */
const CACHE_WARM_SHARE = 0.95;
/** Share of a replica's requests that may fail (stale reads) before the bot stops reading from it. */
const STALE_LIMIT = 0.01;
/** Seconds after a partition heals during which a replica's stale reads are its catching up, not a lasting lag. */
const CATCH_UP_SECONDS = 60;
/** Seconds of play left below which a new replica would not be ready in time to matter. */
const MIN_SECONDS_FOR_REPLICA = 60;

/**
 * A read replica following `db`, called by whatever calls it (app pools, caches), as big as its
 * primary: reads split evenly between them, so a smaller one would drown first.
 */
function addReplica(turn: Turn, db: NodeState, share: number): boolean {
  const s = turn.draft.state;
  if (!allowed(turn, 'replica') || minutesLeft(s, turn.view.rt) * 60 < MIN_SECONDS_FOR_REPLICA) return false;
  if (replicasOf(s, db).length >= MAX_REPLICAS) return false;
  const id = freeId(s, 'replica');
  const size: Action[] = db.tier === 'small' ? [] : [{ type: 'upgrade', node: id, tier: db.tier }];
  return turn.draft.try([{ type: 'place', kind: 'replica', region: db.region, id, config: { primary: db.id } }, ...size, ...linksAround(id, 'replica', callersOf(s, db.id), [])], within(turn, share));
}

/** Keys a cache holds with `units` nodes at its tier. */
function cacheKeys(turn: Turn, units: number, tier: NodeState['tier']): number {
  return turn.view.rt.params.cache.keysPerUnit * TIER_FACTOR[tier] * units;
}

function hitRatio(turn: Turn, keysHeld: number): number {
  const { keys, zipfAlpha } = turn.view.level.traffic;
  return lruHitRatio(zipfAlpha, keys, keysHeld);
}

/** A read-through cache between the app pools and `db`, the smallest whose hit ratio reaches `hit` (as big as the budget allows). */
function placeCache(turn: Turn, db: NodeState, hit: number): boolean {
  const s = turn.draft.state;
  const apps = callersOf(s, db.id).filter((c) => c.kind === 'app');
  if (!apps.length) return false;
  const id = freeId(s, 'cache');
  let units = 1;
  while (units < MAX_CACHE_UNITS && hitRatio(turn, cacheKeys(turn, units, 'small')) < hit) units++;
  for (; units >= 1; units--) {
    if (turn.draft.try([...placeWithUnits('cache', db.region, id, units), ...linksAround(id, 'cache', apps, [db])], within(turn, SPEND_CEILING))) return true;
  }
  return false;
}

/** Whether a cache or replica in front of a database has yet to show its effect: still provisioning, or a cache still filling. */
function warming(turn: Turn, n: NodeState): boolean {
  if (!isReady(turn.draft.state, n)) return true;
  return n.kind === 'cache' && n.fill < CACHE_WARM_SHARE * cacheKeys(turn, n.units, n.tier);
}

/**
 * The most a known slowdown of a database that has yet to begin will multiply its service times by:
 * its utilization then, at today's load. Once it has begun the measured utilization shows it.
 */
function slowdownAhead(turn: Turn, db: NodeState): number {
  let factor = 1;
  for (const e of turn.events) {
    if (e.type !== 'latency' || e.at <= turn.t || (e.kind !== undefined && e.kind !== 'db')) continue;
    if (e.region === undefined || e.region === db.region) factor = Math.max(factor, e.factor);
  }
  return factor;
}

/**
 * Keeps each database primary below DB_HOT over the next half minute, and through an announced slowdown: a cache when reads load it,
 * a bigger cache, a replica, a bigger tier (at once) when nothing else fits, and shards past the largest tier.
 */
export function relieveDatabases(turn: Turn): void {
  const { view } = turn;
  const now = trafficAt(view, turn.events, turn.t);
  const readShare = databaseWork(now) > 0 ? now.read / databaseWork(now) : 0;
  const g = growth(view, turn.events, view.rt.params.replica.provisionSeconds, databaseWork);
  for (const db of ofKind(turn.draft.state, 'db')) {
    const s = turn.draft.state;
    if (!isReady(s, db) || looksDown(s, db)) continue;
    const caches = callersOf(s, db.id).filter((c) => c.kind === 'cache');
    // Relief on its way: let it show before buying more.
    if ([...caches, ...replicasOf(s, db)].some((n) => warming(turn, n))) continue;
    const load = db.metrics.utilization * g * slowdownAhead(turn, db);
    if (load <= DB_HOT) continue;
    if (readShare >= 0.5 && allowed(turn, 'cache')) {
      const cache = caches[0];
      if (!cache) {
        // The hit ratio that brings the reads' part of the load down to DB_TARGET.
        if (placeCache(turn, db, 1 - (DB_TARGET / load - (1 - readShare)) / readShare)) continue;
      } else {
        const gain = hitRatio(turn, cacheKeys(turn, cache.units + 1, cache.tier)) - hitRatio(turn, cacheKeys(turn, cache.units, cache.tier));
        if (plannedUnits(cache) < MAX_CACHE_UNITS && gain > MIN_CACHE_GAIN && turn.draft.try([{ type: 'scale', node: cache.id, by: 1 }], within(turn, SPEND_CEILING))) continue;
      }
    }
    // A replica takes a while to warm up: past full load, only a bigger tier helps in time.
    if (readShare >= 0.5 && load < 1 && addReplica(turn, db, SPEND_CEILING)) continue;
    const next = TIERS[TIERS.indexOf(db.tier) + 1];
    // Its replicas of the same size go up with it: they share its reads evenly.
    const twins = replicasOf(s, db).filter((r) => r.tier === db.tier);
    if (next) turn.draft.try([db, ...twins].map((n): Action => ({ type: 'upgrade', node: n.id, tier: next })), within(turn, SPEND_CEILING));
    // Writes past the largest tier: only more primaries, each with its part of the keys, take them.
    else if (readShare < 0.5) shardWrites(turn, db, load);
  }
}

/** The first `count` ids of a kind that no node has. */
function freeIds(state: Readonly<GameState>, kind: Kind, count: number): string[] {
  const ids: string[] = [];
  for (let n = 1; ids.length < count; n++) if (!state.nodes.some((x) => x.id === `${kind}${n}`)) ids.push(`${kind}${n}`);
  return ids;
}

/**
 * A shard router and enough new primaries at `db`'s tier that the load, split evenly by hash, keeps
 * each near DB_TARGET. They provision first; routeShards puts the router in the path once they serve.
 */
function shardWrites(turn: Turn, db: NodeState, load: number): void {
  const s = turn.draft.state;
  if (!allowed(turn, 'shards') || ofKind(s, 'shards').length) return;
  const added = Math.max(1, Math.ceil(load / DB_TARGET) - 1);
  const [router] = freeIds(s, 'shards', 1);
  const actions: Action[] = [{ type: 'place', kind: 'shards', region: db.region, id: router! }];
  for (const id of freeIds(s, 'db', added)) {
    actions.push({ type: 'place', kind: 'db', region: db.region, id });
    if (db.tier !== 'small') actions.push({ type: 'upgrade', node: id, tier: db.tier });
  }
  turn.draft.try(actions, within(turn, SPEND_CEILING));
}

/**
 * A shard router nobody calls yet, once it and every primary nobody calls are ready: the app pools'
 * primary and the new ones become its shards, and the app pools call the router instead.
 */
export function routeShards(turn: Turn): void {
  const s = turn.draft.state;
  for (const router of ofKind(s, 'shards')) {
    if (calleesOf(s, router.id).length || !isReady(s, router)) continue;
    const apps = ofKind(s, 'app');
    const old = ofKind(s, 'db').filter((d) => apps.some((a) => calleesOf(s, a.id).some((c) => c.id === d.id)));
    const fresh = ofKind(s, 'db').filter((d) => !callersOf(s, d.id).length && d.region === router.region);
    if (!old.length || !fresh.length || !fresh.every((d) => isReady(s, d))) continue;
    const actions: Action[] = [...old, ...fresh].map((d): Action => ({ type: 'link', from: router.id, to: d.id }));
    for (const a of apps) {
      const called = old.filter((d) => calleesOf(s, a.id).some((c) => c.id === d.id));
      if (!called.length) continue;
      actions.push({ type: 'link', from: a.id, to: router.id }, ...called.map((d): Action => ({ type: 'unlink', from: a.id, to: d.id })));
    }
    turn.draft.try(actions);
  }
}

/** A queue with a backlog drains it as fast as its database has room for. */
export function drainQueues(turn: Turn): void {
  for (const q of ofKind(turn.draft.state, 'queue')) {
    const s = turn.draft.state;
    const db = calleesOf(s, q.id).find((c) => c.kind === 'db');
    if (!db || q.backlog <= 0 || !isReady(s, q) || looksDown(s, db)) continue;
    const capacity = unitCapacity(turn.view.rt, db);
    const busy = db.metrics.utilization * capacity;
    const perWorker = WRITE_COST * WORKER_RATE * TIER_FACTOR[q.tier];
    const others = busy - Math.min(q.units * perWorker, busy);
    const workers = Math.floor((DB_HOT * capacity - others) / perWorker);
    if (workers > plannedUnits(q)) scaleWithin(turn, q.id, workers - plannedUnits(q), SPEND_CEILING);
  }
}

/** Whether a known partition separates two regions now, or did so recently enough that replicas still catch up. */
function cutOff(turn: Turn, a: string, b: string): boolean {
  return a !== b && turn.events.some((e) => e.type === 'partition' && e.at <= turn.t && e.at + e.duration + CATCH_UP_SECONDS > turn.t && e.regions.includes(a) && e.regions.includes(b));
}

/**
 * A replica that answers stale reads (its primary's writes outrun it, as in a flash sale) fails more
 * than it saves while the primary is up: it goes.
 */
export function dropStaleReplicas(turn: Turn): void {
  const s = turn.draft.state;
  for (const r of ofKind(s, 'replica')) {
    const primary = s.nodes.find((n) => n.id === r.config.primary);
    if (!primary || looksDown(s, primary) || !isReady(s, r) || cutOff(turn, primary.region, r.region)) continue;
    if (r.metrics.droppedRps > STALE_LIMIT * r.metrics.arrivalRps) turn.draft.try([{ type: 'remove', node: r.id }]);
  }
}

/**
 * With money to spare, a lone primary gets a read replica: reads go on through its failure, and it
 * shares them meanwhile; not before a known surge of writes, which would leave it behind.
 */
export function spareReplicas(turn: Turn): void {
  if (turn.events.some((e) => pending(turn, e) && e.type === 'flash-sale')) return;
  for (const db of ofKind(turn.draft.state, 'db')) {
    const s = turn.draft.state;
    if (s.nodes.some((n) => n.kind === 'replica')) return;
    if (isReady(s, db)) addReplica(turn, db, SPARE_CEILING);
  }
}
