import type { Random } from '../random.js';
import * as classes from './classes.js';
import * as graph from './graph.js';
import type { CNode } from './graph.js';
import { fail, isPartitioned, type TickContext } from './context.js';

// Local copies of imported constants and helpers: V8 reloads an imported binding at every use (see latency.ts).
const { CLASS_COUNT, C_DEFERRABLE, C_HOT, C_MALICIOUS, C_READ, C_STATIC, C_WRITE, carries, isLegit } = classes;
const { ARRIVALS_UNCHECKED, I_NEED, NODE_INTS } = graph;

/**
 * Where each region's requests of each class entered this tick. Split s = r * CLASS_COUNT + k has
 * `count[s]` targets, the i-th at s * room + i: the target's index in the compiled order, its
 * weight, and the users' round trip to it (s). Flat typed arrays reused from tick to tick.
 */
export interface EntrySplits {
  count: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  rtt: Float64Array;
  room: number;
}

/** A reused list of nodes: its first `count` entries. */
interface NodeList {
  items: CNode[];
  count: number;
}

export interface EntryScratch {
  /** Offered requests this tick per region and class (counts), R x CLASS_COUNT. */
  offered: Float64Array;
  splits: EntrySplits;
  /** The entry points a split chooses among. */
  candidates: NodeList;
}

export function newEntryScratch(regions: number, nodes: number): EntryScratch {
  // DNS changing its answer answers with its old targets and its new ones: at most twice its children.
  const room = 2 * nodes + 1;
  const splits = regions * CLASS_COUNT;
  return {
    offered: new Float64Array(splits),
    splits: {
      count: new Int32Array(splits), target: new Int32Array(splits * room), weight: new Float64Array(splits * room),
      rtt: new Float64Array(splits * room), room,
    },
    candidates: { items: [], count: 0 },
  };
}

function add(list: NodeList, c: CNode): void {
  list.items[list.count++] = c;
}

function holds(list: NodeList, c: CNode): boolean {
  for (let i = 0; i < list.count; i++) if (list.items[i] === c) return true;
  return false;
}

/** Fills `offered` with this tick's arrivals: expected values, or Poisson counts when the level has noise. */
export function drawTraffic(ctx: TickContext, scratch: EntryScratch, rng: Random): void {
  const { level, dt, regionIndex } = ctx.rt;
  const fx = ctx.effects;
  const mix = level.traffic.mix;
  scratch.offered.fill(0);
  ctx.legitClients = 0; ctx.legitRate = 0; ctx.bots = 0; ctx.botRate = 0;
  for (const u of level.traffic.users) {
    const r = regionIndex.get(u.region)!;
    const base = u.rps * fx.legit;
    const reads = base * mix.read * fx.reads;
    const o = r * CLASS_COUNT;
    scratch.offered[o + C_STATIC]! += base * mix.static * dt;
    scratch.offered[o + C_READ]! += reads * (1 - fx.hotShare) * dt;
    scratch.offered[o + C_HOT]! += reads * fx.hotShare * dt;
    scratch.offered[o + C_WRITE]! += base * mix.write * fx.writes * dt;
    scratch.offered[o + C_DEFERRABLE]! += base * mix.deferrableWrite * fx.writes * dt;
    ctx.legitClients += u.clients;
  }
  const regions = level.regions.length;
  for (const d of fx.ddos) {
    const r = d.region === '' ? -1 : regionIndex.get(d.region)!;
    for (let i = 0; i < regions; i++) if (r < 0 || r === i) scratch.offered[i * CLASS_COUNT + C_MALICIOUS]! += (d.rps * dt) / (r < 0 ? regions : 1);
    ctx.bots += d.bots;
  }
  for (let i = 0; i < scratch.offered.length; i++) {
    const mean = scratch.offered[i]!;
    if (level.noise && mean > 0) scratch.offered[i] = rng.poisson(mean);
    if (isLegit(i % CLASS_COUNT)) ctx.legitRate += scratch.offered[i]! / dt;
    else ctx.botRate += scratch.offered[i]! / dt;
  }
}

