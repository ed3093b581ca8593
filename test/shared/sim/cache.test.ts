import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ZIPF_EXACT_RANKS,
  hotShareOfTop,
  lruHitRatio,
  staleReadProbability,
  ttlHitRatio,
  zipf,
} from '../../../shared/sim/cache.js';

const N = 100_000;

/** Exact Zipf probabilities of every key, rank 1 first. */
function exactProbabilities(alpha: number, keys: number): Float64Array {
  const p = new Float64Array(keys);
  let total = 0;
  for (let i = 0; i < keys; i++) {
    p[i] = Math.pow(i + 1, -alpha);
    total += p[i] as number;
  }
  for (let i = 0; i < keys; i++) p[i] = (p[i] as number) / total;
  return p;
}

/** Che hit ratio summed over every key, solved by bisection on ln t. */
function exactChe(p: Float64Array, capacity: number): number {
  let lo = Math.log(capacity);
  let hi = lo + 40;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    const t = Math.exp(mid);
    let occupancy = 0;
    for (const q of p) occupancy += 1 - Math.exp(-q * t);
    if (occupancy < capacity) lo = mid;
    else hi = mid;
  }
  const t = Math.exp(lo);
  let hit = 0;
  for (const q of p) hit += q * (1 - Math.exp(-q * t));
  return hit;
}

function exactTtl(p: Float64Array, requestsPerTtl: number): number {
  let hit = 0;
  for (const q of p) hit += (q * q * requestsPerTtl) / (1 + q * requestsPerTtl);
  return hit;
}

function exactStale(p: Float64Array, writesPerLag: number): number {
  let stale = 0;
  for (const q of p) stale += q * (1 - Math.exp(-q * writesPerLag));
  return stale;
}

const relativeError = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('zipf', () => {
  it.each([1, 49, 50, 51, 777, N, 1e8])('accounts for all %d keys and all probability', (keys) => {
    const z = zipf(0.9, keys);
    let count = 0;
    let mass = 0;
    for (let b = 0; b < z.size; b++) {
      count += z.keyCount[b] ?? 0;
      mass += (z.keyCount[b] ?? 0) * (z.meanP[b] ?? 0);
    }
    expect(count).toBe(keys);
    expect(mass).toBeCloseTo(1, 12);
  });

  it('keeps the most popular ranks individually with their exact probability', () => {
    const z = zipf(0.8, N);
    const exact = exactProbabilities(0.8, N);
    for (let rank = 1; rank <= ZIPF_EXACT_RANKS; rank++) {
      expect(z.keyCount[rank - 1]).toBe(1);
      expect(z.firstRank[rank - 1]).toBe(rank);
      expect(relativeError(z.meanP[rank - 1] ?? NaN, exact[rank - 1] ?? NaN)).toBeLessThan(1e-9);
    }
  });

  it('stays near 200 buckets however many keys there are', () => {
    expect(zipf(1, 1e8).size).toBeLessThanOrEqual(200);
    expect(zipf(1, N).size).toBeLessThanOrEqual(200);
  });

  it('orders buckets by falling popularity', () => {
    const z = zipf(1.2, 1e7);
    for (let b = 1; b < z.size; b++) expect(z.meanP[b]).toBeLessThan(z.meanP[b - 1] ?? NaN);
  });

  it('builds each (alpha, N) once', () => {
    expect(zipf(0.7, 12345)).toBe(zipf(0.7, 12345));
  });

  it('rejects a negative alpha and a non-integer or empty key space', () => {
    expect(() => zipf(-0.1, 10)).toThrow(RangeError);
    expect(() => zipf(1, 0)).toThrow(RangeError);
    expect(() => zipf(1, 10.5)).toThrow(RangeError);
  });
});

describe('lruHitRatio', () => {
  it.each([
    [0.8, 100, 0.0678],
    [0.8, 1_000, 0.2043],
    [0.8, 10_000, 0.4687],
    [1.0, 100, 0.2898],
    [1.0, 1_000, 0.5062],
    [1.0, 10_000, 0.7373],
  ])('reproduces the Che reference for alpha %d, capacity %d over 100,000 keys', (alpha, capacity, expected) => {
    expect(relativeError(lruHitRatio(alpha, N, capacity), expected)).toBeLessThan(0.02);
  });

  it.each([
    [0.8, 1_000],
    [1.0, 10_000],
    [0.5, 50_000],
  ])('matches the Che sum over every key (alpha %d, capacity %d)', (alpha, capacity) => {
    const exact = exactChe(exactProbabilities(alpha, N), capacity);
    expect(relativeError(lruHitRatio(alpha, N, capacity), exact)).toBeLessThan(0.005);
  });

  it('is capacity / N under uniform popularity', () => {
    expect(lruHitRatio(0, 1e6, 250_000)).toBeCloseTo(0.25, 9);
  });

  it('is 1 when every key fits and 0 with no capacity', () => {
    expect(lruHitRatio(0.8, N, N)).toBe(1);
    expect(lruHitRatio(0.8, N, 2 * N)).toBe(1);
    expect(lruHitRatio(0.8, N, 0)).toBe(0);
  });

  it('grows with capacity even for 10^8 keys', () => {
    const capacities = [1, 10, 1e3, 1e5, 1e7, 9e7, 1e8 - 1];
    const hits = capacities.map((c) => lruHitRatio(0.9, 1e8, c));
    for (let i = 1; i < hits.length; i++) expect(hits[i]).toBeGreaterThan(hits[i - 1] ?? NaN);
    expect(hits[hits.length - 1]).toBeLessThan(1);
  });
});

