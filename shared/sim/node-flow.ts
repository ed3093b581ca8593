import { FILTER_EFFICIENCY, REPLICA_CATCHUP_SHARE, WORKER_RATE, WRITE_COST } from '../catalog.js';
import { admit, type RateLimitConfig } from './rate-limit.js';
import { lruHitRatio, staleReadProbability, ttlHitRatio } from './cache.js';
import { queueTable, stepQueue } from './queueing.js';
import * as classes from './classes.js';
import * as layout from './graph.js';
import type { CNode } from './graph.js';
import * as context from './context.js';
import type { TickContext } from './context.js';
import * as routing from './routing.js';

// Local copies of imported constants and helpers: V8 reloads an imported binding at every use (see latency.ts).
const { CLASS_COUNT, C_BACKGROUND, C_DEFERRABLE, C_HOT, C_MALICIOUS, C_READ, C_STATIC, isLegit, isWrite } = classes;
const {
  ANSWERED, ARRIVALS_CHECKED, ARRIVALS_UNCHECKED, I_MASK, I_NEED, NODE_INTS, NODE_NUMBERS, N_DELAY, N_OWN_MEAN, N_OWN_VAR, SERVED,
} = layout;
const { fail } = context;
const { capacityOf, forward } = routing;

/** Work one request of class k costs a node: databases pay more for writes. */
function costOf(c: CNode, k: number): number {
  return isWrite(k) ? c.writeCost : 1;
}

/** Hit ratio of a TTL cache for one object requested at `rate`: h = rate T / (1 + rate T). */
function singleKeyHit(rate: number, ttl: number): number {
  return rate * ttl / (1 + rate * ttl);
}

/** Arrivals of a healthy node: all of them, checked or not. */
function takeArrivals(c: CNode, ints: Int32Array): void {
  const row = c.index * NODE_INTS;
  const buf = c.buf;
  const checked = c.at + ARRIVALS_CHECKED;
  const unchecked = c.at + ARRIVALS_UNCHECKED;
  let arrived = 0;
  let mask = 0;
  let need = ints[row + I_NEED]!;
  const x = c.node.x;
  for (let k = 0; k < CLASS_COUNT; k++) {
    const a = buf[checked + k]! + buf[unchecked + k]!;
    buf[checked + k] = a;
    arrived += a;
    if (a > 0) need |= 1 << k;
    if (a > 0 || x[k]! > 0) mask |= 1 << k;
  }
  ints[row + I_MASK] = mask;
  ints[row + I_NEED] = need;
  c.node.metrics.arrivalRps = arrived;
}

/**
 * Arrivals of a node that is down, or up only part of the time: what was not health-checked fails
 * on it, and a node that is down loses what it held.
 */
function takeArrivalsDegraded(ctx: TickContext, c: CNode, ints: Int32Array): void {
  const row = c.index * NODE_INTS;
  const buf = c.buf;
  const checked = c.at + ARRIVALS_CHECKED;
  const dt = ctx.rt.dt;
  const n = c.node;
  let arrived = 0;
  for (let k = 0; k < CLASS_COUNT; k++) {
    const unchecked = buf[c.at + ARRIVALS_UNCHECKED + k]!;
    if (unchecked + buf[checked + k]! > 0) ints[row + I_NEED]! |= 1 << k;
    arrived += unchecked + buf[checked + k]!;
    const lost = unchecked * (1 - c.up);
    if (isLegit(k)) fail(ctx, c, 'node-down', lost * dt);
    buf[checked + k] = buf[checked + k]! + unchecked - lost;
  }
  n.metrics.arrivalRps = arrived;
  let mask = 0;
  for (let k = 0; k < CLASS_COUNT; k++) if (buf[checked + k]! > 0 || n.x[k]! > 0) mask |= 1 << k;
  if (c.up === 0) {
    mask = 0;
    for (let k = 0; k < CLASS_COUNT; k++) {
      if (isLegit(k)) fail(ctx, c, 'node-down', n.x[k]!);
      n.x[k] = 0;
    }
    n.fill = 0;
  }
  ints[row + I_MASK] = mask;
}

const limiterConfig: { algorithm: RateLimitConfig['algorithm']; ratePerSecond: number; burst: number; windowSeconds: number } = {
  algorithm: 'token-bucket', ratePerSecond: 0, burst: 0, windowSeconds: 1,
};

/**
 * A gateway filters known-bad traffic, then limits each client: legitimate users and bots are two
 * populations of identical clients, each limited as one aggregate (see rate-limit.ts).
 */
