import { FAILOVER_SECONDS, SYNC_FAILOVER_SECONDS } from '../catalog.js';
import { KIND_FACTS } from '../kinds/index.js';
import type { GameEvent, Level } from '../level.js';
import type { GameState, NodeState } from '../state.js';
import { effectsAt, emptyEffects, type EventEffects } from './events.js';

// What the failure events in force do to each node, in words a screen can show: the same rules the
// tick applies (status.ts), read back from the state, so a view never guesses health from load.

/** Ticks a failed primary's standby takes to take over; undefined when it has none. */
export function failoverTicks(node: NodeState, dt: number): number | undefined {
  const standby = node.kind === 'db' ? node.config.standby : undefined;
  if (standby === undefined || standby === 'none') return undefined;
  return Math.round((standby === 'sync' ? SYNC_FAILOVER_SECONDS : FAILOVER_SECONDS) / dt);
}

/** Units of a pool that a zone failure takes out. */
export function zoneLoss(units: number): number {
  return Math.ceil(units / 2);
}

/** One event's hold on a node; `since` is the game second the event began. */
export type Outage =
  | { type: 'down'; since: number; event: GameEvent }
  /** A primary down while its standby is promoted; `readyIn` seconds until the standby serves. */
  | { type: 'failing-over'; since: number; readyIn: number; event: GameEvent }
  /** The primary failed and its standby serves in its place. */
  | { type: 'failed-over'; since: number; event: GameEvent }
  /** Up, but a partition cuts it off from callers (or users) in these regions. */
  | { type: 'unreachable'; since: number; from: string[]; event: GameEvent }
  /** A zone failure took some of its units. */
  | { type: 'units-lost'; since: number; lost: number; event: GameEvent };

/** A failed primary at `tick`, the tick just computed: down for good, or until its standby serves. */
function primaryOutage(n: NodeState, e: GameEvent, startTick: number, tick: number, dt: number): Outage {
  const ticks = failoverTicks(n, dt);
  if (ticks === undefined) return { type: 'down', since: e.at, event: e };
  if (tick - startTick >= ticks) return { type: 'failed-over', since: e.at, event: e };
  // Counted from the clock the state shows, one tick after the one computed.
  return { type: 'failing-over', since: e.at, readyIn: (startTick + ticks - (tick + 1)) * dt, event: e };
}

/** Whether users reach the node first: a DNS answer, or a root when there is no DNS. */
function isEntry(state: Readonly<GameState>, n: NodeState, kindOf: Map<string, string>): boolean {
  if (n.kind === 'dns') return false;
  const callers = state.links.filter((l) => l.to === n.id).map((l) => kindOf.get(l.from));
  const hasDns = state.nodes.some((m) => m.kind === 'dns' && !state.links.some((l) => l.to === m.id));
  return hasDns ? callers.includes('dns') : callers.length === 0;
}

/** Regions across partition `e` that the node cannot be reached from: its callers', or its users'. */
function cutFrom(level: Level, state: Readonly<GameState>, n: NodeState, e: Extract<GameEvent, { type: 'partition' }>): string[] {
  const [a, b] = e.regions;
  if (a === b || (n.region !== a && n.region !== b)) return [];
  const other = n.region === a ? b : a;
  const regionOf = new Map(state.nodes.map((m) => [m.id, m.region]));
  const kindOf = new Map(state.nodes.map((m) => [m.id, m.kind as string]));
  const called = state.links.some((l) => l.to === n.id && regionOf.get(l.from) === other);
  const primary = n.kind === 'replica' ? n.config.primary : undefined;
  const replicates = primary !== undefined && regionOf.get(primary) === other;
  const users = level.traffic.users.some((u) => u.region === other) && isEntry(state, n, kindOf);
  return called || replicates || users ? [other] : [];
}

function eventOutage(level: Level, state: Readonly<GameState>, n: NodeState, f: Failure, tick: number, dt: number): Outage | undefined {
  const e = f.event;
  const victim = () => state.victims[String(f.index)]?.includes(n.id) ?? false;
  switch (e.type) {
    case 'node-failure':
      return victim() ? { type: 'down', since: e.at, event: e } : undefined;
    case 'region-failure':
      return n.region === e.region ? { type: 'down', since: e.at, event: e } : undefined;
    case 'db-failure':
      return victim() ? primaryOutage(n, e, f.startTick, tick, dt) : undefined;
    case 'zone-failure': {
      if (n.region !== e.region) return undefined;
      if (n.kind === 'db') return primaryOutage(n, e, f.startTick, tick, dt);
      if (n.kind === 'replica') return { type: 'down', since: e.at, event: e };
      if (!KIND_FACTS[n.kind].pooled) return undefined;
      const lost = zoneLoss(n.units);
      return lost >= n.units ? { type: 'down', since: e.at, event: e } : { type: 'units-lost', since: e.at, lost, event: e };
    }
    case 'partition': {
      const from = cutFrom(level, state, n, e);
      return from.length ? { type: 'unreachable', since: e.at, from, event: e } : undefined;
    }
    default:
      return undefined;
  }
}

/** Nodes of the architecture that are down or cut off by a partition now (the leaderboard's warning). */
export function nodesOut(level: Level, state: Readonly<GameState>): number {
  const failures = failuresInForce(level, state);
  if (!failures.length) return 0;
  let count = 0;
  for (const n of state.nodes) {
    const out = outagesOf(level, state, n, failures);
    if (out.some((o) => o.type === 'down' || o.type === 'failing-over' || o.type === 'unreachable')) count++;
  }
  return count;
}

type Failure = EventEffects['failures'][number];

/** The failure events in force in the state's last tick: the level's timeline and the host's live events. */
function failuresInForce(level: Level, state: Readonly<GameState>): Failure[] {
  if (state.tick === 0) return [];
  const dt = level.tickMs / 1000;
  const events = state.fired.length ? [...level.events, ...state.fired] : level.events;
  return effectsAt(events, (state.tick - 1) * dt, dt, emptyEffects()).failures;
}

function outagesOf(level: Level, state: Readonly<GameState>, n: NodeState, failures: readonly Failure[]): Outage[] {
  const dt = level.tickMs / 1000;
  const out: Outage[] = [];
  for (const f of failures) {
    const o = eventOutage(level, state, n, f, state.tick - 1, dt);
    if (o) out.push(o);
  }
  return out;
}

/**
 * What the events in force did to a node in the state's last tick (the one its metrics describe):
 * the level's timeline and the host's live events, with the victims the tick chose.
 */
export function nodeOutages(level: Level, state: Readonly<GameState>, n: NodeState): Outage[] {
  return outagesOf(level, state, n, failuresInForce(level, state));
}
