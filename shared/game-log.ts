import { z } from 'zod';
import { actionSchema, type Action, type Plan } from './action.js';
import { eventSchema, type GameEvent } from './level.js';

// What changed one game, in the order it applied: with the level and the seed, it determines the game
// (the rules and the simulation are deterministic), so a debrief can replay it and try what-ifs.

const tickSchema = z.number().int().min(0);

/** An accepted action, or an event a host fired live (its `at` absolute), at the tick it applied. */
const gameLogEntrySchema = z.union([
  z.object({ tick: tickSchema, action: actionSchema }).strict(),
  z.object({ tick: tickSchema, event: eventSchema }).strict(),
]);
export type GameLogEntry = z.infer<typeof gameLogEntrySchema>;

export const gameLogSchema = z.object({
  seed: z.number().int().min(0).max(0xffffffff),
  /** The tick the game stopped at: the level's end, or earlier when the host ended the round. */
  endTick: tickSchema,
  /** In the order they applied (ticks never decrease). */
  entries: z.array(gameLogEntrySchema),
});
export type GameLog = z.infer<typeof gameLogSchema>;

export function actionEntry(tick: number, action: Action): GameLogEntry {
  return { tick, action };
}

export function eventEntry(tick: number, event: GameEvent): GameLogEntry {
  return { tick, event };
}

/** A plan as a game log: each action at the first tick at or after its time, in the plan's order (as `simulate` applies them). */
export function planLog(plan: Plan, seed: number, tickMs: number, endTick: number): GameLog {
  const dt = tickMs / 1000;
  const entries = plan.actions
    .map((a, i) => ({ i, tick: Math.ceil(a.at / dt - 1e-9), action: a.action }))
    .sort((a, b) => a.tick - b.tick || a.i - b.i)
    .map((a) => actionEntry(a.tick, a.action));
  return { seed, endTick, entries };
}