function gateway(ctx: TickContext, c: CNode): void {
  const node = c.node;
  if (node.kind !== 'gateway') return;
  const cfg = node.config;
  const arr = c.arrC;
  const offered = arr[C_MALICIOUS]!;
  if (cfg.filter) arr[C_MALICIOUS] = offered * (1 - FILTER_EFFICIENCY);
  if (cfg.limiter === 'none') {
    c.node.metrics.blockedRps = offered - arr[C_MALICIOUS]!;
    return;
  }
  const dt = ctx.rt.dt;
  const lim = (c.node.limiter ??= {
    legit: { tokens: cfg.burstPerClient, windowIndex: -1, current: 0, previous: 0 },
    bots: { tokens: cfg.burstPerClient, windowIndex: -1, current: 0, previous: 0 },
  });
  limiterConfig.algorithm = cfg.limiter;
  limiterConfig.ratePerSecond = cfg.ratePerClient;
  limiterConfig.burst = cfg.burstPerClient;
  limiterConfig.windowSeconds = cfg.windowSeconds;
  let legit = 0;
  for (let k = 0; k <= C_DEFERRABLE; k++) legit += arr[k]!;
  if (legit > 0) {
    // The clients behind this gateway: its share of all legitimate traffic.
    const clients = Math.max(1e-9, ctx.legitClients * (ctx.legitRate > 0 ? Math.min(1, legit / ctx.legitRate) : 1));
    const admitted = admit(lim.legit, limiterConfig, (legit * dt) / clients, dt, ctx.state.tick) * clients / dt;
    const keep = Math.min(1, admitted / legit);
    for (let k = 0; k <= C_DEFERRABLE; k++) {
      fail(ctx, c, 'rate-limited', arr[k]! * (1 - keep) * dt);
      arr[k] = arr[k]! * keep;
    }
  } else admit(lim.legit, limiterConfig, 0, dt, ctx.state.tick);
  const bad = arr[C_MALICIOUS]!;
  const bots = Math.max(1e-9, ctx.bots * (ctx.botRate > 0 ? Math.min(1, bad / ctx.botRate) : 1));
  arr[C_MALICIOUS] = bad > 0 ? admit(lim.bots, limiterConfig, (bad * dt) / bots, dt, ctx.state.tick) * bots / dt : (admit(lim.bots, limiterConfig, 0, dt, ctx.state.tick), 0);
  c.node.metrics.blockedRps = offered - arr[C_MALICIOUS]!;
}

/**
 * The node's own queue, one fluid step: an app pool behind least-connections is one shared queue;
 * otherwise each unit queues alone and the pool is units times one unit.
 */
function serve(ctx: TickContext, c: CNode, mask: number): void {
  const n = c.node;
  const x = n.x;
  const p = c.params;
  const buf = c.buf;
  const arr = c.at + ARRIVALS_CHECKED;
  const dt = ctx.rt.dt;
  const units = Math.max(1, c.activeUnits);
  const shared = c.sharedQueue;
  const split = shared || c.isQueue ? 1 : units;
  const servers = shared ? c.unitServers * units : c.unitServers;
  const capacity = servers + p.queuePerUnit * (shared ? units : 1);
  if (c.tableC !== servers || c.tableK !== capacity || !c.table) {
    c.table = queueTable(servers, capacity);
    c.tableC = servers;
    c.tableK = capacity;
  }
  let work = 0;
  let held = 0;
  for (let m = mask; m !== 0; m &= m - 1) {
    const k = 31 - Math.clz32(m & -m);
    const w = costOf(c, k);
    work += buf[arr + k]! * w;
    held += x[k]! * w;
  }
  const s = (p.serviceMs / 1000) * c.slow;
  const out = ctx.step;
  c.tableCell = stepQueue(c.table, held / split, work / split, 1 / s, dt, out, c.tableCell);
  const rejectShare = work > 0 ? (out.rejected * split) / work : 0;
  const servedWork = out.served * split;
  const content = held + (work - out.rejected * split) * dt;
  const reason = c.isQueue ? 'queue-full' : 'overloaded';
  // What is left inside, summed over the classes in the mask: the others hold nothing.
  let inside = 0;
  for (let m = mask; m !== 0; m &= m - 1) {
    const k = 31 - Math.clz32(m & -m);
    const a = buf[arr + k]!;
    const rejected = a * rejectShare;
    if (isLegit(k)) fail(ctx, c, reason, rejected * dt);
    const admitted = a - rejected;
    const w = costOf(c, k);
    const xk = x[k]!;
    const mine = xk * w + admitted * w * dt;
    let served = content > 0 ? (servedWork * mine) / content / w : 0;
    if (served * dt > xk + admitted * dt) served = (xk + admitted * dt) / dt;
    buf[c.at + SERVED + k] = served;
    const left = Math.max(0, xk + (admitted - served) * dt);
    x[k] = left;
    inside += left;
  }
  n.metrics.inSystem = inside;
  // Round-robin spreads arrivals evenly over units, so each waits less than under a random split
  // (Allen-Cunneen with Ca^2 = 1/units).
  const wait = Math.max(0, out.meanResponse - s);
  const rr = !shared && units > 1 && c.balancer === 'round-robin' ? (1 + 1 / units) / 2 : 1;
  const numbers = ctx.compiled.numbers;
  numbers[c.index * NODE_NUMBERS + N_OWN_MEAN] = s + wait * rr;
  numbers[c.index * NODE_NUMBERS + N_OWN_VAR] = out.responseVariance;
  n.metrics.utilization = Math.min(1, (out.served * s) / servers);
}

