import { z } from 'zod';
import { kindSchema, tierSchema } from './catalog.js';
import { nodeIdSchema } from './node-id.js';

/** Region ids, as levels name them. */
export const regionIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,23}$/, 'a region id is 1-24 of a-z, 0-9 and -, starting with a letter');

/**
 * What a player can do to an architecture. The same objects are sent by the client, stored in plans
 * and logs, and validated by the same rules everywhere.
 */
export const actionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('place'),
    kind: kindSchema,
    region: regionIdSchema,
    /** Chosen id; without it the next free `<kind><n>` (app1, app2...). */
    id: nodeIdSchema.optional(),
    /** Partial configuration, checked against the kind's schema. */
    config: z.record(z.string(), z.unknown()).optional(),
  }).strict(),
  z.object({ type: z.literal('remove'), node: nodeIdSchema }).strict(),
  z.object({ type: z.literal('link'), from: nodeIdSchema, to: nodeIdSchema }).strict(),
  z.object({ type: z.literal('unlink'), from: nodeIdSchema, to: nodeIdSchema }).strict(),
  /** Adds (or with a negative count removes) units: app instances, cache nodes, queue workers. */
  z.object({ type: z.literal('scale'), node: nodeIdSchema, by: z.number().int().min(-1_000).max(1_000).refine((n) => n !== 0, 'scale by a non-zero count') }).strict(),
  z.object({ type: z.literal('configure'), node: nodeIdSchema, config: z.record(z.string(), z.unknown()) }).strict(),
  /** Moves to the given tier, or to the next one. */
  z.object({ type: z.literal('upgrade'), node: nodeIdSchema, tier: tierSchema.optional() }).strict(),
  /** Makes a read replica the primary (a manual failover). */
  z.object({ type: z.literal('promote'), node: nodeIdSchema }).strict(),
]);
export type Action = z.infer<typeof actionSchema>;

/** A plan: timed actions for `nines simulate`, the same objects the client sends. */
export const planSchema = z.object({
  $schema: z.string().optional(),
  description: z.string().optional(),
  actions: z.array(z.object({
    /** Seconds from the start of the level. */
    at: z.number().min(0),
    action: actionSchema,
  }).strict()).max(10_000),
}).strict();
export type Plan = z.infer<typeof planSchema>;
