// The exact transient law of an M/M/c/K queue, for holding the simulation to: the Kolmogorov forward
// equations of its birth-death chain, p' = p Q, solved by uniformization. With Lambda >= every
// state's total rate, U = I + Q / Lambda is a stochastic matrix and
//   p(t + h) = sum_k e^(-Lambda h) (Lambda h)^k / k! p(t) U^k,
// a sum of non-negative terms (no cancellation), truncated once the Poisson weights left are below
// the tolerance. Each U-product is O(K) for a birth-death chain.

/** Poisson mass left out of each uniformization step. */
const TAIL = 1e-13;
/** Largest Lambda h per step: e^(-Lambda h) stays far from underflow. */
const MAX_STEP_RATE = 200;

export interface Chain {
  /** Servers. */
  c: number;
  /** Total capacity, those in service included. */
  K: number;
  /** Service rate of one server, per second. */
  mu: number;
}

/** Probability vector of an empty queue (or of exactly n inside). */
export function pointMass(K: number, n = 0): Float64Array {
  const p = new Float64Array(K + 1);
  p[n] = 1;
  return p;
}

/** p U, with U = I + Q / Lambda for arrival rate lambda. */
function applyU(chain: Chain, lambda: number, Lambda: number, p: Float64Array, out: Float64Array): void {
  const { c, K, mu } = chain;
  out.fill(0);
  for (let n = 0; n <= K; n++) {
    const pn = p[n]!;
    if (pn === 0) continue;
    const up = n < K ? lambda / Lambda : 0;
    const down = (mu * Math.min(n, c)) / Lambda;
    out[n]! += pn * (1 - up - down);
    if (up > 0) out[n + 1]! += pn * up;
    if (down > 0) out[n - 1]! += pn * down;
  }
}

/** The law after `seconds` more at arrival rate lambda, from law p (not modified). */
export function evolve(chain: Chain, lambda: number, p: Float64Array, seconds: number): Float64Array {
  const Lambda = lambda + chain.mu * chain.c;
  const steps = Math.max(1, Math.ceil((Lambda * seconds) / MAX_STEP_RATE));
  const h = seconds / steps;
  let cur = Float64Array.from(p);
  const term = new Float64Array(p.length);
  const next = new Float64Array(p.length);
  for (let s = 0; s < steps; s++) {
    const x = Lambda * h;
    const acc = new Float64Array(p.length);
    term.set(cur);
    let w = Math.exp(-x);
    let left = 1 - w;
    for (let i = 0; i < acc.length; i++) acc[i] = w * term[i]!;
    for (let k = 1; left > TAIL; k++) {
      applyU(chain, lambda, Lambda, term, next);
      term.set(next);
      w *= x / k;
      left -= w;
      for (let i = 0; i < acc.length; i++) acc[i]! += w * term[i]!;
      if (k > 10 * x + 100) break;
    }
    cur = acc;
  }
  return cur;
}

export function mean(p: Float64Array): number {
  let m = 0;
  for (let n = 0; n < p.length; n++) m += n * p[n]!;
  return m;
}

/** Blocking probability: the mass at K. */
export function full(p: Float64Array): number {
  return p[p.length - 1]!;
}

/**
 * E[N] at each of `times` (seconds, increasing) under a piecewise-constant arrival rate, from law p0.
 * `lambdaAt(t)` is the rate in force just after t; it may change only at the given `times`.
 */
export function meanPath(chain: Chain, lambdaAt: (t: number) => number, times: readonly number[], p0: Float64Array): number[] {
  const out: number[] = [];
  let p = p0;
  let t = 0;
  for (const next of times) {
    if (next > t) p = evolve(chain, lambdaAt(t), p, next - t);
    t = next;
    out.push(mean(p));
  }
  return out;
}
