import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffMs } from '../../client/backoff.js';

describe('backoffMs', () => {
  it('waits 100 ms first and doubles up to 5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffMs(a, () => 0))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, BACKOFF_MAX_MS]);
  });

  it('draws up to a fifth off each wait, so clients dropped together come back apart', () => {
    expect(backoffMs(0, () => 1)).toBe(80);
    expect(backoffMs(10, () => 0.5)).toBe(4500);
  });
});
