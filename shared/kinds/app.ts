import { z } from 'zod';
import { C_MALICIOUS, C_STATIC } from '../sim/classes.js';
import type { KindFacts } from './facts.js';

/** A pool of app servers: the work of every request, scaled by hand or by its autoscaler. */
export const app = {
  params: { label: 'app servers', servers: 20, serviceMs: 20, queuePerUnit: 200, delayMs: 0, buildCost: 100, upkeepPerMinute: 20, availability: 0.995, provisionSeconds: 20, maxUnits: 100, keysPerUnit: 0 },
  config: z.object({
    autoscale: z.boolean().default(false),
    minInstances: z.number().int().min(1).max(10_000).default(1),
    maxInstances: z.number().int().min(1).max(10_000).default(10),
    /** Utilization the autoscaler steers towards. */
    targetUtilization: z.number().min(0.1).max(0.95).default(0.6),
  }).strict(),
  calls: ['queue', 'cache', 'shards', 'db', 'replica', 'storage'],
  units: true, tiers: true, pooled: true, caches: false,
  promotes: false,
  terminates: [C_STATIC, C_MALICIOUS],
  preference: 1,
  key: 'a',
} satisfies KindFacts;