/** Answers from cache what it can; returns the hit ratio over the reads it saw. */
function cacheHits(ctx: TickContext, c: CNode): number {
  const n = c.node;
  const lvl = ctx.rt.level.traffic;
  const dt = ctx.rt.dt;
  if (c.kind === 'cdn') {
    const ttl = n.kind === 'cdn' ? n.config.ttlSeconds : 0;
    const hs = ttl > 0 ? ttlHitRatio(lvl.staticZipfAlpha, lvl.staticObjects, c.served[C_STATIC]!, ttl) : 0;
    const hh = singleKeyHit(c.served[C_HOT]!, ttl);
    c.answered[C_STATIC] = c.served[C_STATIC]! * hs;
    c.answered[C_HOT] = c.served[C_HOT]! * hh;
    const total = c.served[C_STATIC]! + c.served[C_HOT]!;
    return total > 0 ? (c.answered[C_STATIC]! + c.answered[C_HOT]!) / total : 0;
  }
  const ttlSeconds = n.kind === 'cache' ? n.config.ttlSeconds : 0;
  const capacity = c.params.keysPerUnit * c.tierFactor * Math.max(0, c.activeUnits);
  // A cache starts empty and fills with its misses; until then it holds fewer keys.
  const held = Math.min(capacity, n.fill);
  let h = lruHitRatio(lvl.zipfAlpha, lvl.keys, held);
  if (ttlSeconds > 0) h = Math.min(h, ttlHitRatio(lvl.zipfAlpha, lvl.keys, c.served[C_READ]!, ttlSeconds));
  const hh = held >= 1 ? (ttlSeconds > 0 ? singleKeyHit(c.served[C_HOT]!, ttlSeconds) : 1) : 0;
  c.answered[C_READ] = c.served[C_READ]! * h;
  c.answered[C_HOT] = c.served[C_HOT]! * hh;
  c.answered[C_MALICIOUS] = c.served[C_MALICIOUS]! * h;
  const misses = c.served[C_READ]! - c.answered[C_READ]! + c.served[C_HOT]! - c.answered[C_HOT]!;
  n.fill = Math.min(capacity, n.fill + misses * dt);
  const total = c.served[C_READ]! + c.served[C_HOT]!;
  return total > 0 ? (c.answered[C_READ]! + c.answered[C_HOT]!) / total : 0;
}

/** A queue acknowledges what fits and its workers drain the backlog into the database. */
function queueWork(ctx: TickContext, c: CNode): void {
  const n = c.node;
  const dt = ctx.rt.dt;
  if (n.kind !== 'queue') return;
  const cap = n.config.capacity;
  const incoming = c.served[C_DEFERRABLE]! * dt;
  const room = Math.max(0, cap - n.backlog);
  const taken = Math.min(incoming, room);
  fail(ctx, c, 'queue-full', incoming - taken);
  c.answered[C_DEFERRABLE] = taken / dt;
  n.backlog += taken;
  let anyUp = false;
  for (const j of c.eligible[C_BACKGROUND]!) if (c.children[j]!.up > 0) anyUp = true;
  const drain = anyUp ? Math.min(n.backlog / dt, Math.max(0, c.activeUnits) * WORKER_RATE * c.tierFactor) : 0;
  n.backlog -= drain * dt;
  forward(ctx, c, C_BACKGROUND, drain);
}

