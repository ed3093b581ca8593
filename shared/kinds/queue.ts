import { z } from 'zod';
import { C_DEFERRABLE } from '../sim/classes.js';
import type { KindFacts } from './facts.js';

/** A queue with workers: acknowledges deferrable writes at once and drains them into the database. */
export const queue = {
  params: { label: 'queue + workers', servers: 200, serviceMs: 1, queuePerUnit: 0, delayMs: 1, buildCost: 100, upkeepPerMinute: 10, availability: 0.9999, provisionSeconds: 5, maxUnits: 200, keysPerUnit: 0 },
  config: z.object({
    /** Messages the queue holds before it answers 503. */
    capacity: z.number().int().min(1).max(10_000_000).default(10_000),
  }).strict(),
  calls: ['shards', 'db'],
  units: true, tiers: true, pooled: true, caches: false,
  promotes: false,
  terminates: [C_DEFERRABLE],
  preference: 0,
  key: 'q',
} satisfies KindFacts;
