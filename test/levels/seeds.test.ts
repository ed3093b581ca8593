import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verdictProblem, verdicts } from '../helpers/level-verdicts.js';

/** Seeds every verdict must hold on besides the level's own (`npm run verdicts` checks 1-10). */
const SEEDS = [1, 2, 3, 4, 5];

const withPlans = [...new Set(readdirSync(new URL('../../levels/plans/', import.meta.url)).filter((f) => f.endsWith('.naive.json')).map((f) => f.replace(/\.naive\.json$/, '')))].sort();

describe('a level teaches on any seed, not only its own', () => {
  it.each(withPlans)('%s: the reference passes and the naive plan fails on seeds 1-5', (id) => {
    expect(verdicts(id, SEEDS).map(verdictProblem).filter(Boolean)).toEqual([]);
  });
});
