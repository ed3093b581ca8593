import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  admit,
  aggregateRateLimit,
  createRateLimitState,
  type RateLimitAlgorithm,
  type RateLimitConfig,
} from '../../../shared/sim/rate-limit.js';
import type { RateLimitState } from '../../../shared/state.js';

const DT = 0.1;

function limiter(algorithm: RateLimitAlgorithm, ratePerSecond = 100, burst = 200, windowSeconds = 1): RateLimitConfig {
  return { algorithm, ratePerSecond, burst, windowSeconds };
}

/** Runs offered counts through a limiter from tick `firstTick`, returning admitted per tick. */
function run(config: RateLimitConfig, offered: number[], state = createRateLimitState(config), firstTick = 0): number[] {
  return offered.map((count, i) => admit(state, config, count, DT, firstTick + i));
}

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const ALGORITHMS: RateLimitAlgorithm[] = ['token-bucket', 'fixed-window', 'sliding-window'];

describe('token bucket', () => {
  it('admits the bucket plus the refill: 700 of 5000 at 100/s, size 200, over 5 s', () => {
    const admitted = sum(run(limiter('token-bucket'), new Array<number>(50).fill(100)));
    expect(Math.abs(admitted - 700)).toBeLessThanOrEqual(100 * DT);
  });

  it('refills during idle ticks', () => {
    const config = limiter('token-bucket');
    const state = createRateLimitState(config);
    run(config, [1000], state, 0);
    expect(state.tokens).toBe(0);
    run(config, [0, 0, 0, 0, 0], state, 1);
    expect(run(config, [1000], state, 6)[0]).toBeCloseTo(60, 9);
  });

  it('never holds more than its size', () => {
    const config = limiter('token-bucket');
    const state = createRateLimitState(config);
    run(config, new Array<number>(100).fill(0), state);
    expect(state.tokens).toBe(200);
  });
});

describe('window limiters around a boundary', () => {
  // 1000 requests in each of the last tick of window 0 and the first of window 1.
  const straddlingBurst = [...new Array<number>(9).fill(0), 1000, 1000];

  it('fixed window lets twice the limit through a burst straddling the boundary', () => {
    expect(sum(run(limiter('fixed-window'), straddlingBurst))).toBeCloseTo(200, 9);
  });

  it('sliding window holds the same burst to the limit plus one tick of rate', () => {
    expect(sum(run(limiter('sliding-window'), straddlingBurst))).toBeLessThanOrEqual(100 + 100 * DT + 1e-9);
  });

  it('sliding window keeps every trailing window within the limit under sustained overload', () => {
    const admitted = run(limiter('sliding-window'), new Array<number>(100).fill(500));
    for (let end = 10; end <= admitted.length; end++) {
      expect(sum(admitted.slice(end - 10, end))).toBeLessThanOrEqual(100 + 1e-9);
    }
    // It throttles to the limit, not below it.
    expect(sum(admitted.slice(-10))).toBeCloseTo(100, 6);
  });

  it('resets fixed windows on tick boundaries even when the window is not a float multiple of dt', () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floating point; windows must still be 3 ticks.
    const admitted = run(limiter('fixed-window', 100, 0, 0.3), new Array<number>(9).fill(1000));
    expect(admitted.map((x) => Math.round(x))).toEqual([30, 0, 0, 30, 0, 0, 30, 0, 0]);
  });

  it('forgets the previous window after an idle gap of more than a window', () => {
    const config = limiter('sliding-window');
    const state = createRateLimitState(config);
    run(config, [1000], state, 9);
    // Window 0 was full, but window 3 only looks back at the empty window 2.
    expect(run(config, [1000], state, 30)[0]).toBeCloseTo(100, 9);
  });
});

describe('every algorithm', () => {
  it.each(ALGORITHMS)('%s admits a flow below the limit in full', (algorithm) => {
    const offered = new Array<number>(100).fill(9.5);
    const admitted = run(limiter(algorithm, 100, 10), offered);
    expect(sum(admitted)).toBeCloseTo(sum(offered), 9);
  });

  it.each(ALGORITHMS)('%s resumes identically from a JSON copy of its state', (algorithm) => {
    const config = limiter(algorithm);
    const offered = [50, 300, 7.5, 0, 120, 80, 400, 1, 2, 3, 90, 200, 10, 0, 500];
    const state = createRateLimitState(config);
    run(config, offered.slice(0, 7), state, 0);
    const copy = JSON.parse(JSON.stringify(state)) as RateLimitState;
    expect(run(config, offered.slice(7), copy, 7)).toEqual(run(config, offered.slice(7), state, 7));
  });

  it.each(ALGORITHMS)('%s on n clients admits what the aggregate limiter admits', (algorithm) => {
    const perClient = limiter(algorithm, 5, 8, 2);
    const clients = 7;
    const offered = [10, 80, 80, 0, 3, 200, 200, 200, 5, 0, 0, 60, 70, 300, 1, 40, 40, 40, 40, 40, 40, 40];
    const aggregate = run(aggregateRateLimit(perClient, clients), offered);
    const states = Array.from({ length: clients }, () => createRateLimitState(perClient));
    const perClientTotal = offered.map((count, tick) =>
      sum(states.map((s) => admit(s, perClient, count / clients, DT, tick))),
    );
    perClientTotal.forEach((x, i) => expect(x).toBeCloseTo(aggregate[i] ?? NaN, 9));
  });

  it('never admits more than offered nor a negative amount', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALGORITHMS),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.constantFrom(0.01, 0.1, 0.25, 1),
        fc.array(fc.double({ min: -10, max: 1e7, noNaN: true }), { maxLength: 60 }),
        (algorithm, ratePerSecond, burst, windowSeconds, dt, offered) => {
          const config: RateLimitConfig = { algorithm, ratePerSecond, burst, windowSeconds };
          const state = createRateLimitState(config);
          offered.forEach((count, tick) => {
            const admitted = admit(state, config, count, dt, tick);
            expect(admitted).toBeGreaterThanOrEqual(0);
            expect(admitted).toBeLessThanOrEqual(Math.max(0, count));
          });
        },
      ),
    );
  });
});
