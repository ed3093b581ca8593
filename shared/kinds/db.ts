import { z } from 'zod';
import { C_BACKGROUND, C_DEFERRABLE, C_HOT, C_MALICIOUS, C_READ, C_WRITE } from '../sim/classes.js';
import type { KindFacts } from './facts.js';

export const STANDBYS = ['none', 'async', 'sync'] as const;
export const CONSISTENCIES = ['cp', 'ap'] as const;

/** A database primary: takes every write, optionally with a standby to fail over to. */
export const db = {
  params: { label: 'database primary', servers: 16, serviceMs: 2, queuePerUnit: 500, delayMs: 0, buildCost: 300, upkeepPerMinute: 60, availability: 0.9995, provisionSeconds: 60, maxUnits: 1, keysPerUnit: 0 },
  config: z.object({
    standby: z.enum(STANDBYS).default('none'),
    consistency: z.enum(CONSISTENCIES).default('cp'),
  }).strict(),
  calls: [],
  units: false, tiers: true, pooled: false, caches: false,
  promotes: false,
  terminates: [C_READ, C_HOT, C_WRITE, C_DEFERRABLE, C_MALICIOUS, C_BACKGROUND],
  preference: 3,
  key: 'd',
} satisfies KindFacts;