/** Reads a replica answers from data older than the newest write fail as stale. */
function staleReads(ctx: TickContext, c: CNode): void {
  if (!c.primary) return;
  const writes = c.node.writeRps;
  const lag = replicaLag(ctx, c);
  c.node.metrics.lagMs = lag * 1000;
  const lvl = ctx.rt.level.traffic;
  const stale = staleReadProbability(lvl.zipfAlpha, lvl.keys, writes, lag);
  fail(ctx, c, 'stale-read', c.answered[C_READ]! * stale * ctx.rt.dt);
  c.answered[C_READ] = c.answered[C_READ]! * (1 - stale);
}

/** Writes per second a replica can replay: a bounded share of its capacity, each write costing WRITE_COST. */
function applyRate(ctx: TickContext, c: CNode): number {
  return (capacityOf(ctx, c) * REPLICA_CATCHUP_SHARE) / WRITE_COST;
}

/**
 * Seconds a replica trails its primary, as a DBA reads it: the one-way delay plus the time to
 * apply what it has received and not applied yet (whatever the primary writes meanwhile).
 */
function replicaLag(ctx: TickContext, c: CNode): number {
  const p = c.primary;
  if (!p) return 0;
  const oneWay = ctx.rt.rtt(p.node.region, c.node.region) / 2;
  const pending = c.node.backlog + c.node.x[C_BACKGROUND]!;
  const rate = applyRate(ctx, c);
  return oneWay + (pending > 0 ? pending / rate : 0);
}

/**
 * A replica replays the primary's writes it has received, unless a partition cuts it off; after a
 * long cut it catches up at a bounded pace, so its lag (and its stale reads) last a while.
 */
function applyLog(ctx: TickContext, c: CNode): void {
  const p = c.primary;
  if (!p || p.up === 0 || c.up === 0 || ctx.partitioned[p.region * ctx.regionCount + c.region] === 1) return;
  const apply = Math.min(c.node.backlog / ctx.rt.dt, applyRate(ctx, c));
  c.arrC[C_BACKGROUND]! += apply;
  c.node.backlog -= apply * ctx.rt.dt;
}

/** One node's share of the forward pass: arrivals in, its queue, answers, and the rest passed on. */
export function flowNode(ctx: TickContext, c: CNode): void {
  if (c.isDns) return;
  const { ints, numbers } = ctx.compiled;
  const n = c.node;
  if (c.isReplica) applyLog(ctx, c);
  if (c.up === 1) takeArrivals(c, ints);
  else takeArrivalsDegraded(ctx, c, ints);
  const m = n.metrics;
  const own = c.index * NODE_NUMBERS + N_OWN_MEAN;
  if (c.up === 0) {
    numbers[own] = 0;
    numbers[c.index * NODE_NUMBERS + N_OWN_VAR] = 0;
    m.servedRps = 0;
    m.utilization = 0;
    m.inSystem = 0;
    m.latencyMs = 0;
    m.hitRatio = 0;
    m.blockedRps = 0;
    m.lagMs = 0;
    return;
  }
  const mask = ints[c.index * NODE_INTS + I_MASK]!;
  if (c.isGateway) gateway(ctx, c);
  serve(ctx, c, mask);
  m.hitRatio = c.facts.caches ? cacheHits(ctx, c) : 0;
  const buf = c.buf;
  const servedAt = c.at + SERVED;
  const answeredAt = c.at + ANSWERED;
  const answers = c.answers;
  for (let bits = mask & answers; bits !== 0; bits &= bits - 1) {
    const k = 31 - Math.clz32(bits & -bits);
    buf[answeredAt + k] = buf[servedAt + k]!;
  }
  if (c.isQueue) queueWork(ctx, c);
  if (c.isReplica) staleReads(ctx, c);
  // A queue's own background work was passed on by its workers already.
  const passes = c.isQueue ? ~(1 << C_BACKGROUND) : -1;
  let served = 0;
  for (let bits = mask; bits !== 0; bits &= bits - 1) {
    const k = 31 - Math.clz32(bits & -bits);
    const out = buf[servedAt + k]!;
    const answered = buf[answeredAt + k]!;
    served += out;
    ctx.completed[k]! += answered;
    const rest = out - answered;
    if (rest > 0 && ((passes & ~answers) & (1 << k)) !== 0) forward(ctx, c, k, rest);
  }
  m.servedRps = served;
  m.latencyMs = (numbers[own]! + numbers[c.index * NODE_NUMBERS + N_DELAY]!) * 1000;
}
