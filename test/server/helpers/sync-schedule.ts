import { expect } from 'vitest';
import { DEFAULTS } from '../../../server/limits.js';

/**
 * A player's syncs from `first` to `last` (the round's first or a latecomer's, and the round's end):
 * one every SYNC_EVERY_TICKS in between, at the player's own phase of the period.
 */
export function expectSyncEvery(ticks: readonly number[], first: number, last: number): void {
  expect(ticks[0]).toBe(first);
  expect(ticks.at(-1)).toBe(last);
  const gaps = ticks.slice(1).map((t, i) => t - ticks[i]!);
  expect(gaps.slice(1, -1).every((g) => g === DEFAULTS.SYNC_EVERY_TICKS)).toBe(true);
  expect(Math.max(gaps[0]!, gaps.at(-1)!)).toBeLessThanOrEqual(DEFAULTS.SYNC_EVERY_TICKS);
  expect(Math.min(gaps[0]!, gaps.at(-1)!)).toBeGreaterThan(0);
}
