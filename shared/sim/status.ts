import type { GameEvent } from '../level.js';
import { I_NEED, NODE_INTS, type CNode } from './graph.js';
import { plannedUnits } from '../architecture.js';
import type { TickContext } from './context.js';
import { failoverTicks, zoneLoss } from './outage.js';
import { refreshPlans } from './plans.js';
import { loseUnsentWrites } from './lost-writes.js';

/**
 * The nodes an event takes down: the oldest that match when it begins (placement order, so the
 * choice is the same for everyone), kept for its whole length even if the architecture changes.
 */
function victims(ctx: TickContext, index: number, pick: (c: CNode) => boolean, count: number): CNode[] {
  const key = String(index);
  let ids = ctx.state.victims[key];
  if (!ids) {
    ids = ctx.compiled.order.filter(pick).sort((a, b) => a.node.seq - b.node.seq).slice(0, count).map((c) => c.node.id);
    ctx.state.victims[key] = ids;
  }
  const out: CNode[] = [];
  for (const id of ids) {
    const c = ctx.compiled.byId.get(id);
    if (c) out.push(c);
  }
  return out;
}

/** Down for the event, or, with a standby, only until it has taken over. */
function failPrimary(ctx: TickContext, c: CNode, startTick: number, tick: number, dt: number): void {
  const ticks = failoverTicks(c.node, dt);
  if (ticks === undefined || tick - startTick < ticks) c.up = 0;
  if (tick === startTick) loseUnsentWrites(ctx, c);
}

function applyFailure(ctx: TickContext, e: GameEvent, startTick: number, index: number): void {
  const { order } = ctx.compiled;
  const tick = ctx.state.tick;
  const dt = ctx.rt.dt;
  switch (e.type) {
    case 'node-failure':
      for (const c of victims(ctx, index, (c) => c.node.kind === e.kind && (e.region === undefined || c.node.region === e.region), e.count)) c.up = 0;
      break;
    case 'region-failure':
      for (const c of order) if (c.node.region === e.region) c.up = 0;
      break;
    case 'zone-failure':
      for (const c of order) {
        if (c.node.region !== e.region) continue;
        const kind = c.node.kind;
        if (c.facts.pooled) {
          c.activeUnits -= zoneLoss(c.node.units);
          if (c.activeUnits <= 0) { c.activeUnits = 0; c.up = 0; }
        } else if (kind === 'db') failPrimary(ctx, c, startTick, tick, dt);
        else if (kind === 'replica') c.up = 0;
      }
      break;
    case 'db-failure':
      for (const c of victims(ctx, index, (c) => c.node.kind === 'db' && (e.region === undefined || c.node.region === e.region), 1)) {
        failPrimary(ctx, c, startTick, tick, dt);
      }
      break;
    case 'partition': {
      const a = ctx.rt.regionIndex.get(e.regions[0]);
      const b = ctx.rt.regionIndex.get(e.regions[1]);
      if (a === undefined || b === undefined || a === b) break;
      ctx.anyPartition = true;
      ctx.partitioned[a * ctx.regionCount + b] = 1;
      ctx.partitioned[b * ctx.regionCount + a] = 1;
      break;
    }
    default:
      break;
  }
}

/**
 * Sets each node's health, active units and slowdown for this tick, from warm-ups, the level's
 * background availability and the failure events in force.
 */
export function updateStatus(ctx: TickContext): void {
  const { state, rt } = ctx;
  const ints = ctx.compiled.ints;
  const background = rt.level.backgroundFailures;
  let upkeep = 0;
  for (const c of ctx.compiled.order) {
    const n = c.node;
    while (n.warming.length && n.warming[0]![0] <= state.tick) n.units += n.warming.shift()![1];
    // The tick's upkeep, while the node's state is at hand: nothing changes its units before the tick ends.
    upkeep += c.unitUpkeep * plannedUnits(n) * c.upkeepTwin;
    c.activeUnits = n.units;
    c.slow = 1;
    ints[c.index * NODE_INTS + I_NEED] = 0;
    n.metrics.droppedRps = 0;
    c.up = state.tick < n.readyTick ? 0 : 1;
  }
  ctx.upkeepPerMinute = upkeep;
  ctx.partitioned.fill(0);
  ctx.anyPartition = false;
  for (const f of ctx.effects.failures) applyFailure(ctx, f.event, f.startTick, f.index);
  for (const s of ctx.effects.slowdowns) {
    for (const c of ctx.compiled.order) {
      if ((s.kind === undefined || c.node.kind === s.kind) && (s.region === undefined || c.node.region === s.region)) c.slow *= s.factor;
    }
  }
  if (background) {
    for (const c of ctx.compiled.order) {
      if (c.up === 0) continue;
      const a = c.params.availability;
      // A pool is up while any unit is; its units are independent.
      c.up = c.facts.pooled ? 1 - Math.pow(1 - a, Math.max(1, c.activeUnits)) : a;
    }
  }
  checkPlans(ctx);
}

/** Rechecks the send plans when a node's health or a partition changed since they were last checked. */
function checkPlans(ctx: TickContext): void {
  const { order, plans } = ctx.compiled;
  let changed = !ctx.plansChecked;
  for (const c of order) {
    if (ctx.upSeen[c.index] !== c.up) { ctx.upSeen[c.index] = c.up; changed = true; }
  }
  for (let i = 0; i < ctx.partitioned.length; i++) {
    if (ctx.partitionedSeen[i] !== ctx.partitioned[i]) { ctx.partitionedSeen[i] = ctx.partitioned[i]!; changed = true; }
  }
  if (!changed) return;
  refreshPlans(plans, order, ctx.partitioned, ctx.regionCount);
  ctx.plansChecked = true;
}
