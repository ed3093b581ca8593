import { z } from 'zod';
import type { KindFacts } from './facts.js';

/** A cache in front of the database: answers reads of the keys it holds (LRU, optionally a TTL). */
export const cache = {
  params: { label: 'cache', servers: 25, serviceMs: 0.25, queuePerUnit: 1_000, delayMs: 0, buildCost: 200, upkeepPerMinute: 40, availability: 0.999, provisionSeconds: 10, maxUnits: 32, keysPerUnit: 10_000 },
  config: z.object({
    /** 0: entries live until evicted (LRU only). */
    ttlSeconds: z.number().min(0).max(86_400).default(0),
  }).strict(),
  calls: ['shards', 'db', 'replica'],
  units: true, tiers: true, pooled: true, caches: true,
  promotes: false,
  terminates: [],
  preference: 0,
  key: 'c',
} satisfies KindFacts;
