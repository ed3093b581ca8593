import type { NodeConfig } from '../kinds/index.js';
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
interface EntrySplits {
  count: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  rtt: Float64Array;
  room: number;
}

/** Below this, a split's missing weight is rounding, not users left without an answer. */
const UNANSWERED_EPSILON = 1e-9;

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
  // Each target appears once per split (the weights of answers that repeat it add up).
  const room = nodes + 1;
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

/**
 * Seconds since health checks marked a target down, at the middle of this tick (the share a tick
 * loses is then exact on the linear stretch); negative while the checks have not failed yet, and
 * NaN for a target not seen down.
 */
function sinceDetected(ctx: TickContext, dns: CNode, target: CNode): number {
  const seen = dns.node.dnsDown;
  if (!seen || seen.length === 0) return NaN;
  const i = seenAt(seen, target.node.id);
  if (i < 0) return NaN;
  if (dns.node.kind !== 'dns') return NaN;
  const hc = dns.node.config.healthCheckSeconds;
  return (ctx.state.tick - seen[i]![1] + 0.5) * ctx.rt.dt - hc;
}

function rttOf(ctx: TickContext, region: number, target: CNode): number {
  return (ctx.rt.level.rttMs[region]?.[target.region] ?? 0) / 1000;
}

/** Regions are ranked by the users' RTT to them, ties by region order. */
function distance(ctx: TickContext, region: number, t: CNode): number {
  return rttOf(ctx, region, t) * 1e6 + t.region;
}

/** Adds the candidates of the region nearest to the users that has any, sharing `weight` evenly. */
function pushNearest(ctx: TickContext, region: number, candidates: NodeList, sp: EntrySplits, split: number, weight: number): void {
  let best = Infinity;
  let ties = 0;
  for (let i = 0; i < candidates.count; i++) {
    const d = distance(ctx, region, candidates.items[i]!);
    if (d < best) { best = d; ties = 1; } else if (d === best) ties++;
  }
  for (let i = 0; i < candidates.count; i++) {
    const c = candidates.items[i]!;
    if (distance(ctx, region, c) === best) pushTarget(ctx, region, sp, split, c, weight / ties);
  }
}

/** Adds a target to split number `split` (region * CLASS_COUNT + class), or more weight to it when it is there already. */
function pushTarget(ctx: TickContext, region: number, sp: EntrySplits, split: number, t: CNode, weight: number): void {
  const first = split * sp.room;
  const end = first + sp.count[split]!;
  for (let i = first; i < end; i++) {
    if (sp.target[i] === t.index) { sp.weight[i]! += weight; return; }
  }
  sp.target[end] = t.index;
  sp.weight[end] = weight;
  sp.rtt[end] = rttOf(ctx, region, t);
  sp.count[split]!++;
}

type DnsConfig = NodeConfig<'dns'>;

/** DNS's answer under one configuration for users of a region: the targets, their weights summing to `scale` (nothing when none is live). */
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
  let total = 0;
  for (let i = 0; i < live.count; i++) total += weightOf(cfg, live.items[i]!);
  if (!(total > 0)) return;
  for (let i = 0; i < live.count; i++) {
    const t = live.items[i]!;
    const w = weightOf(cfg, t);
    if (w > 0) pushTarget(ctx, region, sp, split, t, (w / total) * scale);
  }
}

function weightOf(cfg: DnsConfig, t: CNode): number {
  return cfg.weights.find((x) => x.node === t.node.id)?.weight ?? 1;
}

/** Seconds since detection of the targets DNS is dropping (detected less than a TTL ago), ascending; reused. */
const dropping: number[] = [];

function insertSorted(xs: number[], x: number): void {
  let i = xs.length;
  xs.push(x);
  while (i > 0 && xs[i - 1]! > x) { xs[i] = xs[i - 1]!; i--; }
  xs[i] = x;
}

/**
 * DNS's answer under one configuration, as resolvers hold it: their cached answers are of every age
 * up to the TTL, spread evenly, and one fetched before the health checks marked a target down still
 * sends users there. So after detection a dead target's share falls linearly to zero over one TTL.
 */
function answerAged(ctx: TickContext, dns: CNode, cfg: DnsConfig, region: number, k: number, sp: EntrySplits, split: number, live: NodeList, scale: number): void {
  const ttl = cfg.ttlSeconds;
  const eligible = dns.eligible[k]!;
  dropping.length = 0;
  for (const j of eligible) {
    const e = sinceDetected(ctx, dns, dns.children[j]!);
    if (e >= 0 && e < ttl) insertSorted(dropping, e);
  }
  let from = 0;
  for (let s = 0; s <= dropping.length; s++) {
    const to = s < dropping.length ? dropping[s]! : ttl;
    if (to <= from) continue;
    // Answers between `from` and `to` seconds old still hold the targets detected at most `from` seconds ago.
    live.count = 0;
    for (const j of eligible) {
      const t = dns.children[j]!;
      if (ctx.state.tick < t.node.readyTick) continue;
      const e = sinceDetected(ctx, dns, t);
      if (!(e >= 0) || e <= from) add(live, t);
    }
    answerWith(ctx, cfg, region, live, sp, split, (scale * (to - from)) / ttl);
    from = to;
  }
}

/**
 * DNS's answer for users of a region. After a configuration change, resolvers keep the old answer
 * until their cached copy expires: the new one takes over linearly over the old TTL.
 */
function dnsAnswer(ctx: TickContext, dns: CNode, region: number, k: number, sp: EntrySplits, split: number, live: NodeList): void {
  const node = dns.node;
  if (node.kind !== 'dns') throw new Error(`DNS answer: expected a dns node, got ${node.kind} ${node.id}`);
  const cfg = node.config;
  const previous = node.dnsPrevious;
  if (previous) {
    const old = previous.config;
    const moved = ((ctx.state.tick - previous.tick) * ctx.rt.dt) / old.ttlSeconds;
    if (moved < 1) {
      answerAged(ctx, dns, old, region, k, sp, split, live, 1 - moved);
      answerAged(ctx, dns, cfg, region, k, sp, split, live, moved);
      return;
    }
  }
  answerAged(ctx, dns, cfg, region, k, sp, split, live, 1);
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
      // The weights sum to 1 but for the users whose answer names no live target (or none at all).
      const unanswered = 1 - wsum;
      if (unanswered > UNANSWERED_EPSILON && legit) fail(ctx, dns, dns && dns.eligible[k]!.length ? 'node-down' : 'no-route', rate * unanswered * dt);
      for (let i = first; i < end; i++) {
        const t = order[sp.target[i]!]!;
        const share = rate * sp.weight[i]!;
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
