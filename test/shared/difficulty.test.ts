import { describe, expect, it } from 'vitest';
import {
  applyDifficulty, EASY_ANNOUNCE_FACTOR, EASY_BUDGET_FACTOR, HARD_BUDGET_FACTOR, parseDifficulty,
} from '../../shared/difficulty.js';
import { simulate } from '../../shared/simulate.js';
import { curriculumLevel, curriculumPlan } from '../helpers/level-plans.js';

const level = curriculumLevel('tutorial');
const plan = curriculumPlan('tutorial', 'reference');

describe('difficulty', () => {
  it('normal is the level itself: its games are those of today', () => {
    expect(applyDifficulty(level, 'normal')).toBe(level);
    expect(JSON.stringify(simulate(applyDifficulty(level, 'normal'), plan))).toBe(JSON.stringify(simulate(level, plan)));
  });

  it('easy gives more budget and longer warnings, never one before the game starts', () => {
    const easy = applyDifficulty(level, 'easy');
    expect(easy.budget).toBe(Math.round(level.budget * EASY_BUDGET_FACTOR * 100) / 100);
    expect(easy.budget).toBeGreaterThan(level.budget);
    for (const [i, e] of easy.events.entries()) {
      const was = level.events[i]!;
      expect(e.announce).toBe(Math.max(was.announce, Math.min(was.at, was.announce * EASY_ANNOUNCE_FACTOR)));
      expect(e.announce).toBeLessThanOrEqual(Math.max(was.announce, e.at));
    }
    expect(easy.events.some((e, i) => e.announce > level.events[i]!.announce)).toBe(true);
    // The level given is left as it was.
    expect(level.budget).toBe(curriculumLevel('tutorial').budget);
  });

  it('hard gives less budget and background failures: the same build is less available', () => {
    const hard = applyDifficulty(level, 'hard');
    expect(level.backgroundFailures).toBe(false);
    expect(hard).toMatchObject({ budget: Math.round(level.budget * HARD_BUDGET_FACTOR * 100) / 100, backgroundFailures: true });
    const normal = simulate(level, plan).result;
    const harder = simulate(hard, plan).result;
    expect(harder.availability).toBeLessThan(normal.availability);
    expect(harder.failed['node-down']).toBeGreaterThan(normal.failed['node-down']);
  });

  it('parses the words people type, and names a wrong one with the choices', () => {
    expect(parseDifficulty(' Hard ')).toBe('hard');
    expect(parseDifficulty('brutal')).toEqual({ error: '--difficulty: expected one of easy, normal, hard, got "brutal"' });
  });
});