describe('ttlHitRatio', () => {
  it.each([
    [1, 0.166],
    [10, 0.364],
    [60, 0.591],
    [300, 0.808],
  ])('reproduces the reference at 1000 req/s, alpha 0.8, TTL %d s', (ttl, expected) => {
    expect(relativeError(ttlHitRatio(0.8, N, 1000, ttl), expected)).toBeLessThan(0.02);
  });

  it('stays within the documented quantisation error of the sum over every key', () => {
    const p = exactProbabilities(0.8, N);
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1e7, noNaN: true }), (requestsPerTtl) => {
        const exact = exactTtl(p, requestsPerTtl);
        expect(Math.abs(ttlHitRatio(0.8, N, requestsPerTtl, 1) - exact)).toBeLessThan(6.2e-4 + 0.001 * exact);
      }),
      { numRuns: 20 },
    );
  });

  it('matches the sum over every key within 0.5% at the reference points', () => {
    const p = exactProbabilities(0.8, N);
    for (const ttl of [1, 10, 60, 300]) {
      expect(relativeError(ttlHitRatio(0.8, N, 1000, ttl), exactTtl(p, 1000 * ttl))).toBeLessThan(0.005);
    }
  });

  it('depends on rate and TTL only through their product', () => {
    expect(ttlHitRatio(1, N, 500, 4)).toBe(ttlHitRatio(1, N, 2000, 1));
  });

  it('never falls as the rate rises', () => {
    let previous = 0;
    for (let rate = 1; rate < 1e6; rate *= 1.0031) {
      const hit = ttlHitRatio(0.9, N, rate, 1);
      expect(hit).toBeGreaterThanOrEqual(previous);
      previous = hit;
    }
  });

  it('is 0 with no traffic or no TTL', () => {
    expect(ttlHitRatio(0.8, N, 0, 10)).toBe(0);
    expect(ttlHitRatio(0.8, N, 1000, 0)).toBe(0);
  });
});

describe('staleReadProbability', () => {
  it.each([0.5, 20, 3_000, 400_000])('matches the sum over every key for %d writes per lag', (writesPerLag) => {
    const exact = exactStale(exactProbabilities(1.1, N), writesPerLag);
    const actual = staleReadProbability(1.1, N, writesPerLag * 4, 0.25);
    expect(Math.abs(actual - exact)).toBeLessThan(9.2e-4 + 0.001 * exact);
  });

  it('is 1 - e^(-w lag / N) under uniform popularity', () => {
    // Chosen on the quantisation grid so the comparison is exact up to rounding.
    const writesPerLag = Math.pow(1.005, 1500);
    expect(staleReadProbability(0, N, writesPerLag, 1)).toBeCloseTo(1 - Math.exp(-writesPerLag / N), 9);
  });

  it('is 0 without writes or lag', () => {
    expect(staleReadProbability(1, N, 0, 1)).toBe(0);
    expect(staleReadProbability(1, N, 100, 0)).toBe(0);
  });
});

describe('hotShareOfTop', () => {
  it.each([1, 10, 50, 51, 77, 1_000, 54_321, 99_999])('matches the exact share of the top %d keys', (k) => {
    const p = exactProbabilities(0.8, N);
    let exact = 0;
    for (let i = 0; i < k; i++) exact += p[i] ?? NaN;
    expect(relativeError(hotShareOfTop(0.8, N, k), exact)).toBeLessThan(1e-6);
  });

  it('is k / N under uniform popularity', () => {
    expect(hotShareOfTop(0, 1e8, 2.5e7)).toBeCloseTo(0.25, 9);
  });

  it('is 0 for no keys and 1 for all of them', () => {
    expect(hotShareOfTop(1, N, 0)).toBe(0);
    expect(hotShareOfTop(1, N, N)).toBe(1);
  });
});
