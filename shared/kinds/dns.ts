import { z } from 'zod';
import { nodeIdSchema } from '../node-id.js';
import type { KindFacts } from './facts.js';

export const DNS_POLICIES = ['geo', 'latency', 'weighted', 'failover'] as const;

/** DNS: sends each region's users to an entry point by its policy. */
export const dns = {
  params: { label: 'DNS', servers: 100_000, serviceMs: 0.01, queuePerUnit: 0, delayMs: 0, buildCost: 50, upkeepPerMinute: 5, availability: 0.99999, provisionSeconds: 0, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({
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
  calls: ['cdn', 'gateway', 'lb', 'app'],
  units: false, tiers: false, pooled: false, caches: false,
  promotes: false,
  terminates: [],
  preference: 1,
  key: 'n',
} satisfies KindFacts;
