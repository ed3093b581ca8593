import { AP_CONFLICT_SHARE, AUTOSCALE_PERIOD_SECONDS } from '../catalog.js';
import { plannedUnits } from '../architecture.js';
import type { LevelRuntime } from '../level-runtime.js';
import { Random } from '../random.js';
import type { GameState } from '../state.js';
import type { GameEvent } from '../level.js';
import * as classes from './classes.js';
import { compile } from './compile.js';
import type { CNode, Compiled } from './graph.js';
import { fail, newContext, type TickContext } from './context.js';
import { drawTraffic, newEntryScratch, routeEntry, updateDnsView, type EntryScratch } from './entry.js';
import { effectsAt } from './events.js';
import { beginMerge, classLatency, endMerge, latencyPass, mergeClass, type ClassLatency } from './latency.js';
import { flowNode } from './node-flow.js';
import { prefetch } from './prefetch.js';
import { updateStatus } from './status.js';

// Local copies of imported constants and helpers: V8 reloads an imported binding at every use (see latency.ts).
const { CLASS_COUNT, C_BACKGROUND, C_DEFERRABLE, C_MALICIOUS, C_WRITE, isLegit } = classes;

/** Runs ticks for one level. It holds caches and scratch only: everything that matters is in the state. */
export interface Engine {
  rt: LevelRuntime;
  /** Advances the state by one tick, in place. */
  step(state: GameState): void;
  /** The compiled graph of the last step (for views that read per-tick internals). */
  compiled(): Compiled | undefined;
}

export function createEngine(rt: LevelRuntime): Engine {
  let compiled: Compiled | undefined;
  let ctx: TickContext | undefined;
  let entry: EntryScratch = newEntryScratch(rt.level.regions.length, 0);
  const rng = new Random(0);
  const lat: ClassLatency = { good: 1, mean: 0, randomMean: 0, randomM2: 0, atoms: 0, bottleneck: undefined };
  return {
    rt,
    compiled: () => compiled,
    step(state) {
      if (!compiled || !ctx || compiled.version !== state.version || ctx.state !== state) {
        compiled = compile(state, rt);
        ctx = newContext(state, rt, compiled);
        entry = newEntryScratch(rt.level.regions.length, compiled.order.length);
      }
      stepOnce(ctx, entry, lat, rng);
    },
  };
}

/** The level's timeline followed by the events a host fired, rebuilt only when one was fired. */
function eventsOf(ctx: TickContext): readonly GameEvent[] {
  const fired = ctx.state.fired;
  if (fired.length === 0) return ctx.rt.level.events;
  if (ctx.firedSeen !== fired.length) {
    ctx.events = [...ctx.rt.level.events, ...fired];
    ctx.firedSeen = fired.length;
  }
  return ctx.events;
}

function resetScratch(ctx: TickContext): void {
  ctx.compiled.scratch.fill(0, 0, ctx.compiled.tallies);
  ctx.completed.fill(0);
  ctx.leaked = 0;
}

/**
 * Replicas receive what their primary wrote this tick; AP writes are reconciled once the partition
 * heals. A primary keeps its own write rate: what an async standby would lose should it fail now.
 */
function replicate(ctx: TickContext): void {
  const dt = ctx.rt.dt;
  for (const c of ctx.compiled.order) {
    if (c.node.kind === 'db') c.node.writeRps = c.served[C_WRITE]! + c.served[C_DEFERRABLE]! + c.served[C_BACKGROUND]!;
    if (!c.isReplica || !c.primary) continue;
    const p = c.primary;
    const writes = p.served[C_WRITE]! + p.served[C_DEFERRABLE]! + p.served[C_BACKGROUND]!;
    // A replica that is down or still provisioning starts from a fresh snapshot when it comes up.
    if (c.up === 0) c.node.backlog = 0;
    else c.node.backlog += writes * dt;
    c.node.writeRps = writes;
    const pending = c.node.apPending;
    if (pending > 0 && p.up > 0 && ctx.partitioned[p.region * ctx.regionCount + c.region] === 0) {
      ctx.state.totals.good += pending * (1 - AP_CONFLICT_SHARE);
      fail(ctx, c, 'write-conflict', pending * AP_CONFLICT_SHARE);
      c.node.apPending = 0;
    }
  }
}


/** App pools with autoscaling on steer their utilization to the target, new units warming up first. */
function autoscale(ctx: TickContext): void {
  const { state, rt } = ctx;
  const period = Math.max(1, Math.round(AUTOSCALE_PERIOD_SECONDS / rt.dt));
  if (state.tick % period !== 0) return;
  for (const n of state.nodes) {
    if (n.kind !== 'app') continue;
    const cfg = n.config;
    if (!cfg.autoscale) continue;
    const planned = plannedUnits(n);
    const wanted = Math.ceil((n.units * n.metrics.utilization) / cfg.targetUtilization - 1e-9);
    const max = Math.min(cfg.maxInstances, rt.params.app.maxUnits);
    const target = Math.min(max, Math.max(cfg.minInstances, wanted, 1));
    if (target > planned) n.warming.push([state.tick + Math.round(rt.params.app.provisionSeconds / rt.dt), target - planned]);
    else if (target < n.units && n.warming.length === 0) n.units = target;
  }
}

function stepOnce(ctx: TickContext, entry: EntryScratch, lat: ClassLatency, rng: Random): void {
  const { state, rt } = ctx;
  const dt = rt.dt;
  const t = state.tick * dt;
  prefetch(ctx.compiled);
  effectsAt(eventsOf(ctx), t, dt, ctx.effects);
  resetScratch(ctx);
  updateStatus(ctx);
  for (const c of ctx.compiled.roots) if (c.node.kind === 'dns') updateDnsView(ctx, c);
  rng.load(state.rng);
  drawTraffic(ctx, entry, rng);
  rng.saveTo(state.rng);
  routeEntry(ctx, entry);
  for (const c of ctx.compiled.order) flowNode(ctx, c);
  replicate(ctx);
  latencyPass(ctx);
  let goodRps = 0;
  let mean = 0;
  let answeredAll = 0;
  beginMerge();
  for (let k = 0; k < CLASS_COUNT; k++) {
    const answered = ctx.completed[k]!;
    if (k === C_MALICIOUS) { state.totals.maliciousLeaked += answered * dt; continue; }
    if (!isLegit(k) || answered <= 0) continue;
    classLatency(ctx, entry, k, lat);
    const good = answered * lat.good * dt;
    state.totals.good += good;
    goodRps += good / dt;
    fail(ctx, lat.bottleneck, 'timed-out', answered * (1 - lat.good) * dt);
    mean += answered * lat.mean;
    answeredAll += answered;
    mergeClass(lat, answered);
  }
  state.upkeep += (ctx.upkeepPerMinute * dt) / 60;
  autoscale(ctx);
  const last = state.last;
  last.offeredRps = ctx.legitRate;
  last.goodRps = goodRps;
  last.latencyMeanMs = answeredAll > 0 ? (mean / answeredAll) * 1000 : 0;
  endMerge(last.latency);
  state.tick++;
}
