import type { Action } from '../../shared/action.js';
import { plannedUnits } from '../../shared/architecture.js';
import { factsOf } from '../../shared/kinds/index.js';
import type { NodeState } from '../../shared/state.js';
import { drainQueues, dropStaleReplicas, relieveDatabases, routeShards, spareReplicas } from './greedy-data.js';
import { finishEntries, prepare } from './greedy-events.js';
import { standbyRegion } from './greedy-region.js';
import { autoscales, autoscaleSwings } from './greedy-autoscale.js';
import {
  calleesOf, callersOf, entryNodes, freeId, growth, isReady, knownEvents, legitRate, looksDown, nowSeconds, ofKind, trafficAt, unitCapacity,
} from './greedy-model.js';
import { allowed, linksAround, pending, placeWithUnits, scaleWithin, SPEND_CEILING, within, type Turn } from './greedy-turn.js';
import { Draft, type Strategy } from './strategy.js';

/** Utilization an app pool is sized for: headroom for noise and the next few seconds' growth. */
const APP_TARGET = 0.7;
/** Utilization a pool that must carry its sibling's load alone may reach. */
const SURVIVOR_TARGET = 0.85;
/** Share of the downtime the target allows that one tier may take, when units fail in the background. */
const TIER_DOWNTIME_SHARE = 0.1;
/** Seconds beyond a unit's warm-up the forecast looks ahead: a decision or two late is still in time. */
const LEAD_SECONDS = 10;

/** How much legitimate traffic grows by the time an app instance started now is warm. */
function appGrowth(turn: Turn): number {
  return growth(turn.view, turn.events, turn.view.rt.params.app.provisionSeconds + LEAD_SECONDS, legitRate);
}

/** Units of a pool's kind and tier that serve `demand` at `target` utilization. */
function unitsFor(turn: Turn, pool: Pick<NodeState, 'kind' | 'tier'>, demand: number, target: number): number {
  return Math.max(1, Math.ceil(demand / (unitCapacity(turn.view.rt, pool) * target) - 1e-9));
}

/** Whether a node is serving and its traffic has been seen (no tick has run at the very start). */
function measured(turn: Turn, n: NodeState): boolean {
  return isReady(turn.draft.state, n) && n.metrics.arrivalRps > 0;
}

/**
 * A second pool next to `pool`, behind a load balancer (put in front first if there is none), big
 * enough to carry `demand` alone: a bad deploy or a dead pool no longer takes the service down.
 */
function balanceWithSibling(turn: Turn, pool: NodeState, demand: number): void {
  if (!allowed(turn, 'app')) return;
  const s = turn.draft.state;
  let balancers: Pick<NodeState, 'id' | 'kind'>[] = callersOf(s, pool.id).filter((c) => c.kind === 'lb');
  const actions: Action[] = [];
  if (!balancers.length) {
    if (!allowed(turn, 'lb')) return;
    const lb = freeId(s, 'lb');
    actions.push({ type: 'place', kind: 'lb', region: pool.region, id: lb });
    for (const c of callersOf(s, pool.id)) actions.push({ type: 'link', from: c.id, to: lb }, { type: 'unlink', from: c.id, to: pool.id });
    actions.push({ type: 'link', from: lb, to: pool.id });
    balancers = [{ id: lb, kind: 'lb' }];
  }
  const id = freeId(s, 'app');
  const units = Math.min(turn.view.rt.params.app.maxUnits, unitsFor(turn, pool, demand, SURVIVOR_TARGET));
  actions.push(...placeWithUnits('app', pool.region, id, units), ...linksAround(id, 'app', balancers, calleesOf(s, pool.id)));
  turn.draft.try(actions, within(turn, SPEND_CEILING));
}

/**
 * Scales each serving app pool so that the traffic expected by the time new units are warm keeps it
 * near APP_TARGET; a pool that cannot grow that much gets a load balancer and a sibling.
 */
function scaleApps(turn: Turn): void {
  const g = appGrowth(turn);
  const max = turn.view.rt.params.app.maxUnits;
  for (const pool of ofKind(turn.draft.state, 'app')) {
    const s = turn.draft.state;
    // An autoscaled pool follows its own target; units added by hand would be let go at its next check.
    if (!isReady(s, pool) || looksDown(s, pool) || autoscales(pool)) continue;
    const demand = pool.metrics.arrivalRps * g;
    const wanted = demand > 0 ? unitsFor(turn, pool, demand, APP_TARGET) : 0;
    if (wanted > max && allowed(turn, 'lb') && !callersOf(s, pool.id).some((c) => c.kind === 'lb')) balanceWithSibling(turn, pool, demand);
    else if (wanted > plannedUnits(pool)) scaleWithin(turn, pool.id, Math.min(wanted, max) - plannedUnits(pool), SPEND_CEILING);
  }
}

