import { z } from 'zod';
import type { KindFacts } from './facts.js';

export const LIMITERS = ['none', 'token-bucket', 'fixed-window', 'sliding-window'] as const;

/** An API gateway: filters known-bad traffic and rate-limits each client. */
export const gateway = {
  params: { label: 'API gateway', servers: 100, serviceMs: 1, queuePerUnit: 5_000, delayMs: 1, buildCost: 150, upkeepPerMinute: 10, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({
    limiter: z.enum(LIMITERS).default('none'),
    /** Requests per second each client may make. */
    ratePerClient: z.number().positive().max(1_000_000).default(10),
    /** Burst (token bucket size) per client, in requests. */
    burstPerClient: z.number().positive().max(1_000_000).default(20),
    windowSeconds: z.number().min(0.1).max(3_600).default(1),
    filter: z.boolean().default(false),
  }).strict(),
  calls: ['lb', 'app', 'storage'],
  units: false, tiers: false, pooled: false, caches: false,
  promotes: false,
  terminates: [],
  preference: 0,
  key: 'g',
} satisfies KindFacts;
