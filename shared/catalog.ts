import { byKind, type Kind, type KindParams } from './kinds/index.js';
import { z } from 'zod';

// The kinds and their facts live in shared/kinds/; the catalog's numbers are read from there.
export { KINDS, kindParamsSchema, kindSchema, type Kind, type KindParams } from './kinds/index.js';

/** Size tiers: capacity and cost multiply by the factor. */
export const TIERS = ['small', 'medium', 'large', 'xlarge'] as const;
export const tierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof tierSchema>;
export const TIER_FACTOR: Record<Tier, number> = { small: 1, medium: 2, large: 4, xlarge: 8 };

/** Catalog defaults, each kind's from its entry in shared/kinds/. */
export const CATALOG: Record<Kind, KindParams> = byKind((f) => f.params);

/** A write costs the database this many reads' worth of work (fsync, indexes, locks). */
export const WRITE_COST = 5;
/** Share of malicious requests a gateway's traffic filter blocks. */
export const FILTER_EFFICIENCY = 0.95;
/** Writes per second one queue worker drains. */
export const WORKER_RATE = 200;
/** Seconds from a primary's failure to an async standby taking over (detection, replaying its lag, promotion). */
export const FAILOVER_SECONDS = 45;
/** Seconds for a sync standby, which holds every committed write and has nothing to replay. */
export const SYNC_FAILOVER_SECONDS = 30;
/** Seconds an async standby in another zone of the region trails its primary besides the network (streaming replication: 50-200 ms). */
export const ASYNC_STANDBY_LAG_SECONDS = 0.1;
/** Milliseconds a write waits for a sync standby's acknowledgement, the price of losing nothing. */
export const SYNC_COMMIT_MS = 2;
/** Share of a replica's capacity that replaying the primary's log may take while it catches up. */
export const REPLICA_CATCHUP_SHARE = 0.5;
/** Share of writes taken on the far side of a partition (AP) that conflict when it heals. */
export const AP_CONFLICT_SHARE = 0.1;
/** Autoscaler check period, in seconds. */
export const AUTOSCALE_PERIOD_SECONDS = 10;
/** Most nodes in one architecture. */
export const MAX_NODES = 64;
/** Most links in one architecture. */
export const MAX_LINKS = 256;

/** Which kinds may call which: the tiers of a request's path (sent to clients in the welcome). */
export const LINKABLE: Record<Kind, readonly Kind[]> = byKind((f) => f.calls);

/** The parameters of a kind once a level's overrides apply. */
export function paramsOf(kind: Kind, overrides?: Partial<Record<Kind, Partial<KindParams>>>): KindParams {
  const o = overrides?.[kind];
  return o ? { ...CATALOG[kind], ...o } : CATALOG[kind];
}
