import { AUTOSCALE_MIN_INSTANCES, headroomTarget, suddenSurge } from '../../shared/debrief/autoscale.js';
import type { NodeState } from '../../shared/state.js';
import { ofKind } from './greedy-model.js';
import { allowed, pending, SPEND_CEILING, within, type Turn } from './greedy-turn.js';

/** A daily swing at least this wide (its amplitude): capacity sized by hand for the peak idles much of the day. */
const WIDE_SWING = 0.5;
/** The surge a pool keeps room for when traffic swings widely: a crowd that doubles it unannounced. */
const ASSUMED_SURGE = 2;

export function autoscales(pool: NodeState): boolean {
  return pool.kind === 'app' && pool.config.autoscale;
}

/**
 * Traffic that swings widely through the day, or that has jumped without an announcement: scaling
 * by hand either pays for the peak all day or comes a warm-up late. So
 * every app pool gets an autoscaler that follows the traffic down as well as up, with a target low
 * enough that a doubling (or the biggest jump seen, if larger) lands on instances already warm.
 */
export function autoscaleSwings(turn: Turn): void {
  if (!allowed(turn, 'app')) return;
  const { params } = turn.view.rt;
  const swing = turn.events.some((e) => e.type === 'diurnal' && e.amplitude >= WIDE_SWING && pending(turn, e));
  const surge = suddenSurge(turn.events.filter((e) => e.at <= turn.t));
  if (!swing && surge === undefined) return;
  const target = headroomTarget(Math.max(ASSUMED_SURGE, surge ?? 0));
  for (const pool of ofKind(turn.draft.state, 'app')) {
    if (pool.config.autoscale && pool.config.targetUtilization <= target) continue;
    const config = { autoscale: true, targetUtilization: target, minInstances: AUTOSCALE_MIN_INSTANCES, maxInstances: params.app.maxUnits };
    turn.draft.try([{ type: 'configure', node: pool.id, config }], within(turn, SPEND_CEILING));
  }
}
