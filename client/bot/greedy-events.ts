import type { Action } from '../../shared/action.js';
import { LINKABLE, WORKER_RATE, WRITE_COST, type Kind } from '../../shared/catalog.js';
import type { GameEvent } from '../../shared/level.js';
import { calleesOf, callersOf, entryNodes, freeId, growth, isReady, legitRate, ofKind, trafficAt, unitCapacity } from './greedy-model.js';
import { allowed, linksAround, pending, placeWithUnits, replicasOf, SPEND_CEILING, within, type Turn } from './greedy-turn.js';

/** A real user's request rate times this is what the gateway's limiter lets each client make. */
const LIMIT_HEADROOM = 4;
/** Database utilization a flash sale's queue workers may bring the database to. */
const QUEUE_DB_SHARE = 0.85;
/** The queue holds this many times the backlog the sale is expected to leave. */
const BACKLOG_MARGIN = 1.3;
/** Bounds of a queue's capacity the bot picks (messages). */
const MIN_QUEUE = 10_000;
const MAX_QUEUE = 10_000_000;

/**
 * Puts a node of `kind` in front of where users' requests enter (behind the DNS, if any), one per
 * region. Users go on calling the old entry until the new node is ready.
 */
function insertAtEntry(turn: Turn, kind: Kind, config: Record<string, unknown>): void {
  const s = turn.draft.state;
  const dns = entryNodes(s).find((n) => n.kind === 'dns');
  const targets = dns ? calleesOf(s, dns.id) : entryNodes(s);
  if (!targets.length || !targets.every((t) => LINKABLE[kind].includes(t.kind))) return;
  for (const region of new Set(targets.map((t) => t.region))) {
    const id = freeId(turn.draft.state, kind);
    const actions: Action[] = [
      { type: 'place', kind, region, id, config },
      ...targets.filter((t) => t.region === region).map((t): Action => ({ type: 'link', from: id, to: t.id })),
      ...(dns ? [{ type: 'link', from: dns.id, to: id } as const] : []),
    ];
    turn.draft.try(actions, within(turn, SPEND_CEILING));
  }
}

/** Once a node put in front is ready, DNS stops sending users past it. */
export function finishEntries(turn: Turn): void {
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
  const clients = turn.view.level.traffic.users.reduce((a, u) => a + u.clients, 0);
  const peak = growth(turn.view, turn.events, e.at + e.duration - turn.t, legitRate);
  const perUser = (legitRate(trafficAt(turn.view, turn.events, turn.t)) * peak) / clients;
  const rate = Math.max(perUser * LIMIT_HEADROOM, 1);
  // A limiter only helps when a bot is much faster than a person.
  const limit = e.rps / e.bots > 2 * rate ? { limiter: 'token-bucket', ratePerClient: rate, burstPerClient: 2 * rate } : {};
  insertAtEntry(turn, 'gateway', { filter: true, ...limit });
}

/** A flash sale of deferrable writes: a queue in front of each database, its workers sized to the database's headroom. */
function queueWrites(turn: Turn, e: Extract<GameEvent, { type: 'flash-sale' }>): void {
  const { view } = turn;
  if (!allowed(turn, 'queue') || view.level.traffic.mix.deferrableWrite <= 0) return;
  const peak = trafficAt(view, turn.events, e.at + e.rampSeconds);
  for (const db of ofKind(turn.draft.state, 'db')) {
    const s = turn.draft.state;
    const apps = callersOf(s, db.id).filter((c) => c.kind === 'app');
    if (!apps.length || callersOf(s, db.id).some((c) => c.kind === 'queue')) continue;
    const headroom = QUEUE_DB_SHARE * unitCapacity(view.rt, db) - (peak.read + WRITE_COST * peak.write);
    const workers = Math.max(1, Math.floor(headroom / (WRITE_COST * WORKER_RATE)));
    const backlog = Math.ceil(Math.max(0, peak.deferrable - workers * WORKER_RATE) * e.duration * BACKLOG_MARGIN);
    const id = freeId(s, 'queue');
    const capacity = Math.min(MAX_QUEUE, Math.max(MIN_QUEUE, backlog));
    turn.draft.try([...placeWithUnits('queue', db.region, id, workers, { capacity }), ...linksAround(id, 'queue', apps, [db])], within(turn, SPEND_CEILING));
  }
}

/** The primary will fail: a standby takes over by itself (sync: sooner, and nothing is lost). */
function standBy(turn: Turn, region: string | undefined): void {
  for (const db of ofKind(turn.draft.state, 'db')) {
    if (region !== undefined && db.region !== region) continue;
    if (db.config.standby !== 'none') continue;
    turn.draft.try([{ type: 'configure', node: db.id, config: { standby: 'sync' } }], within(turn, SPEND_CEILING));
  }
}

/**
 * A partition is coming between a primary and replicas that take writes on the far side: writes
 * there are taken locally and reconciled after (AP) rather than refused (CP).
 */
function availableUnderPartition(turn: Turn, regions: readonly [string, string]): void {
  const s = turn.draft.state;
  for (const db of ofKind(s, 'db')) {
    if (!regions.includes(db.region) || db.config.consistency === 'ap') continue;
    if (replicasOf(s, db).some((r) => regions.includes(r.region) && r.region !== db.region)) {
      turn.draft.try([{ type: 'configure', node: db.id, config: { consistency: 'ap' } }]);
    }
  }
}

/**
 * Gets ready for each announced event that is not over yet: a gateway before a DDoS, an edge cache
 * before a celebrity's spike, a queue before a flash sale, a standby before a primary or its zone fails (a region takes the standby with it: see greedy-region.ts), AP
 * before a partition.
 */
export function prepare(turn: Turn): void {
  for (const e of turn.events) {
    if (!pending(turn, e)) continue;
    if (e.type === 'ddos') shieldFromDdos(turn, e);
    else if (e.type === 'celebrity' && allowed(turn, 'cdn') && !ofKind(turn.draft.state, 'cdn').length) insertAtEntry(turn, 'cdn', {});
    else if (e.type === 'flash-sale') queueWrites(turn, e);
    else if (e.type === 'db-failure' || e.type === 'zone-failure') standBy(turn, e.region);
    else if (e.type === 'partition') availableUnderPartition(turn, e.regions);
  }
}
