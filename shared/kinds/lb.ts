import { z } from 'zod';
import type { KindFacts } from './facts.js';

export const LB_ALGORITHMS = ['round-robin', 'least-connections', 'ip-hash', 'consistent-hash'] as const;

/** A load balancer: spreads requests over the servers it calls by its algorithm. */
export const lb = {
  params: { label: 'load balancer', servers: 100, serviceMs: 0.5, queuePerUnit: 5_000, delayMs: 0.5, buildCost: 60, upkeepPerMinute: 6, availability: 0.9999, provisionSeconds: 5, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({
    algorithm: z.enum(LB_ALGORITHMS).default('round-robin'),
  }).strict(),
  calls: ['lb', 'app'],
  units: false, tiers: false, pooled: false, caches: false,
  promotes: false,
  terminates: [],
  preference: 1,
  key: 'l',
} satisfies KindFacts;
