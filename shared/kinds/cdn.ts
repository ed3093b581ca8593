import { z } from 'zod';
import type { KindFacts } from './facts.js';

/** A CDN edge: answers static content and the hot key from its cache for a TTL. */
export const cdn = {
  params: { label: 'CDN edge', servers: 2_000, serviceMs: 1, queuePerUnit: 20_000, delayMs: 5, buildCost: 200, upkeepPerMinute: 15, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({
    ttlSeconds: z.number().min(0).max(86_400).default(300),
  }).strict(),
  calls: ['gateway', 'lb', 'app', 'storage'],
  units: false, tiers: false, pooled: false, caches: true,
  promotes: false,
  terminates: [],
  preference: 0,
  key: 'e',
} satisfies KindFacts;
