// Gamma distribution CDF, used to turn a latency's mean and variance into the
// probability of meeting a latency objective. A Gamma is the two-moment fit
// that stays on [0, inf) and reduces to the exponential of an M/M/1 sojourn.

/** Relative size of the last term at which the series and continued fraction stop; gives ~1e-11 relative accuracy at a third less cost than 1e-15. */
const GAMMA_EPSILON = 1e-12;

/** Iteration cap for series and continued fraction; below the large-shape cutoff they need about 8*sqrt(shape). */
const GAMMA_MAX_ITERATIONS = 1000;

/**
 * Shape above which the Wilson-Hilferty normal approximation replaces the exact
 * expansions: its error there is under 6e-7 absolute and 0.12% relative on
 * tails down to 1e-9, while the exact expansions would need 800+ iterations.
 */
const GAMMA_LARGE_SHAPE = 1e4;

// Smallest magnitude the Lentz recurrence lets a denominator reach.
const TINY = 1e-300;

// Lanczos approximation, g = 7, n = 9: about 15 significant digits.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
] as const;
const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Gamma(z) for z > 0. */
export function logGamma(z: number): number {
  if (z < 0.5) {
    // Reflection keeps the Lanczos sum in its accurate range for tiny shapes.
    return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  }
  const x = z - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (x + i);
  const t = x + LANCZOS_G + 0.5;
  return HALF_LN_TWO_PI + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * Standard normal CDF via the Chebyshev-fitted erfc of Numerical Recipes,
 * whose relative error (< 1.2e-7) holds far into the tails.
 */
function normalCdf(z: number): number {
  const x = -z * Math.SQRT1_2;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const erfcAbs =
    t *
    Math.exp(
      -ax * ax -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfc = x >= 0 ? erfcAbs : 2 - erfcAbs;
  return 0.5 * erfc;
}

/** Regularized lower incomplete gamma P(a, x) for a > 0, 0 < x < inf. */
function regularizedLowerGamma(a: number, x: number): number {
  if (a > GAMMA_LARGE_SHAPE) {
    const z = 3 * Math.sqrt(a) * (Math.cbrt(x / a) - 1 + 1 / (9 * a));
    return normalCdf(z);
  }
  // Prefactor x^a e^-x / Gamma(a) in log space: each factor alone can overflow.
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    let ap = a;
    for (let i = 0; i < GAMMA_MAX_ITERATIONS; i++) {
      ap += 1;
      term *= x / ap;
      sum += term;
      if (term < sum * GAMMA_EPSILON) break;
    }
    const p = Math.exp(logPrefactor + Math.log(sum));
    return p < 1 ? p : 1;
  }
  // Modified Lentz evaluation of the continued fraction for Q(a, x).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= GAMMA_MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < GAMMA_EPSILON) break;
  }
  const q = Math.exp(logPrefactor) * h;
  return q > 0 ? 1 - q : 1;
}

/**
 * P(X <= x) for X ~ Gamma(shape, scale). A non-positive shape or scale is the
 * point mass at 0; NaN inputs give 0.
 */
export function gammaCdf(x: number, shape: number, scale: number): number {
  if (!(x > 0)) return 0;
  if (Number.isNaN(shape) || Number.isNaN(scale)) return 0;
  if (shape <= 0 || scale <= 0) return 1;
  const y = x / scale;
  if (y === Infinity) return 1;
  if (shape === Infinity) return 0;
  return regularizedLowerGamma(shape, y);
}

/**
 * Probability that a non-negative quantity with the given mean and variance is
 * at most `limit`, under a Gamma fit of those two moments. Zero variance is a
 * step at the mean, a non-positive mean is a quantity that is always 0, and
 * NaN anywhere gives 0 so that garbage never reads as meeting an objective.
 */
export function probWithin(limit: number, mean: number, variance: number): number {
  if (Number.isNaN(limit) || Number.isNaN(mean) || Number.isNaN(variance)) return 0;
  if (limit < 0) return 0;
  if (mean <= 0) return 1;
  if (limit === Infinity) return 1;
  if (mean === Infinity) return 0;
  if (variance <= 0) return limit >= mean ? 1 : 0;
  if (limit === 0) return 0;
  // shape * x/scale written to avoid overflow of mean^2 and limit*mean.
  const shape = (mean / variance) * mean;
  const y = (limit / variance) * mean;
  if (shape === Infinity || y === Infinity || shape === 0) {
    // A variance negligible (or overwhelming) next to the mean: the fit degenerates to a step.
    return shape === 0 ? 1 : limit >= mean ? 1 : 0;
  }
  return regularizedLowerGamma(shape, y);
}
