import { ASYNC_STANDBY_LAG_SECONDS } from '../catalog.js';
import { fail, type TickContext } from './context.js';
import type { CNode } from './graph.js';

/** Seconds of writes an async standby had not received when its primary failed: the stream's delay and the one-way trip within the region. */
function asyncStandbyLag(ctx: TickContext, primary: CNode): number {
  return ASYNC_STANDBY_LAG_SECONDS + ctx.rt.rtt(primary.node.region, primary.node.region) / 2;
}

/**
 * A primary fails: an async standby that takes over lacks the writes still on their way to it, so
 * they are lost, though they were acknowledged (good until now, failed from now on, blamed on the
 * old primary). A sync standby acknowledged nothing it had not stored, and without a standby the
 * primary keeps its data for when it is back.
 */
export function loseUnsentWrites(ctx: TickContext, c: CNode): void {
  if (c.node.kind !== 'db' || c.node.config.standby !== 'async') return;
  const lost = Math.min(ctx.state.totals.good, c.node.writeRps * asyncStandbyLag(ctx, c));
  if (!(lost > 0)) return;
  ctx.state.totals.good -= lost;
  fail(ctx, c, 'lost-write', lost);
}
