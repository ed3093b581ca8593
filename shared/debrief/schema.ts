import { z } from 'zod';
import { actionSchema } from '../action.js';
import { kindSchema } from '../catalog.js';
import { FAILURE_REASONS } from '../reasons.js';

// A debrief crosses to players in a message and to disk in the results file: schemas, not just types.

const debriefEventSchema = z.object({
  /** Seconds of game time. */
  at: z.number(),
  duration: z.number(),
  name: z.string(),
  /** Fired live by the host rather than on the level's timeline. */
  live: z.boolean(),
});

const debriefCulpritSchema = z.object({
  node: z.string(),
  kind: kindSchema.optional(),
  region: z.string(),
  /** Seconds of game time its trouble began and ended. */
  from: z.number(),
  to: z.number(),
  peakUtilization: z.number(),
  /** The main reason its requests failed. */
  reason: z.enum(FAILURE_REASONS).optional(),
  /** "app1 (app servers) in us-east". */
  component: z.string(),
});
export type DebriefCulprit = z.infer<typeof debriefCulpritSchema>;

const incidentSchema = z.object({
  /** Seconds of game time. */
  from: z.number(),
  to: z.number(),
  /** Good over settled requests during the incident. */
  availability: z.number(),
  failed: z.number(),
  /** The event in force when it began, by name. */
  during: z.string().optional(),
  culprit: debriefCulpritSchema.optional(),
  /** The incident in one sentence. */
  text: z.string(),
});
export type Incident = z.infer<typeof incidentSchema>;

const whatIfSchema = z.object({
  /** The incident it answers, by index. */
  incident: z.number().int(),
  /** Seconds of game time the change is made at. */
  at: z.number(),
  change: z.string(),
  actions: z.array(actionSchema),
  /** The whole game's availability, cost and verdict with the change. */
  availability: z.number(),
  cost: z.number(),
  passed: z.boolean(),
  text: z.string(),
});
export type WhatIf = z.infer<typeof whatIfSchema>;

export const debriefSchema = z.object({
  levelId: z.string(),
  target: z.number(),
  /** The game as played. */
  availability: z.number(),
  passed: z.boolean(),
  /** Availability of each sample (good over settled; 1 when nothing settled), from the start. */
  timeline: z.object({ secondsPerSample: z.number(), availability: z.array(z.number()) }),
  events: z.array(debriefEventSchema),
  incidents: z.array(incidentSchema),
  whatIfs: z.array(whatIfSchema),
  /** The first incident's sentence, or that there was none. */
  headline: z.string(),
  /** When incidents had a culprit but no change tried would have raised availability: why, in words. */
  noWhatIf: z.string().optional(),
});
export type Debrief = z.infer<typeof debriefSchema>;
