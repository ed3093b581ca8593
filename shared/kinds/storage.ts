import { z } from 'zod';
import { C_STATIC } from '../sim/classes.js';
import type { KindFacts } from './facts.js';

/** Object storage: serves static content. */
export const storage = {
  params: { label: 'object storage', servers: 5_000, serviceMs: 20, queuePerUnit: 50_000, delayMs: 0, buildCost: 50, upkeepPerMinute: 5, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({}).strict(),
  calls: [],
  units: false, tiers: false, pooled: false, caches: false,
  promotes: false,
  terminates: [C_STATIC],
  preference: 3,
  key: 's',
} satisfies KindFacts;
