import type { Action } from '../action.js';
import { LINKABLE, TIER_FACTOR, TIERS, WRITE_COST } from '../catalog.js';
import type { Change, TroubleContext } from './changes.js';
import type { Culprit } from './incidents.js';

// The what-if for writes past the largest database: more primaries behind a shard router, each
// with its part of the keys. They provision first and take their keys once they serve.

/** Utilization each primary is sized for at the incident's peak. */
const SHARD_UTILIZATION = 0.8;
/** Seconds after placing new primaries that the router takes them into the path: their warm-up and a margin. */
const SWITCH_MARGIN_SECONDS = 5;
/** Nodes a what-if places are named with this prefix, which keeps them apart from the player's own ids. */
const ID_PREFIX = 'whatif-';

export function shardPrimary(culprit: Culprit, trouble: TroubleContext): Change {
  return {
    provisions: 'db',
    plan(state, rt) {
      const db = state.nodes.find((n) => n.id === culprit.node);
      // Below the largest tier a bigger machine is the simpler answer; reads have caches and replicas.
      if (!db || db.kind !== 'db' || TIERS.indexOf(db.tier) < TIERS.length - 1) return undefined;
      const { read, write, deferrableWrite } = rt.level.traffic.mix;
      const writes = WRITE_COST * (write + deferrableWrite);
      if (!(writes > read)) return undefined;
      // Whatever calls the primary (app pools, caches, queues) calls the router instead.
      const callers = state.links.filter((l) => l.to === db.id).map((l) => state.nodes.find((n) => n.id === l.from)).filter((n) => n !== undefined && LINKABLE[n.kind].includes('shards'));
      if (!callers.length) return undefined;
      const p = rt.params.db;
      const capacity = (p.servers * TIER_FACTOR[db.tier]) / (p.serviceMs / 1000);
      const work = (trouble.peakArrivalRps * (read + writes)) / (read + write + deferrableWrite);
      const count = Math.max(2, Math.ceil(work / (capacity * SHARD_UTILIZATION)));
      const router = `${ID_PREFIX}shards`;
      const added = Array.from({ length: count - 1 }, (_, i) => `${ID_PREFIX}db${i + 2}`);
      const actions: Action[] = [{ type: 'place', kind: 'shards', region: db.region, id: router }];
      for (const id of added) actions.push({ type: 'place', kind: 'db', region: db.region, id }, { type: 'upgrade', node: id, tier: db.tier });
      const switchOver: Action[] = [
        ...[db.id, ...added].map((id): Action => ({ type: 'link', from: router, to: id })),
        ...callers.flatMap((c): Action[] => [{ type: 'link', from: c!.id, to: router }, { type: 'unlink', from: c!.id, to: db.id }]),
      ];
      return {
        text: `sharding ${db.id}'s keys over ${count} ${db.tier} primaries behind a shard router (the new ones in the path once ready)`,
        actions,
        later: { afterSeconds: p.provisionSeconds + SWITCH_MARGIN_SECONDS, actions: switchOver },
      };
    },
  };
}
