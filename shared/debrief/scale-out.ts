import type { Action } from '../action.js';
import { LINKABLE, TIER_FACTOR, TIERS, WRITE_COST } from '../catalog.js';
import type { Change, TroubleContext } from './changes.js';
import type { Culprit } from './incidents.js';
import type { LevelRuntime } from '../level-runtime.js';
import type { NodeState } from '../state.js';

// The what-ifs for a database past its largest tier: more read replicas as big as it for reads,
// more primaries behind a shard router for writes (they provision first and take their keys once
// they serve).

/** Utilization each primary or replica is sized for at the incident's peak. */
const SHARD_UTILIZATION = 0.8;
/** Seconds after placing new primaries that the router takes them into the path: their warm-up and a margin. */
const SWITCH_MARGIN_SECONDS = 5;
/** Nodes a what-if places are named with this prefix, which keeps them apart from the player's own ids. */
const ID_PREFIX = 'whatif-';

/** Reads' and writes' work per request reaching a primary, in reads' worth, from the level's mix. */
function workShares(rt: LevelRuntime): { reads: number; writes: number } {
  const { read, write, deferrableWrite } = rt.level.traffic.mix;
  const requests = read + write + deferrableWrite;
  return requests > 0 ? { reads: read / requests, writes: (WRITE_COST * (write + deferrableWrite)) / requests } : { reads: 0, writes: 0 };
}

function atLargestTier(db: NodeState): boolean {
  return TIERS.indexOf(db.tier) === TIERS.length - 1;
}

function capacityOf(rt: LevelRuntime, db: NodeState): number {
  const p = rt.params.db;
  return (p.servers * TIER_FACTOR[db.tier]) / (p.serviceMs / 1000);
}

/**
 * Read replicas as big as the primary, enough that the peak's reads split evenly over them and the
 * primary, plus the writes every one of them applies, keep each at the sizing utilization.
 */
export function replicasPastCeiling(culprit: Culprit, trouble: TroubleContext): Change {
  return {
    provisions: 'replica',
    plan(state, rt) {
      const db = state.nodes.find((n) => n.id === culprit.node);
      if (!db || db.kind !== 'db' || !atLargestTier(db)) return undefined;
      const shares = workShares(rt);
      if (!(shares.reads > shares.writes)) return undefined;
      const callers = state.links.filter((l) => l.to === db.id).map((l) => state.nodes.find((n) => n.id === l.from)).filter((n) => n !== undefined && LINKABLE[n.kind].includes('replica'));
      const room = capacityOf(rt, db) * SHARD_UTILIZATION - trouble.peakArrivalRps * shares.writes;
      if (!callers.length || !(room > 0)) return undefined;
      const count = Math.max(1, Math.ceil((trouble.peakArrivalRps * shares.reads) / room) - 1);
      const ids = Array.from({ length: count }, (_, i) => `${ID_PREFIX}replica${i + 1}`);
      return {
        text: `${count} ${db.tier} read replica${count > 1 ? 's' : ''} of ${db.id} sharing its reads`,
        actions: ids.flatMap((id): Action[] => [
          { type: 'place', kind: 'replica', region: db.region, id, config: { primary: db.id } },
          { type: 'upgrade', node: id, tier: db.tier },
          ...callers.map((c): Action => ({ type: 'link', from: c!.id, to: id })),
        ]),
      };
    },
  };
}

export function shardPrimary(culprit: Culprit, trouble: TroubleContext): Change {
  return {
    provisions: 'db',
    plan(state, rt) {
      const db = state.nodes.find((n) => n.id === culprit.node);
      // Below the largest tier a bigger machine is the simpler answer; reads have caches and replicas.
      if (!db || db.kind !== 'db' || !atLargestTier(db)) return undefined;
      const shares = workShares(rt);
      if (!(shares.writes > shares.reads)) return undefined;
      // Whatever calls the primary (app pools, caches, queues) calls the router instead.
      const callers = state.links.filter((l) => l.to === db.id).map((l) => state.nodes.find((n) => n.id === l.from)).filter((n) => n !== undefined && LINKABLE[n.kind].includes('shards'));
      if (!callers.length) return undefined;
      const work = trouble.peakArrivalRps * (shares.reads + shares.writes);
      const count = Math.max(2, Math.ceil(work / (capacityOf(rt, db) * SHARD_UTILIZATION)));
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
        later: { afterSeconds: rt.params.db.provisionSeconds + SWITCH_MARGIN_SECONDS, actions: switchOver },
      };
    },
  };
}
