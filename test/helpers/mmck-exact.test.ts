import { describe, expect, it } from 'vitest';
import { evolve, full, mean, meanPath, pointMass, type Chain } from './mmck-exact.js';

/** The stationary law of M/M/c/K by its product form: p(n) proportional to prod of lambda / (mu min(k, c)). */
function stationary({ c, K, mu }: Chain, lambda: number): number[] {
  const w = [1];
  for (let n = 1; n <= K; n++) w.push(w[n - 1]! * (lambda / (mu * Math.min(n, c))));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

// The exact transient reference that queue-transient tests of the simulation are to be held to:
// checked here against what is known in closed form.
describe('the exact M/M/c/K reference (uniformized forward equations)', () => {
  it('keeps a probability law: non-negative, summing to 1', () => {
    const p = evolve({ c: 2, K: 30, mu: 10 }, 18, pointMass(30), 7.3);
    expect(Math.min(...p)).toBeGreaterThanOrEqual(0);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it.each([
    { c: 1, K: 40, mu: 10, lambda: 8 },
    { c: 4, K: 12, mu: 5, lambda: 30 },
    { c: 8, K: 60, mu: 2, lambda: 15 },
  ])('settles on the product-form stationary law: c=$c K=$K', (q) => {
    const p = evolve(q, q.lambda, pointMass(q.K), 3000 / q.mu);
    const exact = stationary(q, q.lambda);
    for (let n = 0; n <= q.K; n++) expect(Math.abs(p[n]! - exact[n]!)).toBeLessThan(1e-9);
    expect(full(p)).toBeCloseTo(exact[q.K]!, 9);
  });

  it('follows the infinite-server mean from empty, (lambda / mu)(1 - e^(-mu t)), where servers never run out', () => {
    const chain = { c: 200, K: 200, mu: 4 };
    const times = [0.05, 0.1, 0.25, 0.5, 1, 2];
    const path = meanPath(chain, () => 40, times, pointMass(200));
    times.forEach((t, i) => expect(path[i]!).toBeCloseTo((40 / 4) * (1 - Math.exp(-4 * t)), 9));
  });

  it('an M/M/1 from empty is below its stationary mean and rises to it', () => {
    const chain = { c: 1, K: 200, mu: 10 };
    const path = meanPath(chain, () => 9, [1, 5, 20, 1500], pointMass(200));
    const steady = mean(Float64Array.from(stationary(chain, 9)));
    for (let i = 1; i < path.length; i++) expect(path[i]!).toBeGreaterThan(path[i - 1]!);
    expect(path[0]!).toBeLessThan(steady);
    expect(path.at(-1)!).toBeCloseTo(steady, 6);
  });
});
