import { z } from 'zod';

/** Component kinds, in the order the map draws their tiers (edge first, data last). */
export const KINDS = ['dns', 'cdn', 'gateway', 'lb', 'app', 'queue', 'cache', 'shards', 'db', 'replica', 'storage'] as const;
export const kindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof kindSchema>;

/** Size tiers: capacity and cost multiply by the factor. */
export const TIERS = ['small', 'medium', 'large', 'xlarge'] as const;
export const tierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof tierSchema>;
export const TIER_FACTOR: Record<Tier, number> = { small: 1, medium: 2, large: 4, xlarge: 8 };

/**
 * The tunable parameters of a kind. A level may override any of them (a teacher's lab level), so they
 * are a schema, not just constants.
 */
export const kindParamsSchema = z.object({
  label: z.string(),
  /** Concurrent requests one unit (instance, node) serves: the c of M/M/c. */
  servers: z.number().int().min(1).max(100_000),
  /** Mean service time of one request on one server, in milliseconds (exponential). */
  serviceMs: z.number().positive().max(60_000),
  /** Waiting room per unit beyond the servers; arrivals past it are shed (HTTP 503). */
  queuePerUnit: z.number().int().min(0).max(10_000_000),
  /** Fixed processing delay added to every request that passes, in milliseconds. */
  delayMs: z.number().min(0).max(10_000),
  /** Cost to place one unit. */
  buildCost: z.number().min(0),
  /** Running cost of one unit per minute of play. */
  upkeepPerMinute: z.number().min(0),
  /** Long-run share of time one unit is up, used when a level turns background failures on. */
  availability: z.number().gt(0).max(1),
  /** Seconds from placing (or scaling out) until a unit takes traffic. */
  provisionSeconds: z.number().min(0).max(3600),
  /** Most units (instances, nodes, workers) one node may have. */
  maxUnits: z.number().int().min(1).max(10_000),
  /** Keys one unit holds at the small tier (caches; 0 for the rest). */
  keysPerUnit: z.number().int().min(0).max(1e9),
});
export type KindParams = z.infer<typeof kindParamsSchema>;

/** Catalog defaults: relative costs follow app 1 : lb 0.3 : cache 2 : db 3, a standby doubling the db. */
export const CATALOG: Record<Kind, KindParams> = {
  dns: { label: 'DNS', servers: 100_000, serviceMs: 0.01, queuePerUnit: 0, delayMs: 0, buildCost: 50, upkeepPerMinute: 5, availability: 0.99999, provisionSeconds: 0, maxUnits: 1, keysPerUnit: 0 },
  cdn: { label: 'CDN edge', servers: 2_000, serviceMs: 1, queuePerUnit: 20_000, delayMs: 5, buildCost: 200, upkeepPerMinute: 15, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  gateway: { label: 'API gateway', servers: 100, serviceMs: 1, queuePerUnit: 5_000, delayMs: 1, buildCost: 150, upkeepPerMinute: 10, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  lb: { label: 'load balancer', servers: 100, serviceMs: 0.5, queuePerUnit: 5_000, delayMs: 0.5, buildCost: 60, upkeepPerMinute: 6, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  app: { label: 'app servers', servers: 20, serviceMs: 20, queuePerUnit: 200, delayMs: 0, buildCost: 100, upkeepPerMinute: 20, availability: 0.995, provisionSeconds: 20, maxUnits: 100, keysPerUnit: 0 },
  queue: { label: 'queue + workers', servers: 200, serviceMs: 1, queuePerUnit: 0, delayMs: 1, buildCost: 100, upkeepPerMinute: 10, availability: 0.9999, provisionSeconds: 5, maxUnits: 200, keysPerUnit: 0 },
  cache: { label: 'cache', servers: 25, serviceMs: 0.25, queuePerUnit: 1_000, delayMs: 0, buildCost: 200, upkeepPerMinute: 40, availability: 0.999, provisionSeconds: 10, maxUnits: 32, keysPerUnit: 10_000 },
  shards: { label: 'shard router', servers: 10_000, serviceMs: 0.1, queuePerUnit: 0, delayMs: 0.5, buildCost: 100, upkeepPerMinute: 10, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  db: { label: 'database primary', servers: 16, serviceMs: 2, queuePerUnit: 500, delayMs: 0, buildCost: 300, upkeepPerMinute: 60, availability: 0.9995, provisionSeconds: 60, maxUnits: 1, keysPerUnit: 0 },
  replica: { label: 'read replica', servers: 16, serviceMs: 2, queuePerUnit: 500, delayMs: 0, buildCost: 300, upkeepPerMinute: 60, availability: 0.9995, provisionSeconds: 30, maxUnits: 1, keysPerUnit: 0 },
  storage: { label: 'object storage', servers: 5_000, serviceMs: 20, queuePerUnit: 50_000, delayMs: 0, buildCost: 50, upkeepPerMinute: 5, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
};

/** Keyboard mnemonics of the placement picker (unique letters). */
export const KIND_KEYS: Record<Kind, string> = {
  dns: 'n', cdn: 'e', gateway: 'g', lb: 'l', app: 'a', queue: 'q', cache: 'c', shards: 'h', db: 'd', replica: 'r', storage: 's',
};

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

/** Which kinds may call which: the tiers of a request's path. */
export const LINKABLE: Record<Kind, readonly Kind[]> = {
  dns: ['cdn', 'gateway', 'lb', 'app'],
  cdn: ['gateway', 'lb', 'app', 'storage'],
  gateway: ['lb', 'app', 'storage'],
  lb: ['lb', 'app'],
  app: ['queue', 'cache', 'shards', 'db', 'replica', 'storage'],
  queue: ['shards', 'db'],
  cache: ['shards', 'db', 'replica'],
  shards: ['db'],
  db: [],
  replica: [],
  storage: [],
};

/** The parameters of a kind once a level's overrides apply. */
export function paramsOf(kind: Kind, overrides?: Partial<Record<Kind, Partial<KindParams>>>): KindParams {
  const o = overrides?.[kind];
  return o ? { ...CATALOG[kind], ...o } : CATALOG[kind];
}