/**
 * A load balancer in front of a single pool balances nothing: it gets a sibling that could carry
 * the load alone. So does the only pool when a failure of app pools is announced.
 */
function balanceLonePools(turn: Turn): void {
  const g = appGrowth(turn);
  for (const lb of ofKind(turn.draft.state, 'lb')) {
    const pools = calleesOf(turn.draft.state, lb.id).filter((c) => c.kind === 'app');
    if (pools.length === 1 && measured(turn, pools[0]!)) balanceWithSibling(turn, pools[0]!, pools[0]!.metrics.arrivalRps * g);
  }
  const appFailure = turn.events.some((e) => pending(turn, e) && e.type === 'node-failure' && e.kind === 'app');
  const pools = ofKind(turn.draft.state, 'app');
  if (appFailure && pools.length === 1 && measured(turn, pools[0]!)) balanceWithSibling(turn, pools[0]!, pools[0]!.metrics.arrivalRps * g);
}

/**
 * A zone failure is coming: each app pool of the region gets twice the units the survivors need,
 * since the zone takes half of every pool (rounded up) at once.
 */
function surviveZone(turn: Turn): void {
  const g = appGrowth(turn);
  const max = turn.view.rt.params.app.maxUnits;
  for (const e of turn.events) {
    if (!pending(turn, e) || e.type !== 'zone-failure') continue;
    for (const pool of ofKind(turn.draft.state, 'app')) {
      if (pool.region !== e.region || !measured(turn, pool) || looksDown(turn.draft.state, pool)) continue;
      const wanted = Math.min(max, 2 * unitsFor(turn, pool, pool.metrics.arrivalRps * g, SURVIVOR_TARGET));
      if (wanted > plannedUnits(pool)) scaleWithin(turn, pool.id, wanted - plannedUnits(pool), SPEND_CEILING);
    }
  }
}

/**
 * When units fail now and then, a pool is a tier in parallel: it is down only when all its units
 * are, (1 - a)^n. Each pool gets the units that keep its downtime a small share of what the target allows.
 */
function parallelPools(turn: Turn): void {
  const { level, params } = turn.view.rt;
  if (!level.backgroundFailures) return;
  const allowedDown = (1 - level.target) * TIER_DOWNTIME_SHARE;
  for (const pool of turn.draft.state.nodes.filter((n) => factsOf(n.kind).pooled)) {
    const p = params[pool.kind];
    if (p.availability >= 1) continue;
    const units = Math.min(p.maxUnits, Math.ceil(Math.log(allowedDown) / Math.log(1 - p.availability) - 1e-9));
    if (units > plannedUnits(pool)) scaleWithin(turn, pool.id, units - plannedUnits(pool), SPEND_CEILING);
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
  const g = appGrowth(turn);
  const baseline = view.level.traffic.users.reduce((a, u) => a + u.rps, 0);
  const factor = legitRate(trafficAt(view, turn.events, turn.t)) / Math.max(1e-9, baseline);
  for (const users of view.level.traffic.users) {
    const s = turn.draft.state;
    const pools = ofKind(s, 'app');
    const model = pools.find((p) => isReady(s, p));
    if (!model || pools.some((p) => p.region === users.region)) continue;
    const id = freeId(s, 'app');
    const data = calleesOf(s, model.id).filter((c) => c.kind !== 'replica' || c.region === users.region);
    const actions: Action[] = [
      ...placeWithUnits('app', users.region, id, unitsFor(turn, model, users.rps * factor * g, APP_TARGET)),
      ...linksAround(id, 'app', entryNodes(s).filter((n) => n.kind === 'dns'), data),
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
 * Plays by the numbers it is sent: gets ready for each announced event, autoscales app pools with
 * headroom when traffic swings widely or jumps unannounced, scales the others ahead of the traffic it can see coming, doubles up pools whose units fail now and then or that a zone failure will halve, stands a second region by behind DNS before a region fails, relieves hot databases (shards them past the largest tier) and drains queues, gives a load balancer a
 * second pool, serves far users from their own region, and buys a replica when money allows,
 * always keeping the projected cost of the whole round within the budget.
 */
export const greedy: Strategy = (view) => {
  if (view.state.tick >= view.rt.totalTicks) return [];
  const turn: Turn = { view, draft: new Draft(view), events: knownEvents(view), t: nowSeconds(view) };
  finishEntries(turn);
  dropStaleReplicas(turn);
  prepare(turn);
  autoscaleSwings(turn);
  scaleApps(turn);
  surviveZone(turn);
  standbyRegion(turn, APP_TARGET);
  parallelPools(turn);
  relieveDatabases(turn);
  routeShards(turn);
  drainQueues(turn);
  balanceLonePools(turn);
  serveEveryRegion(turn);
  spareReplicas(turn);
  return turn.draft.actions;
};
