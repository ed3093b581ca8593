import { z } from 'zod';
import { C_BACKGROUND, C_HOT, C_MALICIOUS, C_READ } from '../sim/classes.js';
import { nodeIdSchema } from '../node-id.js';
import type { KindFacts } from './facts.js';

/** A read replica: answers reads from a copy of its primary that trails it by the replication lag. */
export const replica = {
  params: { label: 'read replica', servers: 16, serviceMs: 2, queuePerUnit: 500, delayMs: 0, buildCost: 300, upkeepPerMinute: 60, availability: 0.9995, provisionSeconds: 30, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({
    /** The primary this replica follows. */
    primary: nodeIdSchema.optional(),
  }).strict(),
  calls: [],
  units: false, tiers: true, pooled: false, caches: false,
  promotes: true,
  terminates: [C_READ, C_HOT, C_MALICIOUS, C_BACKGROUND],
  preference: 3,
  key: 'r',
} satisfies KindFacts;
