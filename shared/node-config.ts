import { z } from 'zod';
import type { Kind } from './catalog.js';

/** Node ids: short, readable in a terminal, safe in a command line. */
export const nodeIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,23}$/, 'a node id is 1-24 of a-z, 0-9 and -, starting with a letter');

export const DNS_POLICIES = ['geo', 'latency', 'weighted', 'failover'] as const;
export const LIMITERS = ['none', 'token-bucket', 'fixed-window', 'sliding-window'] as const;
export const LB_ALGORITHMS = ['round-robin', 'least-connections', 'ip-hash', 'consistent-hash'] as const;
export const STANDBYS = ['none', 'async', 'sync'] as const;
export const CONSISTENCIES = ['cp', 'ap'] as const;
export const SHARDINGS = ['hash', 'consistent-hash'] as const;

/** Each kind's player-set configuration, with the defaults a freshly placed node gets. */
export const configSchemas = {
  dns: z.object({
    policy: z.enum(DNS_POLICIES).default('geo'),
    /** Seconds resolvers keep an answer: a change reaches users over this long. */
    ttlSeconds: z.number().min(1).max(86_400).default(60),
    /** Seconds of failed health checks before DNS stops answering with a dead target. */
    healthCheckSeconds: z.number().min(1).max(3_600).default(30),
    /** For the weighted policy: weight per target node; targets not listed weigh 1. */
    weights: z.array(z.object({ node: nodeIdSchema, weight: z.number().min(0).max(1_000) })).max(64).default([]),
    /** For the failover policy: the target that takes traffic while it is healthy. */
    primary: nodeIdSchema.optional(),
  }).strict(),
  cdn: z.object({
    ttlSeconds: z.number().min(0).max(86_400).default(300),
  }).strict(),
  gateway: z.object({
    limiter: z.enum(LIMITERS).default('none'),
    /** Requests per second each client may make. */
    ratePerClient: z.number().positive().max(1_000_000).default(10),
    /** Burst (token bucket size) per client, in requests. */
    burstPerClient: z.number().positive().max(1_000_000).default(20),
    windowSeconds: z.number().min(0.1).max(3_600).default(1),
    filter: z.boolean().default(false),
  }).strict(),
  lb: z.object({
    algorithm: z.enum(LB_ALGORITHMS).default('round-robin'),
  }).strict(),
  app: z.object({
    autoscale: z.boolean().default(false),
    minInstances: z.number().int().min(1).max(10_000).default(1),
    maxInstances: z.number().int().min(1).max(10_000).default(10),
    /** Utilization the autoscaler steers towards. */
    targetUtilization: z.number().min(0.1).max(0.95).default(0.6),
  }).strict(),
  queue: z.object({
    /** Messages the queue holds before it answers 503. */
    capacity: z.number().int().min(1).max(10_000_000).default(10_000),
  }).strict(),
  cache: z.object({
    /** 0: entries live until evicted (LRU only). */
    ttlSeconds: z.number().min(0).max(86_400).default(0),
  }).strict(),
  shards: z.object({
    algorithm: z.enum(SHARDINGS).default('hash'),
    virtualNodes: z.number().int().min(1).max(1_000).default(100),
  }).strict(),
  db: z.object({
    standby: z.enum(STANDBYS).default('none'),
    consistency: z.enum(CONSISTENCIES).default('cp'),
  }).strict(),
  replica: z.object({
    /** The primary this replica follows. */
    primary: nodeIdSchema.optional(),
  }).strict(),
  storage: z.object({}).strict(),
} satisfies Record<Kind, z.ZodType>;

export type NodeConfig<K extends Kind = Kind> = z.infer<(typeof configSchemas)[K]>;
export type AnyNodeConfig = { [K in Kind]: NodeConfig<K> }[Kind];

/** A node's kind with its configuration: checking the kind tells the config's shape, with no cast. */
export const kindConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dns'), config: configSchemas.dns }),
  z.object({ kind: z.literal('cdn'), config: configSchemas.cdn }),
  z.object({ kind: z.literal('gateway'), config: configSchemas.gateway }),
  z.object({ kind: z.literal('lb'), config: configSchemas.lb }),
  z.object({ kind: z.literal('app'), config: configSchemas.app }),
  z.object({ kind: z.literal('queue'), config: configSchemas.queue }),
  z.object({ kind: z.literal('cache'), config: configSchemas.cache }),
  z.object({ kind: z.literal('shards'), config: configSchemas.shards }),
  z.object({ kind: z.literal('db'), config: configSchemas.db }),
  z.object({ kind: z.literal('replica'), config: configSchemas.replica }),
  z.object({ kind: z.literal('storage'), config: configSchemas.storage }),
]);
export type KindConfig = z.infer<typeof kindConfigSchema>;
