import type { Action } from '../action.js';
import { plannedUnits } from '../architecture.js';
import type { LevelRuntime } from '../level-runtime.js';
import type { GameState, NodeOf, NodeState } from '../state.js';
import type { Change } from './changes.js';

// The what-if for a region that fails as a whole: a standby stack in the nearest other region, as
// big as the one that died, with a read replica of each primary it used, behind the DNS with the
// failover policy and fast health checks and a short TTL, so users move within seconds; or, when
// the stack is there already, only the fast checks and short TTL.

/** Health-check seconds and TTL the what-if gives the DNS: detection plus one TTL is what users lose. */
export const FAILOVER_HEALTH_CHECK_SECONDS = 10;
export const FAILOVER_TTL_SECONDS = 10;
/** Nodes a what-if places are named with this prefix, which keeps them apart from the player's own ids. */
const ID_PREFIX = 'whatif-';

/** The region other than `failed` nearest to it, ties by region order. */
function nearestOther(rt: LevelRuntime, failed: string): string | undefined {
  let best: string | undefined;
  for (const r of rt.level.regions) {
    if (r.id !== failed && (best === undefined || rt.rtt(failed, r.id) < rt.rtt(failed, best))) best = r.id;
  }
  return best;
}

function idIn(base: string, region: string): string {
  return `${ID_PREFIX}${base}-${region}`.slice(0, 24);
}

export function standbyRegion(failed: string): Change {
  return {
    provisions: 'replica',
    plan(state: GameState, rt: LevelRuntime) {
      const to = nearestOther(rt, failed);
      const byId = new Map(state.nodes.map((n) => [n.id, n]));
      const dns = state.nodes.find((n): n is NodeOf<'dns'> => n.kind === 'dns' && n.region !== failed);
      if (!to || !dns) return undefined;
      const pools = state.links.filter((l) => l.from === dns.id).map((l) => byId.get(l.to)).filter((n): n is NodeState => n?.kind === 'app' && n.region === failed);
      const pool = pools[0];
      if (!pool) return undefined;
      const failover: Action = { type: 'configure', node: dns.id, config: { policy: 'failover', primary: pool.id, ttlSeconds: FAILOVER_TTL_SECONDS, healthCheckSeconds: FAILOVER_HEALTH_CHECK_SECONDS } };
      // A stack elsewhere already: what is left to gain is in how soon DNS moves users to it.
      if (state.links.some((l) => l.from === dns.id && byId.get(l.to)?.region !== failed)) {
        const c = dns.config;
        if (c.ttlSeconds <= FAILOVER_TTL_SECONDS && c.healthCheckSeconds <= FAILOVER_HEALTH_CHECK_SECONDS) return undefined;
        return {
          text: `health checks every ${FAILOVER_HEALTH_CHECK_SECONDS} s and a ${FAILOVER_TTL_SECONDS} s TTL on ${dns.id}, failing over from ${pool.id} (it had ${c.healthCheckSeconds} s and ${c.ttlSeconds} s)`,
          actions: [failover],
        };
      }
      if (!rt.allowed.has('app')) return undefined;
      const app = idIn('app', to);
      const units = plannedUnits(pool);
      const actions: Action[] = [{ type: 'place', kind: 'app', region: to, id: app }, ...(units > 1 ? [{ type: 'scale', node: app, by: units - 1 } as Action] : [])];
      const words = [`${units} app instances`];
      for (const l of state.links.filter((x) => x.from === pool.id)) {
        const callee = byId.get(l.to);
        if (callee?.kind !== 'db') continue;
        // Reads from a local copy; writes still go to the primary (they fail while its region is down).
        if (rt.allowed.has('replica')) {
          const replica = idIn('replica', to);
          actions.push({ type: 'place', kind: 'replica', region: to, id: replica, config: { primary: callee.id } }, { type: 'link', from: app, to: replica });
          words.push(`a read replica of ${callee.id}`);
        }
        actions.push({ type: 'link', from: app, to: callee.id });
      }
      actions.push(failover, { type: 'link', from: dns.id, to: app });
      return {
        text: `a standby stack in ${to} (${words.join(', ')}) behind ${dns.id} failing over from ${pool.id}, with ${FAILOVER_HEALTH_CHECK_SECONDS} s health checks and a ${FAILOVER_TTL_SECONDS} s TTL`,
        actions,
      };
    },
  };
}
