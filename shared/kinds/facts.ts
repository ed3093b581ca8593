import { z } from 'zod';
import type { Kind } from './index.js';

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

/** Everything the rules, the engine and the client know about one kind of component, in one entry. */
export interface KindFacts {
  /** Catalog defaults; relative costs follow app 1 : lb 0.3 : cache 2 : db 3, a standby doubling the db. */
  params: KindParams;
  /** The player-set configuration, with the defaults a freshly placed node gets. */
  config: z.ZodObject;
  /** The kinds it may call: the next tiers of a request's path. */
  calls: readonly Kind[];
  /** Capacity grows by adding units (scale out and in). */
  units: boolean;
  /** Comes in size tiers: capacity and cost multiply by the tier's factor. */
  tiers: boolean;
  /** A pool of interchangeable units: a zone failure takes half of them, and it is up while one is. */
  pooled: boolean;
  /** Answers requests from what it holds (a hit ratio). */
  caches: boolean;
  /** Can be promoted to the primary it follows (a failover by hand). */
  promotes: boolean;
  /** Request classes (sim/classes.ts) it answers itself when it calls nothing that takes them. */
  terminates: readonly number[];
  /** Where a caller sends a class first, lowest first: a cache or queue in front of a database takes the traffic. */
  preference: number;
  /** Its letter in the placement picker (unique). */
  key: string;
}