/** Seconds DNS needs to stop answering with a dead target: failed health checks, then half a TTL of cached answers. */
function dnsDelayTicks(dns: CNode, dt: number): number {
  const cfg = dns.node.config as { healthCheckSeconds: number; ttlSeconds: number };
  return Math.round((cfg.healthCheckSeconds + cfg.ttlSeconds / 2) / dt);
}

/** Keeps DNS's view of its targets' health: when each was last seen going down. */
export function updateDnsView(ctx: TickContext, dns: CNode): void {
  const seen = (dns.node.dnsDown ??= []);
  for (const ch of dns.children) {
    const i = seenAt(seen, ch.node.id);
    if (ch.up === 0 && i < 0) seen.push([ch.node.id, ctx.state.tick]);
    else if (ch.up > 0 && i >= 0) seen.splice(i, 1);
  }
}

/** Where a target is in DNS's list of the dead, or -1 (a loop: it is asked for every target every tick). */
function seenAt(seen: readonly [string, number][], id: string): number {
  for (let i = 0; i < seen.length; i++) if (seen[i]![0] === id) return i;
  return -1;
}

function dnsThinksDown(ctx: TickContext, dns: CNode, target: CNode): boolean {
  const seen = dns.node.dnsDown;
  if (!seen || seen.length === 0) return false;
  const i = seenAt(seen, target.node.id);
  return i >= 0 && ctx.state.tick - seen[i]![1] >= dnsDelayTicks(dns, ctx.rt.dt);
}

function rttOf(ctx: TickContext, region: number, target: CNode): number {
  return (ctx.rt.level.rttMs[region]?.[target.region] ?? 0) / 1000;
}

/** Regions are ranked by the users' RTT to them, ties by region order. */
function distance(ctx: TickContext, region: number, t: CNode): number {
  return rttOf(ctx, region, t) * 1e6 + t.region;
}

/** Adds the candidates of the region nearest to the users that has any, each with the given weight. */
function pushNearest(ctx: TickContext, region: number, candidates: NodeList, sp: EntrySplits, split: number, weight: number): void {
  let best = Infinity;
  for (let i = 0; i < candidates.count; i++) best = Math.min(best, distance(ctx, region, candidates.items[i]!));
  for (let i = 0; i < candidates.count; i++) {
    const c = candidates.items[i]!;
    if (distance(ctx, region, c) === best) pushTarget(ctx, region, sp, split, c, weight);
  }
}

/** Adds a target to split number `split` (region * CLASS_COUNT + class). */
function pushTarget(ctx: TickContext, region: number, sp: EntrySplits, split: number, t: CNode, weight: number): void {
  const i = split * sp.room + sp.count[split]!++;
  sp.target[i] = t.index;
  sp.weight[i] = weight;
  sp.rtt[i] = rttOf(ctx, region, t);
}

/** DNS answers with a target once it is provisioned, and stops once health checks and TTLs say it is dead. */
function answerable(ctx: TickContext, dns: CNode, t: CNode): boolean {
  return ctx.state.tick >= t.node.readyTick && !dnsThinksDown(ctx, dns, t);
}

type DnsConfig = { policy: string; ttlSeconds: number; weights: { node: string; weight: number }[]; primary?: string };

/** DNS's answer under one configuration for users of a region: the targets, their weights times `scale`. */
function answerWith(ctx: TickContext, cfg: DnsConfig, region: number, live: NodeList, sp: EntrySplits, split: number, scale: number): void {
  if (cfg.policy === 'geo' || cfg.policy === 'latency') return pushNearest(ctx, region, live, sp, split, scale);
  if (cfg.policy === 'failover') {
    let chosen = live.count > 0 ? live.items[0] : undefined;
    for (let i = 0; i < live.count; i++) {
      if (live.items[i]!.node.id === cfg.primary) { chosen = live.items[i]; break; }
    }
    if (chosen) pushTarget(ctx, region, sp, split, chosen, scale);
    return;
  }
  for (let i = 0; i < live.count; i++) {
    const t = live.items[i]!;
    const w = cfg.weights.find((x) => x.node === t.node.id)?.weight ?? 1;
    if (w > 0) pushTarget(ctx, region, sp, split, t, w * scale);
  }
}

/**
 * DNS's answer for users of a region. After a configuration change, resolvers keep the old answer
 * until their cached copy expires: the new one takes over linearly over the old TTL.
 */
