import type { Action } from '../../shared/action.js';
import { FAILOVER_HEALTH_CHECK_SECONDS, FAILOVER_TTL_SECONDS } from '../../shared/debrief/region-failover.js';
import { calleesOf, entryNodes, freeId, growth, isReady, legitRate, unitCapacity } from './greedy-model.js';
import { allowed, pending, placeWithUnits, SPEND_CEILING, within, type Turn } from './greedy-turn.js';

/** The region other than `failed` nearest to it, ties by region order. */
function nearestOther(turn: Turn, failed: string): string | undefined {
  const { rt } = turn.view;
  let best: string | undefined;
  for (const r of rt.level.regions) {
    if (r.id !== failed && (best === undefined || rt.rtt(failed, r.id) < rt.rtt(failed, best))) best = r.id;
  }
  return best;
}

/**
 * A whole region will fail: active-passive across regions. A stack in the nearest other region, sized
 * for the traffic the dying region's pools carry and reading from a local replica of each primary,
 * joins the DNS, which fails over from the old pool with fast health checks and a short TTL: users
 * move after detection and one TTL, where a standby in the same region would die with it.
 */
export function standbyRegion(turn: Turn, target: number): void {
  if (!allowed(turn, 'app')) return;
  for (const e of turn.events) {
    if (!pending(turn, e) || e.type !== 'region-failure') continue;
    const s = turn.draft.state;
    const dns = entryNodes(s).find((n) => n.kind === 'dns' && n.region !== e.region);
    if (!dns) continue;
    const targets = calleesOf(s, dns.id);
    const pool = targets.find((n) => n.kind === 'app' && n.region === e.region && isReady(s, n) && n.metrics.arrivalRps > 0);
    const to = nearestOther(turn, e.region);
    if (!pool || !to || targets.some((n) => n.region !== e.region)) continue;
    const demand = pool.metrics.arrivalRps * growth(turn.view, turn.events, e.at + e.duration - turn.t, legitRate);
    const units = Math.min(turn.view.rt.params.app.maxUnits, Math.max(1, Math.ceil(demand / (unitCapacity(turn.view.rt, pool) * target) - 1e-9)));
    const app = freeId(s, 'app');
    const actions: Action[] = placeWithUnits('app', to, app, units);
    const primaries = calleesOf(s, pool.id).filter((n) => n.kind === 'db');
    // Reads from a local copy of the (first) primary; writes still go to the primaries, and fail while their region is down.
    if (primaries[0] && allowed(turn, 'replica')) {
      const replica = freeId(s, 'replica');
      actions.push({ type: 'place', kind: 'replica', region: to, id: replica, config: { primary: primaries[0].id } }, { type: 'link', from: app, to: replica });
    }
    for (const db of primaries) actions.push({ type: 'link', from: app, to: db.id });
    actions.push(
      { type: 'configure', node: dns.id, config: { policy: 'failover', primary: pool.id, ttlSeconds: FAILOVER_TTL_SECONDS, healthCheckSeconds: FAILOVER_HEALTH_CHECK_SECONDS } },
      { type: 'link', from: dns.id, to: app },
    );
    turn.draft.try(actions, within(turn, SPEND_CEILING));
  }
}
