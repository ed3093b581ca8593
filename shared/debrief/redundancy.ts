import type { Action } from '../action.js';
import { plannedUnits } from '../architecture.js';
import type { LevelRuntime } from '../level-runtime.js';
import { KIND_FACTS } from '../kinds/index.js';
import type { GameState, NodeState } from '../state.js';
import type { Change } from './changes.js';

// What-ifs about redundancy rather than capacity: a region sized for the zone that survives a zone
// failure, and a second unit in every single-unit pool when units fail now and then.

const UNIT_WORDS: Record<string, string> = { app: 'instances', cache: 'nodes', queue: 'workers' };

function pools(state: GameState, region?: string): NodeState[] {
  return state.nodes.filter((n) => KIND_FACTS[n.kind].pooled && (region === undefined || n.region === region));
}

/**
 * A share up as a percentage with as many decimals as its downtime needs to show (99.5%, 99.9975%):
 * the arithmetic of nines, where rounding to two decimals would hide what a second copy buys.
 */
export function upText(a: number): string {
  const downPercent = (1 - a) * 100;
  if (!(downPercent > 0)) return '100%';
  const digits = Math.max(1, Math.ceil(-Math.log10(downPercent)));
  return `${(100 - downPercent).toFixed(digits)}%`;
}

/**
 * Sized for the zone that survives: every pool of the region twice as big (half of it carries the
 * load when a zone takes the other half) and a sync standby, in the other zone, for each primary.
 */
export function surviveZone(region: string): Change {
  return {
    provisions: 'app',
    plan(state, rt) {
      const actions: Action[] = [];
      const words: string[] = [];
      for (const n of pools(state, region)) {
        const planned = plannedUnits(n);
        const by = Math.min(planned, rt.params[n.kind].maxUnits - planned);
        if (by < 1) continue;
        actions.push({ type: 'scale', node: n.id, by });
        words.push(`${n.id} to ${planned + by} ${UNIT_WORDS[n.kind]}`);
      }
      for (const n of state.nodes) {
        if (n.kind !== 'db' || n.region !== region || n.config.standby !== 'none') continue;
        actions.push({ type: 'configure', node: n.id, config: { standby: 'sync' } });
        words.push(`a sync standby for ${n.id}`);
      }
      if (!actions.length) return undefined;
      return { text: `sizing ${region} for the zone that survives (${words.join(', ')})`, actions };
    },
  };
}

/** Each single-unit pool gets a second unit: a pair is down only when both are, 1 - (1 - a)^2. */
export function parallelUnits(): Change {
  return {
    provisions: 'app',
    plan(state: GameState, rt: LevelRuntime) {
      const single = pools(state).filter((n) => plannedUnits(n) === 1 && rt.params[n.kind].maxUnits > 1);
      if (!single.length) return undefined;
      const sums = single.map((n) => {
        const a = rt.params[n.kind].availability;
        return `${n.id} ${upText(a)} -> ${upText(1 - (1 - a) ** 2)}`;
      });
      return {
        text: `a second unit in ${single.map((n) => n.id).join(' and ')} (a pair is down only when both are: ${sums.join(', ')})`,
        actions: single.map((n): Action => ({ type: 'scale', node: n.id, by: 1 })),
      };
    },
  };
}
