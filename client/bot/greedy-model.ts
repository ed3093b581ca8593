import { plannedUnits } from '../../shared/architecture.js';
import { TIER_FACTOR, WRITE_COST, type Kind } from '../../shared/catalog.js';
import type { GameEvent } from '../../shared/level.js';
import type { LevelRuntime } from '../../shared/level-runtime.js';
import { effectsAt, emptyEffects } from '../../shared/sim/index.js';
import { isKind, type GameState, type NodeOf, type NodeState } from '../../shared/state.js';
import type { BotView } from './strategy.js';

/**
 * What the greedy bot reads off its view: the traffic it can expect from the events announced so
 * far, what its architecture will cost by the end, and who calls whom.
 */

/** Seconds between the samples of a forecast window. */
const FORECAST_STEP_SECONDS = 2;

/** Seconds of play so far. */
export function nowSeconds(view: BotView): number {
  return view.state.tick * view.rt.dt;
}

/** Minutes of play left. */
export function minutesLeft(state: Readonly<GameState>, rt: LevelRuntime): number {
  return (Math.max(0, rt.totalTicks - state.tick) * rt.dt) / 60;
}

/** The events a player knows of by now: the level's once announced, and every live one fired. */
export function knownEvents(view: BotView): GameEvent[] {
  const t = nowSeconds(view);
  return [...view.level.events.filter((e) => e.at - e.announce <= t), ...view.state.fired];
}

/** Requests per second by class at time t, as the level's users make them under the known events. */
export interface Traffic {
  static: number;
  read: number;
  write: number;
  deferrable: number;
  malicious: number;
}

export function trafficAt(view: BotView, events: readonly GameEvent[], t: number): Traffic {
  const fx = effectsAt(events, t, view.rt.dt, emptyEffects());
  const { users, mix } = view.level.traffic;
  const base = users.reduce((a, u) => a + u.rps, 0) * fx.legit;
  return {
    static: base * mix.static,
    read: base * mix.read * fx.reads,
    write: base * mix.write * fx.writes,
    deferrable: base * mix.deferrableWrite * fx.writes,
    malicious: fx.ddos.reduce((a, d) => a + d.rps, 0),
  };
}

export const legitRate = (x: Traffic) => x.static + x.read + x.write + x.deferrable;
/** A database's work in reads' worth, before any cache takes its share. */
export const databaseWork = (x: Traffic) => x.read + WRITE_COST * (x.write + x.deferrable);

/** The most a measure of traffic grows, relative to now, over the next `horizon` seconds. */
export function growth(view: BotView, events: readonly GameEvent[], horizon: number, measure: (x: Traffic) => number): number {
  const t = nowSeconds(view);
  const now = measure(trafficAt(view, events, t));
  if (!(now > 0)) return 1;
  let most = 1;
  for (let s = FORECAST_STEP_SECONDS; s <= horizon; s += FORECAST_STEP_SECONDS) most = Math.max(most, measure(trafficAt(view, events, t + s)) / now);
  return most;
}

/** What the architecture costs to run per minute: every unit, at its tier, a standby doubling its database. */
export function upkeepPerMinute(state: Readonly<GameState>, rt: LevelRuntime): number {
  let total = 0;
  for (const n of state.nodes) {
    const twin = n.kind === 'db' && n.config.standby !== 'none' ? 2 : 1;
    total += rt.params[n.kind].upkeepPerMinute * TIER_FACTOR[n.tier] * plannedUnits(n) * twin;
  }
  return total;
}

/** What the game will have cost at its end if the architecture stays as it is. */
export function projectedCost(state: Readonly<GameState>, rt: LevelRuntime): number {
  return state.built + state.upkeep + upkeepPerMinute(state, rt) * minutesLeft(state, rt);
}

/** Requests per second one unit of a node serves at its tier. */
export function unitCapacity(rt: LevelRuntime, n: Pick<NodeState, 'kind' | 'tier'>): number {
  const p = rt.params[n.kind];
  return (p.servers * TIER_FACTOR[n.tier]) / (p.serviceMs / 1000);
}

export function isReady(state: Readonly<GameState>, n: NodeState): boolean {
  return state.tick >= n.readyTick;
}

/** A ready node that was sent requests and served none is down (a failure event). */
export function looksDown(state: Readonly<GameState>, n: NodeState): boolean {
  return isReady(state, n) && n.metrics.arrivalRps > 0 && n.metrics.servedRps === 0;
}

export function callersOf(state: Readonly<GameState>, id: string): NodeState[] {
  return state.nodes.filter((n) => state.links.some((l) => l.from === n.id && l.to === id));
}

export function calleesOf(state: Readonly<GameState>, id: string): NodeState[] {
  return state.nodes.filter((n) => state.links.some((l) => l.from === id && l.to === n.id));
}

/** Nodes nobody calls: where users' requests enter (through DNS, when one of them is a DNS). */
export function entryNodes(state: Readonly<GameState>): NodeState[] {
  return state.nodes.filter((n) => !state.links.some((l) => l.to === n.id));
}

export function ofKind<K extends Kind>(state: Readonly<GameState>, kind: K): NodeOf<K>[] {
  return state.nodes.filter((n) => isKind(n, kind));
}

/** The id the rules would give the next node of a kind: the first free `<kind><n>`. */
export function freeId(state: Readonly<GameState>, kind: Kind): string {
  for (let n = 1; ; n++) if (!state.nodes.some((x) => x.id === `${kind}${n}`)) return `${kind}${n}`;
}