function dnsAnswer(ctx: TickContext, dns: CNode, region: number, k: number, sp: EntrySplits, split: number, live: NodeList): void {
  live.count = 0;
  for (const j of dns.eligible[k]!) {
    const t = dns.children[j]!;
    if (answerable(ctx, dns, t)) add(live, t);
  }
  const cfg = dns.node.config as DnsConfig;
  const previous = dns.node.dnsPrevious;
  if (previous) {
    const old = previous.config as DnsConfig;
    const moved = ((ctx.state.tick - previous.tick) * ctx.rt.dt) / old.ttlSeconds;
    if (moved < 1) {
      answerWith(ctx, old, region, live, sp, split, 1 - moved);
      answerWith(ctx, cfg, region, live, sp, split, moved);
      return;
    }
  }
  answerWith(ctx, cfg, region, live, sp, split, 1);
}

/**
 * Users keep calling what they called until a node placed in front of it is ready: a node still
 * provisioning is passed over for the nodes behind it.
 */
function addServing(ctx: TickContext, c: CNode, k: number, out: NodeList): void {
  if (!carries(c.routes, k) || holds(out, c)) return;
  if (ctx.state.tick >= c.node.readyTick) add(out, c);
  else for (const j of c.eligible[k]!) addServing(ctx, c.children[j]!, k, out);
}

function entrySplit(ctx: TickContext, region: number, k: number, sp: EntrySplits, split: number, candidates: NodeList): CNode | undefined {
  const dns = ctx.compiled.dns;
  if (dns) {
    dnsAnswer(ctx, dns, region, k, sp, split, candidates);
    return dns;
  }
  candidates.count = 0;
  for (const root of ctx.compiled.roots) addServing(ctx, root, k, candidates);
  pushNearest(ctx, region, candidates, sp, split, 1);
  return undefined;
}

/**
 * Sends each region's offered requests to where they enter: through DNS when there is one, else to
 * the nearest nodes nobody calls. Users reach entry points without health checks, so a dead target
 * fails its share until DNS stops answering with it.
 */
export function routeEntry(ctx: TickContext, scratch: EntryScratch): void {
  const regions = ctx.regionCount;
  const dt = ctx.rt.dt;
  const { order, scratch: buf, ints } = ctx.compiled;
  const sp = scratch.splits;
  const dnsNode = ctx.compiled.dns;
  if (dnsNode) {
    dnsNode.node.metrics.arrivalRps = 0;
    dnsNode.node.metrics.servedRps = 0;
  }
  for (let r = 0; r < regions; r++) {
    for (let k = 0; k < CLASS_COUNT; k++) {
      const split = r * CLASS_COUNT + k;
      const count = scratch.offered[split]!;
      sp.count[split] = 0;
      if (!(count > 0)) continue;
      const legit = isLegit(k);
      if (legit) ctx.state.totals.offered += count;
      else ctx.state.totals.maliciousOffered += count;
      let rate = count / dt;
      const dns = entrySplit(ctx, r, k, sp, split, scratch.candidates);
      if (dns) {
        dns.node.metrics.arrivalRps += rate;
        if (dns.up < 1) {
          if (legit) fail(ctx, dns, 'node-down', rate * (1 - dns.up) * dt);
          rate *= dns.up;
        }
        dns.node.metrics.servedRps += rate;
      }
      const first = split * sp.room;
      const end = first + sp.count[split]!;
      let wsum = 0;
      for (let i = first; i < end; i++) wsum += sp.weight[i]!;
      if (wsum <= 0) {
        if (legit) fail(ctx, dns, dns && dns.eligible[k]!.length ? 'node-down' : 'no-route', rate * dt);
        continue;
      }
      for (let i = first; i < end; i++) {
        const t = order[sp.target[i]!]!;
        const share = rate * (sp.weight[i]! / wsum);
        if (isPartitioned(ctx, r, t.region)) {
          if (legit) fail(ctx, t, 'partitioned', share * dt);
          sp.weight[i] = 0;
        } else {
          buf[t.at + ARRIVALS_UNCHECKED + k]! += share;
          // Its latency is read for the users' view even should the share round to nothing.
          ints[t.index * NODE_INTS + I_NEED]! |= 1 << k;
        }
      }
    }
  }
}
