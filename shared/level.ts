import { z } from 'zod';
import { KINDS, kindParamsSchema, kindSchema } from './catalog.js';
import { actionSchema, regionIdSchema, type Action } from './action.js';
import { chapterSchema, conceptIdSchema } from './concepts.js';
import { guideSchema } from './guide.js';

/** Default simulation tick, in milliseconds. */
const DEFAULT_TICK_MS = 100;
/** Default warning before an event, in seconds. */
const DEFAULT_ANNOUNCE_SECONDS = 10;

const eventBase = {
  /** Seconds from the start. */
  at: z.number().min(0),
  /** Seconds the event lasts. */
  duration: z.number().positive(),
  /** Seconds of warning players get. */
  announce: z.number().min(0).default(DEFAULT_ANNOUNCE_SECONDS),
  /** What the announcement says; a default is written from the type. */
  label: z.string().max(120).optional(),
};

/** The traffic and failure events of a level's timeline (or fired live by a host). */
export const eventSchema = z.discriminatedUnion('type', [
  /** Legitimate traffic goes from `from` to `to` times the baseline over the duration, and stays. */
  z.object({ type: z.literal('ramp'), ...eventBase, from: z.number().min(0).default(1), to: z.number().min(0) }).strict(),
  /** A day's swell compressed: traffic times 1 + amplitude * sin over the period. */
  z.object({ type: z.literal('diurnal'), ...eventBase, amplitude: z.number().min(0).max(1), periodSeconds: z.number().positive() }).strict(),
  /** Reads jump, concentrated on one hot key. */
  z.object({ type: z.literal('celebrity'), ...eventBase, multiplier: z.number().min(1).max(1_000), hotKeyShare: z.number().min(0).max(1).default(0.5), rampSeconds: z.number().min(0).default(5) }).strict(),
  /** Writes jump. */
  z.object({ type: z.literal('flash-sale'), ...eventBase, multiplier: z.number().min(1).max(1_000), rampSeconds: z.number().min(0).default(5) }).strict(),
  /** Malicious requests from a botnet. */
  z.object({ type: z.literal('ddos'), ...eventBase, rps: z.number().positive(), bots: z.number().int().min(1).default(1_000), region: regionIdSchema.optional() }).strict(),
  /** The oldest `count` nodes of a kind (in a region, if given) go down. */
  z.object({ type: z.literal('node-failure'), ...eventBase, kind: kindSchema, region: regionIdSchema.optional(), count: z.number().int().min(1).default(1) }).strict(),
  /** One availability zone of a region goes down: half of every pool, caches, and primaries without a standby. */
  z.object({ type: z.literal('zone-failure'), ...eventBase, region: regionIdSchema }).strict(),
  /** Everything in a region goes down. */
  z.object({ type: z.literal('region-failure'), ...eventBase, region: regionIdSchema }).strict(),
  /** The database primary (the oldest, or the oldest in a region) fails. */
  z.object({ type: z.literal('db-failure'), ...eventBase, region: regionIdSchema.optional() }).strict(),
  /** The network between two regions splits: no calls, no replication. */
  z.object({ type: z.literal('partition'), ...eventBase, regions: z.tuple([regionIdSchema, regionIdSchema]) }).strict(),
  /** Service times grow by a factor (a noisy neighbour, a bad deploy). */
  z.object({ type: z.literal('latency'), ...eventBase, factor: z.number().min(1).max(1_000), kind: kindSchema.optional(), region: regionIdSchema.optional() }).strict(),
]);
export type GameEvent = z.infer<typeof eventSchema>;
export type GameEventInput = z.input<typeof eventSchema>;
export type EventType = GameEvent['type'];

