import { isKind } from '../state.js';
import type { Culprit } from './incidents.js';
import type { Change } from './changes.js';

// The what-if for a primary that fails while a read replica of it runs: a manual failover, the
// replica promoted once the primary is seen down. A standby does the same by itself, but later.

/** Seconds after a primary fails that the what-if promotes its replica: the time to see it down. */
const PROMOTE_AFTER_SECONDS = 2;

/** Promotes the dead primary's replica `PROMOTE_AFTER_SECONDS` after `failedAt` (seconds from the start). */
export function promoteReplica(culprit: Culprit, failedAt: number): Change {
  return {
    provisions: undefined,
    plan(state, rt) {
      const primary = state.nodes.find((n) => n.id === culprit.node);
      const follower = state.nodes.find((r) => isKind(r, 'replica') && r.config.primary === culprit.node);
      if (!primary || primary.kind !== 'db' || !follower) return undefined;
      const afterSeconds = Math.max(0, failedAt - state.tick * rt.dt) + PROMOTE_AFTER_SECONDS;
      return { text: `promoting ${follower.id} to primary as soon as ${primary.id} fails`, actions: [], later: { afterSeconds, actions: [{ type: 'promote', node: follower.id }] } };
    },
  };
}
