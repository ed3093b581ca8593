import type { GameEvent } from '../level.js';
import type { Change, TroubleContext } from './changes.js';
import type { Culprit } from './incidents.js';

// The what-if for an app pool a surge caught without warning: an autoscaler from the start, with
// enough headroom that the surge lands on instances already warm. Scaling after the surge is seen
// is a warm-up late; sizing for the peak by hand pays for it all day.

/** Utilization a pool may reach in a surge's first seconds, before the instances it calls for are warm. */
const SURGE_UTILIZATION = 0.9;
/** Fewest instances the what-if's autoscaler keeps: one that dies is then not the whole pool. */
export const AUTOSCALE_MIN_INSTANCES = 2;
/** Steps the target utilization is rounded down to, so that it reads as a whole percentage. */
const TARGET_STEP = 0.05;

/**
 * How much traffic jumped in the surges among `events` that came without any announcement (a ramp
 * up with no warning); undefined when there was none. One announced, however late, can be scaled for.
 */
export function suddenSurge(events: readonly GameEvent[]): number | undefined {
  let most: number | undefined;
  for (const e of events) {
    if (e.type !== 'ramp' || e.announce > 0 || !(e.to > e.from) || !(e.from > 0)) continue;
    most = Math.max(most ?? 1, e.to / e.from);
  }
  return most;
}

/** The autoscaler target that leaves room for a surge of `factor` at SURGE_UTILIZATION. */
export function headroomTarget(factor: number): number {
  return Math.max(0.1, Math.floor(SURGE_UTILIZATION / factor / TARGET_STEP + 1e-9) * TARGET_STEP);
}

export function autoscaleWithHeadroom(culprit: Culprit, trouble: TroubleContext): Change {
  return {
    provisions: undefined,
    fromStart: true,
    plan(state, rt) {
      const n = state.nodes.find((x) => x.id === culprit.node);
      if (!n || n.kind !== 'app' || trouble.surge === undefined) return undefined;
      const target = headroomTarget(trouble.surge);
      const cfg = n.config;
      if (cfg.autoscale && cfg.targetUtilization <= target) return undefined;
      const max = rt.params.app.maxUnits;
      const percent = Math.round(target * 100);
      return {
        text: `autoscaling ${n.id} from the start at a ${percent}% target (${AUTOSCALE_MIN_INSTANCES} to ${max} instances), room for the x${trouble.surge} surge while new instances warm`,
        actions: [{ type: 'configure', node: n.id, config: { autoscale: true, targetUtilization: target, minInstances: AUTOSCALE_MIN_INSTANCES, maxInstances: max } }],
      };
    },
  };
}
