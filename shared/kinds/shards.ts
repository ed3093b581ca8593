import { z } from 'zod';
import type { KindFacts } from './facts.js';

export const SHARDINGS = ['hash', 'consistent-hash'] as const;

/** A shard router: splits keys over the databases it calls. */
export const shards = {
  params: { label: 'shard router', servers: 10_000, serviceMs: 0.1, queuePerUnit: 0, delayMs: 0.5, buildCost: 100, upkeepPerMinute: 10, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({
    algorithm: z.enum(SHARDINGS).default('hash'),
    virtualNodes: z.number().int().min(1).max(1_000).default(100),
  }).strict(),
  calls: ['db'],
  units: false, tiers: false, pooled: false, caches: false,
  promotes: false,
  terminates: [],
  preference: 2,
  key: 'h',
} satisfies KindFacts;
