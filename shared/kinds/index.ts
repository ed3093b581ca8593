import { z } from 'zod';
import type { KindFacts } from './facts.js';
import { dns } from './dns.js';
import { cdn } from './cdn.js';
import { gateway } from './gateway.js';
import { lb } from './lb.js';
import { app } from './app.js';
import { queue } from './queue.js';
import { cache } from './cache.js';
import { shards } from './shards.js';
import { db } from './db.js';
import { replica } from './replica.js';
import { storage } from './storage.js';

export { kindParamsSchema, type KindFacts, type KindParams } from './facts.js';
export { DNS_POLICIES } from './dns.js';
export { LIMITERS } from './gateway.js';
export { LB_ALGORITHMS } from './lb.js';
export { SHARDINGS } from './shards.js';
export { CONSISTENCIES, STANDBYS } from './db.js';

/** Component kinds, in the order the map draws their tiers (edge first, data last). */
export const KINDS = ['dns', 'cdn', 'gateway', 'lb', 'app', 'queue', 'cache', 'shards', 'db', 'replica', 'storage'] as const;
export const kindSchema = z.enum(KINDS);
export type Kind = z.infer<typeof kindSchema>;

/** Every kind's facts: adding a kind is a file in this folder and its line here and in kindConfigSchema. */
export const KIND_FACTS = { dns, cdn, gateway, lb, app, queue, cache, shards, db, replica, storage } satisfies Record<Kind, KindFacts>;

/** A kind's facts, for code that holds a kind and not a literal. */
export function factsOf(kind: Kind): KindFacts {
  return KIND_FACTS[kind];
}

/** One value per kind, in KINDS order. */
export function byKind<T>(of: (facts: KindFacts, kind: Kind) => T): Record<Kind, T> {
  return Object.fromEntries(KINDS.map((k) => [k, of(KIND_FACTS[k], k)])) as Record<Kind, T>;
}

/** The kinds with a fact, in KINDS order (for messages and pickers). */
export function kindsWhere(has: (facts: KindFacts) => boolean): Kind[] {
  return KINDS.filter((k) => has(KIND_FACTS[k]));
}

/** A node's kind with its configuration: checking the kind tells the config's shape, with no cast. */
export const kindConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dns'), config: dns.config }),
  z.object({ kind: z.literal('cdn'), config: cdn.config }),
  z.object({ kind: z.literal('gateway'), config: gateway.config }),
  z.object({ kind: z.literal('lb'), config: lb.config }),
  z.object({ kind: z.literal('app'), config: app.config }),
  z.object({ kind: z.literal('queue'), config: queue.config }),
  z.object({ kind: z.literal('cache'), config: cache.config }),
  z.object({ kind: z.literal('shards'), config: shards.config }),
  z.object({ kind: z.literal('db'), config: db.config }),
  z.object({ kind: z.literal('replica'), config: replica.config }),
  z.object({ kind: z.literal('storage'), config: storage.config }),
]);
export type KindConfig = z.infer<typeof kindConfigSchema>;
export type NodeConfig<K extends Kind = Kind> = Extract<KindConfig, { kind: K }>['config'];
