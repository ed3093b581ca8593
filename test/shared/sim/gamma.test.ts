import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gammaCdf, logGamma, probWithin } from '../../../shared/sim/gamma.js';

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [0.5, 0.5 * Math.log(Math.PI)],
    [0.001, 6.907178885383853],
    [171, 706.5730622457874],
  ])('matches ln Gamma(%d)', (z, expected) => {
    expect(logGamma(z)).toBeCloseTo(expected, 10);
  });
});

describe('gammaCdf', () => {
  it.each([0.01, 0.5, 1, 2, 7, 20])('reduces to 1 - e^(-x/scale) at shape 1 (x = %d)', (x) => {
    expect(gammaCdf(x, 1, 2)).toBeCloseTo(1 - Math.exp(-x / 2), 13);
  });

  // Chi-square with k degrees of freedom is Gamma(k/2, 2); x are the 95th and 99th percentiles.
  it.each([
    [1, 3.841458820694124, 0.95],
    [1, 6.6348966010212145, 0.99],
    [2, 5.991464547107979, 0.95],
    [10, 18.307038053275146, 0.95],
    [10, 23.209251158954356, 0.99],
    [30, 43.77297182574219, 0.95],
    [100, 124.34211340400407, 0.95],
  ])('matches the chi-square table for k = %d at x = %d', (k, x, p) => {
    expect(gammaCdf(x, k / 2, 2)).toBeCloseTo(p, 10);
  });

  it('keeps relative accuracy in the upper tail where nines are counted', () => {
    // Q(2, x) = e^-x (1 + x) exactly.
    const x = 16;
    const exactMiss = Math.exp(-x) * (1 + x);
    const miss = 1 - gammaCdf(x, 2, 1);
    expect(Math.abs(miss / exactMiss - 1)).toBeLessThan(1e-6);
  });

  it.each([
    [0.001, 1e-5, 0.9891230446957835],
    [0.5, 0.001, 0.035670591729679894],
    [0.3, 1.5, 0.9578905367041106],
    [3, 200, 1],
  ])('matches reference values at small shapes and far tails (shape %d, x %d)', (shape, x, p) => {
    expect(gammaCdf(x, shape, 1)).toBeCloseTo(p, 11);
  });

  it.each([
    [20000, 19700, 0.01659981596902386],
    [20000, 20500, 0.9997749719643576],
    [1e6, 1e6, 0.5001329807608725],
  ])('stays accurate past the large-shape cutoff (shape %d, x %d)', (shape, x, p) => {
    expect(Math.abs(gammaCdf(x, shape, 1) - p)).toBeLessThan(1e-6);
  });

  it('is 0 at and below zero and 1 at infinity', () => {
    expect(gammaCdf(0, 3, 1)).toBe(0);
    expect(gammaCdf(-1, 3, 1)).toBe(0);
    expect(gammaCdf(Infinity, 3, 1)).toBe(1);
  });

  it('never returns NaN and never decreases in x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
        (x1, x2, shape) => {
          const lo = gammaCdf(Math.min(x1, x2), shape, 1);
          const hi = gammaCdf(Math.max(x1, x2), shape, 1);
          expect(lo).toBeGreaterThanOrEqual(0);
          expect(hi).toBeLessThanOrEqual(1);
          expect(hi).toBeGreaterThanOrEqual(lo - 1e-12);
        },
      ),
    );
  });
});

describe('probWithin', () => {
  it('fits an exponential when the variance is the mean squared', () => {
    expect(probWithin(3, 2, 4)).toBeCloseTo(1 - Math.exp(-1.5), 12);
  });

  it('fits the Gamma with matching mean and variance', () => {
    // mean 10, variance 20 is shape 5, scale 2, the chi-square with 10 degrees of freedom.
    expect(probWithin(18.307038053275146, 10, 20)).toBeCloseTo(0.95, 10);
  });

  it('treats zero variance as a step at the mean', () => {
    expect(probWithin(0.999, 1, 0)).toBe(0);
    expect(probWithin(1, 1, 0)).toBe(1);
    expect(probWithin(5, 1, 0)).toBe(1);
  });

  it('treats a zero mean as always within any non-negative limit', () => {
    expect(probWithin(0, 0, 0)).toBe(1);
    expect(probWithin(0, 0, 3)).toBe(1);
  });

  it('is 0 for a negative limit and for a zero limit with a positive mean', () => {
    expect(probWithin(-1, 0, 0)).toBe(0);
    expect(probWithin(0, 1, 1)).toBe(0);
  });

  it('degrades to a step instead of NaN when the shape overflows', () => {
    expect(probWithin(1.01, 1, 1e-320)).toBe(1);
    expect(probWithin(0.99, 1, 1e-320)).toBe(0);
    expect(probWithin(2e200, 1e200, 1e-200)).toBe(1);
    expect(probWithin(1e199, 1e200, 1e-200)).toBe(0);
  });

  it('never returns NaN or leaves [0, 1], and never decreases in the limit', () => {
    const anyDouble = fc.double({ noNaN: false });
    fc.assert(
      fc.property(anyDouble, anyDouble, anyDouble, (limit, mean, variance) => {
        const p = probWithin(limit, mean, variance);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        (l1, l2, mean, variance) => {
          const lo = probWithin(Math.min(l1, l2), mean, variance);
          const hi = probWithin(Math.max(l1, l2), mean, variance);
          expect(hi).toBeGreaterThanOrEqual(lo - 1e-12);
        },
      ),
    );
  });
});
