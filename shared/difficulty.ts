import { z } from 'zod';
import type { Level } from './level.js';

// How hard a game is, on top of the level: the budget, the warning before events, and machines that
// fail on their own. A room's games all get the same, so the difficulty is part of its fairness.

export const DIFFICULTIES = ['easy', 'normal', 'hard'] as const;
export const difficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof difficultySchema>;

/** The difficulty when none is asked for: the level exactly as written. */
export const DEFAULT_DIFFICULTY: Difficulty = 'normal';
/** Easy: the budget times this, room to over-provision while learning. */
export const EASY_BUDGET_FACTOR = 1.5;
/** Easy: each announced event's warning times this (never before the game starts). */
export const EASY_ANNOUNCE_FACTOR = 2;
/** Hard: the budget times this, so redundancy has to be chosen, not bought everywhere. */
export const HARD_BUDGET_FACTOR = 0.8;

/** Parses a difficulty given by a person; the message names the thing, the expected and the actual value. */
export function parseDifficulty(raw: string, what = '--difficulty'): Difficulty | { error: string } {
  const parsed = difficultySchema.safeParse(raw.trim().toLowerCase());
  return parsed.success ? parsed.data : { error: `${what}: expected one of ${DIFFICULTIES.join(', ')}, got "${raw}"` };
}

/** The money a level's budget is at a difficulty, to the cent. */
function budgetAt(budget: number, factor: number): number {
  return Math.round(budget * factor * 100) / 100;
}

/**
 * The level as played at a difficulty: normal is the very same object (its games are unchanged to
 * the state hash); easy has more budget and longer warnings; hard less budget and unannounced
 * background failures of every node (each kind's availability, as in the series-parallel level).
 */
export function applyDifficulty(level: Level, difficulty: Difficulty): Level {
  switch (difficulty) {
    case 'normal':
      return level;
    case 'easy':
      return {
        ...level,
        budget: budgetAt(level.budget, EASY_BUDGET_FACTOR),
        events: level.events.map((e) => ({ ...e, announce: Math.max(e.announce, Math.min(e.at, e.announce * EASY_ANNOUNCE_FACTOR)) })),
      };
    case 'hard':
      return { ...level, budget: budgetAt(level.budget, HARD_BUDGET_FACTOR), backgroundFailures: true };
  }
}

/** What a difficulty changes, in a few words, for the lobby and the help. */
export function difficultyText(difficulty: Difficulty): string {
  switch (difficulty) {
    case 'easy': return `budget x${EASY_BUDGET_FACTOR}, warnings x${EASY_ANNOUNCE_FACTOR}`;
    case 'normal': return 'the level as written';
    case 'hard': return `budget x${HARD_BUDGET_FACTOR}, machines fail unannounced`;
  }
}
