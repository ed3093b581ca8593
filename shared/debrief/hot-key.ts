import type { Action } from '../action.js';
import type { Change, TroubleContext } from './changes.js';
import type { Culprit } from './incidents.js';

// The what-if for a hot key on a sharded database: the key lives on one shard, however many there
// are, so only something in front of the shard router that answers it from memory takes its reads.

/** The id a what-if gives its cache, apart from the player's own ids. */
const CACHE_ID = 'whatif-cache';

export function cacheBeforeShards(culprit: Culprit, trouble: TroubleContext): Change {
  return {
    provisions: 'cache',
    plan(state) {
      if (!trouble.celebrity) return undefined;
      const byId = new Map(state.nodes.map((n) => [n.id, n]));
      const router = state.links.map((l) => (l.to === culprit.node ? byId.get(l.from) : undefined)).find((n) => n?.kind === 'shards');
      if (!router) return undefined;
      const apps = state.links.filter((l) => l.to === router.id).map((l) => byId.get(l.from)).filter((n) => n?.kind === 'app');
      if (!apps.length) return undefined;
      return {
        text: `a cache answering the hot key in front of ${router.id}`,
        actions: [
          { type: 'place', kind: 'cache', region: router.region, id: CACHE_ID },
          { type: 'link', from: CACHE_ID, to: router.id },
          ...apps.map((a): Action => ({ type: 'link', from: a!.id, to: CACHE_ID })),
        ],
      };
    },
  };
}