export const levelSchema = z.object({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a level id is 1-40 of a-z, 0-9 and -'),
  title: z.string().min(1).max(80),
  /** One line for lists (`nines levels`); without it, the description's first sentence, cut to fit. */
  summary: z.string().max(80).optional(),
  /** The lesson, shown before the level starts. */
  description: z.string().max(2_000).default(''),
  /** Position in the curriculum; the lab levels have none. */
  order: z.number().int().min(0).optional(),
  /** The curriculum chapter the level belongs to (see shared/concepts.ts). */
  chapter: chapterSchema.optional(),
  /** The concepts the level teaches: tags from the syllabus in shared/concepts.ts. */
  concepts: z.array(conceptIdSchema).max(12).default([]),
  /** 1 (first steps) to 5 (hard), within the curriculum. */
  difficulty: z.number().int().min(1).max(5).optional(),
  durationSeconds: z.number().min(10).max(7_200),
  tickMs: z.number().int().min(10).max(1_000).default(DEFAULT_TICK_MS),
  regions: z.array(z.object({ id: regionIdSchema, name: z.string().max(40).optional() }).strict()).min(1).max(4),
  /** Round-trip times between regions in ms, row and column in the order of `regions`. */
  rttMs: z.array(z.array(z.number().min(0).max(2_000))),
  traffic: z.object({
    /** Legitimate users per region and the requests per second they make at the baseline. */
    users: z.array(z.object({ region: regionIdSchema, clients: z.number().int().min(1), rps: z.number().min(0) }).strict()).min(1),
    /** Shares of the request classes; they sum to 1. */
    mix: z.object({
      static: z.number().min(0).max(1).default(0),
      read: z.number().min(0).max(1).default(0),
      write: z.number().min(0).max(1).default(0),
      deferrableWrite: z.number().min(0).max(1).default(0),
    }).strict(),
    /** Distinct data keys; read popularity is Zipf over them. */
    keys: z.number().int().min(1).max(1e9).default(100_000),
    zipfAlpha: z.number().min(0).max(3).default(0.9),
    /** Distinct static objects (CDN-cacheable), with their own Zipf popularity. */
    staticObjects: z.number().int().min(1).max(1e9).default(10_000),
    staticZipfAlpha: z.number().min(0).max(3).default(1),
  }).strict(),
  /** A request is good when it succeeds within this many milliseconds. */
  sloMs: z.number().positive().max(60_000),
  /** Share of good requests needed to pass, e.g. 0.99. */
  target: z.number().gt(0).lt(1),
  budget: z.number().positive(),
  /** The kinds players may place; all when absent. */
  allowed: z.array(kindSchema).min(1).default([...KINDS]),
  /** Actions applied free of charge before the start: the architecture players begin with. */
  initial: z.array(actionSchema).max(200).default([]),
  events: z.array(eventSchema).max(200).default([]),
  /** Catalog parameters changed for this level. */
  overrides: z.partialRecord(kindSchema, kindParamsSchema.partial().strict()).default({}),
  /** Off: arrivals are exact expected values, so results are exact (lab and tests). */
  noise: z.boolean().default(true),
  /** On: every unit is down its catalog share of the time (expected value), as in availability maths. */
  backgroundFailures: z.boolean().default(false),
  /** The seed a game uses unless the host picks another. */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
  /** Guided steps (the tutorial): the client shows each with its hint until its goal holds. */
  guide: guideSchema.optional(),
}).strict().superRefine((level, ctx) => {
  const ids = level.regions.map((r) => r.id);
  const known = new Set(ids);
  if (known.size !== ids.length) ctx.addIssue({ code: 'custom', path: ['regions'], message: 'region ids must be unique' });
  const n = ids.length;
  if (level.rttMs.length !== n) {
    ctx.addIssue({ code: 'custom', path: ['rttMs'], message: `expected ${n} rows (one per region), got ${level.rttMs.length}` });
  }
  level.rttMs.forEach((row, i) => {
    if (row.length !== n) ctx.addIssue({ code: 'custom', path: ['rttMs', i], message: `expected ${n} columns (one per region), got ${row.length}` });
  });
  const mix = level.traffic.mix;
  const sum = mix.static + mix.read + mix.write + mix.deferrableWrite;
  if (Math.abs(sum - 1) > 1e-6) ctx.addIssue({ code: 'custom', path: ['traffic', 'mix'], message: `the shares must sum to 1, got ${sum}` });
  const checkRegion = (region: string | undefined, path: (string | number)[]) => {
    if (region !== undefined && !known.has(region)) {
      ctx.addIssue({ code: 'custom', path, message: `unknown region "${region}"; the level's regions are ${ids.join(', ')}` });
    }
  };
  level.traffic.users.forEach((u, i) => checkRegion(u.region, ['traffic', 'users', i, 'region']));
  level.events.forEach((e, i) => {
    if ('region' in e) checkRegion(e.region, ['events', i, 'region']);
    if (e.type === 'partition') e.regions.forEach((r, j) => checkRegion(r, ['events', i, 'regions', j]));
  });
  level.initial.forEach((a, i) => {
    if (a.type === 'place') checkRegion(a.region, ['initial', i, 'region']);
  });
  checkGuide(level, ctx);
});

/** A guide's goals name nodes the level starts with, and moments within the level. */
function checkGuide(level: { initial: Action[]; durationSeconds: number; guide?: z.infer<typeof guideSchema> | undefined }, ctx: z.RefinementCtx): void {
  const ids = level.initial.flatMap((a) => (a.type === 'place' && a.id !== undefined ? [a.id] : []));
  level.guide?.forEach((step, i) => {
    const g = step.goal;
    const node = 'node' in g ? g.node : undefined;
    if (node !== undefined && !ids.includes(node)) {
      ctx.addIssue({ code: 'custom', path: ['guide', i, 'goal', 'node'], message: `unknown node "${node}"; a guide's goals name nodes of the initial architecture: ${ids.join(', ') || 'none'}` });
    }
    if (g.type === 'survive' && g.at > level.durationSeconds) {
      ctx.addIssue({ code: 'custom', path: ['guide', i, 'goal', 'at'], message: `expected at most the level's ${level.durationSeconds} s, got ${g.at}` });
    }
  });
}
export type Level = z.infer<typeof levelSchema>;
export type LevelInput = z.input<typeof levelSchema>;
