// Queueing-theory kernel for the simulator.
//
// Notation throughout: c servers, mean service time S, mu = 1/S, arrival rate
// lambda, offered load a = lambda/mu, per-server load rho = a/c. The exact
// formulas (Erlang B/C, M/M/c, M/M/c/K) serve two purposes: they are the
// reference the tests hold the simulation to, and M/M/c/K is tabulated once
// per (c, K) so that the per-tick fluid step is a table lookup.

/** Largest equivalent load r = lambda/(c mu) the step table covers; past it under 0.1% of arrivals get in, so saturating changes little. */
export const TABLE_MAX_LOAD = 1000;

/** Smallest nonzero load in the table; below it L(r) is linear to within 1e-6 relative. */
const TABLE_MIN_LOAD = 1e-6;

/** Ratio between neighbouring grid spacings; caps linear-interpolation error of L at about (ratio - 1)^2 / 4. */
const GRID_RATIO = 1.03;

/** Widest half-width of the uniformly spaced core of the grid around r = 1. */
const GRID_CORE_MAX_HALF_WIDTH = 0.01;

// Below these magnitudes the closed forms lose digits to cancellation, so the
// Taylor series is used instead (its truncation error there is < 1e-19).
const BETA_SERIES_LIMIT = 1e-3;
const BETA_PRIME_SERIES_LIMIT = 1e-2;

/** Erlang B blocking probability of an M/M/c/c loss system with offered load a. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C probability that an arrival must wait in M/M/c; 1 when the queue is unstable. */
export function erlangC(c: number, a: number): number {
  const rho = a / c;
  if (rho >= 1) return 1;
  const b = erlangB(c, a);
  return b / (1 - rho * (1 - b));
}

interface MmcResult {
  /** Per-server utilisation lambda / (c mu). */
  readonly rho: number;
  /** Probability of waiting (Erlang C). */
  readonly C: number;
  /** Mean wait in queue. */
  readonly Wq: number;
  /** Mean response time (wait + service). */
  readonly T: number;
  /** Mean number waiting. */
  readonly Lq: number;
  /** Mean number in system. */
  readonly L: number;
  /** Variance of the response time. */
  readonly varT: number;
}

/** Stationary M/M/c measures; times and lengths are Infinity when rho >= 1. */
export function mmc(c: number, lambda: number, mu: number): MmcResult {
  const rho = lambda / (c * mu);
  if (rho >= 1) {
    return { rho, C: 1, Wq: Infinity, T: Infinity, Lq: Infinity, L: Infinity, varT: Infinity };
  }
  const C = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  const s = 1 / mu;
  const Wq = C / theta;
  const T = Wq + s;
  // The wait is 0 w.p. 1-C and Exp(theta) w.p. C, independent of the service.
  const varT = (2 * C) / (theta * theta) - (C / theta) ** 2 + s * s;
  return { rho, C, Wq, T, Lq: lambda * Wq, L: lambda * T, varT };
}

/** M/M/c response-time tail P(T > t); 1 when the queue is unstable. */
export function mmcTail(c: number, lambda: number, mu: number, t: number): number {
  if (lambda >= c * mu || t <= 0) return 1;
  const C = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  // (mu e^(-theta t) - theta e^(-mu t)) / (mu - theta) rewritten as
  // e^(-mu t) + mu (e^(-theta t) - e^(-mu t)) / (mu - theta), whose second
  // term is factored around the smaller rate so it neither cancels as
  // theta -> mu nor overflows when the rates are far apart.
  const gap = Math.abs(mu - theta) * t;
  const spread = gap === 0 ? 1 : -Math.expm1(-gap) / gap;
  return Math.exp(-mu * t) + C * mu * t * Math.exp(-Math.min(mu, theta) * t) * spread;
}

interface MmckResult {
  /** Blocking probability: the fraction of arrivals that find all K places taken. */
  readonly pK: number;
  /** Mean number in system. */
  readonly L: number;
  /** Mean number of busy servers. */
  readonly busy: number;
  /** Admitted (= departing) rate lambda (1 - pK). */
  readonly throughput: number;
  /** Variance of the response time of admitted customers. */
  readonly varT: number;
}

/** Stationary M/M/c/K measures (K = total capacity including those in service), in O(c). */
export function mmck(c: number, K: number, lambda: number, mu: number): MmckResult {
  assertShape(c, K);
  const m = mmckUnit(c, K, lambda / mu);
  return {
    pK: m.pK,
    L: m.L,
    busy: m.busy,
    throughput: lambda * (1 - m.pK),
    varT: m.varT / (mu * mu),
  };
}

interface UnitMmck {
  readonly pK: number;
  readonly L: number;
  readonly busy: number;
  /** Response-time variance in units of S^2. */
  readonly varT: number;
}

// M/M/c/K with mu = 1. States n < c are summed term by term relative to the
// mode of a^n/n! (so every term is <= 1 and none overflows for c up to
// thousands); states n >= c form the geometric run t_c rho^j, j = 0..K-c,
// whose mass and moments have closed forms in u = ln(rho). The two groups are
// combined in log space, so rho^(K-c) never has to be formed.
function mmckUnit(c: number, K: number, a: number): UnitMmck {
  if (a === 0) return { pK: 0, L: 0, busy: 0, varT: 1 };
  const mode = Math.min(c, Math.floor(a));
  let idleMass = mode < c ? 1 : 0;
  let idleFirstMoment = mode < c ? mode : 0;
  let term = 1;
  for (let n = mode; n > 0; n--) {
    term *= n / a;
    idleMass += term;
    idleFirstMoment += (n - 1) * term;
  }
  term = 1;
  for (let n = mode + 1; n < c; n++) {
    term *= a / n;
    idleMass += term;
    idleFirstMoment += n * term;
  }
  const termC = mode < c ? (term * a) / c : 1;

  const u = Math.log(a / c);
  const tail = K - c;
  const logTermC = Math.log(termC);
  const logIdle = Math.log(idleMass);
  const logQueued = logTermC + logGeometricSum(u, tail + 1);
  const logWaiting = logTermC + logGeometricSum(u, tail);
  const top = Math.max(logIdle, logQueued);
  const idle = Math.exp(logIdle - top);
  const queued = Math.exp(logQueued - top);
  const total = idle + queued;

  const idleMean = idleMass > 0 ? idleFirstMoment / idleMass : 0;
  const queuedMean = c + geometricMean(u, tail + 1);
  const pK = Math.exp(logTermC + tail * u - top) / total;
  const L = (idle * idleMean + queued * queuedMean) / total;
  const busy = (idle * idleMean + queued * c) / total;
  if (tail === 0) return { pK, L, busy, varT: 1 };

  // An admitted arrival that finds n = c + j (j < K - c) waits for k = j + 1
  // departures at rate c, i.e. an Erlang(k, c) wait, so
  // Var W = E[k]/c^2 + Var(1{wait} k)/c^2 by the law of total variance.
  const waiting = Math.exp(logWaiting - top);
  const pWait = waiting / (idle + waiting);
  const pNoWait = idle / (idle + waiting);
  const kMean = 1 + geometricMean(u, tail);
  const kVar = geometricVariance(u, tail);
  const varWait = (pWait * (kMean + kVar) + pWait * pNoWait * kMean * kMean) / (c * c);
  return { pK, L, busy, varT: 1 + varWait };
}

// ln sum_{j<m} e^(u j), factored around the largest term so it cannot overflow.
function logGeometricSum(u: number, m: number): number {
  if (m === 0) return -Infinity;
  if (u === 0) return Math.log(m);
  if (u > 0) return u * (m - 1) + Math.log(-Math.expm1(-u * m)) - Math.log(-Math.expm1(-u));
  return Math.log(-Math.expm1(u * m)) - Math.log(-Math.expm1(u));
}

// Mean and variance of j under weights e^(u j), j = 0..m-1: the first and
// second derivatives of logGeometricSum in u, written with beta so that
// the 1/u poles cancel analytically instead of numerically near rho = 1.
function geometricMean(u: number, m: number): number {
  return m * beta(m * u) - beta(u);
}

function geometricVariance(u: number, m: number): number {
  return m * m * betaPrime(m * u) - betaPrime(u);
}

// beta(y) = 1/(1 - e^-y) - 1/y: smooth, in (0, 1), beta(0) = 1/2.
function beta(y: number): number {
  if (Math.abs(y) < BETA_SERIES_LIMIT) return 0.5 + y / 12 - (y * y * y) / 720;
  return 1 / -Math.expm1(-y) - 1 / y;
}

// beta'(y) = 1/y^2 - 1/(4 sinh^2(y/2)): smooth, beta'(0) = 1/12.
function betaPrime(y: number): number {
  if (Math.abs(y) < BETA_PRIME_SERIES_LIMIT) {
    const y2 = y * y;
    return 1 / 12 - y2 / 240 + (y2 * y2) / 6048;
  }
  const s = Math.sinh(y / 2);
  return 1 / (y * y) - 1 / (4 * s * s);
}

function assertShape(c: number, K: number): void {
  if (!Number.isInteger(c) || c < 1) throw new RangeError(`servers must be an integer >= 1, got ${c}`);
  if (!Number.isInteger(K) || K < c) throw new RangeError(`capacity must be an integer >= ${c}, got ${K}`);
}

/**
 * M/M/c/K stationary measures tabulated over the equivalent load
 * r = lambda/(c mu) for one (c, K). L, busy and pK do not depend on mu once
 * expressed in r; varT is stored in units of S^2.
 */
export interface QueueTable {
  readonly c: number;
  readonly K: number;
  /** Grid of equivalent loads, strictly increasing from 0 to TABLE_MAX_LOAD. */
  readonly r: Float64Array;
  /** Mean number in system. */
  readonly L: Float64Array;
  /** Mean busy servers divided by c. */
  readonly busyFraction: Float64Array;
  /** Blocking probability. */
  readonly pK: Float64Array;
  /** Response-time variance of admitted customers, in units of S^2. */
  readonly varT: Float64Array;
}

const tables = new Map<string, QueueTable>();

/** The memoized M/M/c/K table for c servers and total capacity K. */
export function queueTable(c: number, K: number): QueueTable {
  const key = `${c}/${K}`;
  const cached = tables.get(key);
  if (cached) return cached;
  assertShape(c, K);
  const r = loadGrid(c, K);
  const L = new Float64Array(r.length);
  const busyFraction = new Float64Array(r.length);
  const pK = new Float64Array(r.length);
  const varT = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const m = mmckUnit(c, K, r[i]! * c);
    // L, pK and the busy share all grow with the load; near saturation rounding can make a value
    // dip by an ulp, which is kept out so that stepQueue's balance is monotone in the grid index.
    const prev = i > 0 ? i - 1 : 0;
    L[i] = Math.max(m.L, L[prev]!);
    busyFraction[i] = Math.min(1, Math.max(m.busy / c, busyFraction[prev]!));
    pK[i] = Math.min(1, Math.max(m.pK, pK[prev]!));
    varT[i] = m.varT;
  }
  const table: QueueTable = { c, K, r, L, busyFraction, pK, varT };
  tables.set(key, table);
  return table;
}

// Linear interpolation of L is accurate when each cell is a small fraction
// of the distance to where L bends. L bends in three places: near r = 0 it
// is ~ c r (so relative accuracy needs cells proportional to r), below 1 it
// grows like 1/(1 - r), above 1 it approaches K like K - 1/(r - 1); and in a
// band of half-width ~ 1/(K - c) around 1 it jumps from the M/M/c value to
// ~ K. So the grid is geometric (ratio GRID_RATIO) in r up to 1/2, geometric
// in 1 - r down to the band, uniform across the band at the spacing the
// geometric parts reach there, and geometric in r - 1 up to TABLE_MAX_LOAD.
// That is ~1040 points for small K, ~1500 for K = 10^5, ~1660 for K = 10^6.
function loadGrid(c: number, K: number): Float64Array {
  const core = Math.min(GRID_CORE_MAX_HALF_WIDTH, 1 / (K - c + 1));
  const step = GRID_RATIO - 1;
  const points = [0];
  for (let r = TABLE_MIN_LOAD; r < 0.5; r *= GRID_RATIO) points.push(r);
  for (let d = 0.5; d > core; d /= GRID_RATIO) points.push(1 - d);
  const coreCells = Math.ceil(2 / step);
  for (let i = 0; i <= coreCells; i++) points.push(1 - core + (2 * core * i) / coreCells);
  for (let d = core * GRID_RATIO; d < TABLE_MAX_LOAD - 1; d *= GRID_RATIO) points.push(1 + d);
  points.push(TABLE_MAX_LOAD);
  return Float64Array.from(points);
}

/** Result of one fluid step; allocate once with createQueueStep and reuse. */
export interface QueueStep {
  /** Mean number in system after the step, in [0, K]. */
  x: number;
  /** Equivalent load: the r at which the stationary M/M/c/K queue holds x on average. */
  r: number;
  /** Rate admitted into the queue during the step. */
  admitted: number;
  /** Rate of completions during the step. */
  served: number;
  /** Rate turned away because the queue was full; admitted + rejected = lambda. */
  rejected: number;
  /** Mean response time by Little's law, x / served (S when nothing is served). */
  meanResponse: number;
  /** Response-time variance of admitted customers at the equivalent load. */
  responseVariance: number;
}

export function createQueueStep(): QueueStep {
  return { x: 0, r: 0, admitted: 0, served: 0, rejected: 0, meanResponse: 0, responseVariance: 0 };
}

/** F at grid point i (see stepQueue): the balance whose root the step solves for, increasing in i. */
function balance(table: QueueTable, i: number, inflow: number, capacity: number, start: number): number {
  return table.L[i]! + inflow * table.pK[i]! + capacity * table.busyFraction[i]! - start;
}

/**
 * Advances the mean queue content x by dt under arrival rate lambda with a
 * pointwise-stationary fluid model, integrated by backward Euler:
 *   x' = L(r'),  x' = x + dt (lambda (1 - pK(r')) - c mu busyFraction(r')).
 * Implicit so that mu dt >> 1 cannot make it oscillate. Writes into out and
 * returns the grid cell of the solution: passed back as `hint` for the same
 * queue's next step, it saves most of the search (the result is the same).
 */
export function stepQueue(
  table: QueueTable,
  x: number,
  lambda: number,
  mu: number,
  dt: number,
  out: QueueStep,
  hint = -1,
): number {
  const { r: grid, L, busyFraction, pK, varT, c, K } = table;
  const inflow = dt * lambda;
  const capacity = dt * c * mu;
  const start = x + inflow;
  // F(r) = L(r) - x - dt (admitted(r) - served(r)) is non-decreasing in the
  // grid index (L, pK and busyFraction all are, and rounding keeps that) and
  // F(0) = -x - dt lambda <= 0, so one grid cell brackets the root; inside it
  // F is linear in the interpolation weight, so the weight is solved for
  // exactly. The cell is unique, so searching from a hint finds the same one.
  let lo = 0;
  let hi = grid.length - 1;
  let fLo = balance(table, lo, inflow, capacity, start);
  let fHi = balance(table, hi, inflow, capacity, start);
  let w: number;
  if (fHi <= 0) {
    // Beyond TABLE_MAX_LOAD: saturate at the last grid point.
    lo = hi - 1;
    w = 1;
  } else {
    if (hint > 0 && hint < hi) {
      // The queue moves little between ticks: gallop out from last tick's cell to bracket the root.
      const fHint = balance(table, hint, inflow, capacity, start);
      let step = 1;
      if (fHint <= 0) {
        lo = hint; fLo = fHint;
        let next = lo + 1;
        let fNext = balance(table, next, inflow, capacity, start);
        while (fNext <= 0) {
          lo = next; fLo = fNext; step *= 2;
          next = Math.min(hi, lo + step);
          fNext = balance(table, next, inflow, capacity, start);
        }
        hi = next; fHi = fNext;
      } else {
        hi = hint; fHi = fHint;
        let next = hi - 1;
        let fNext = balance(table, next, inflow, capacity, start);
        while (fNext > 0 && next > 0) {
          hi = next; fHi = fNext; step *= 2;
          next = Math.max(0, hi - step);
          fNext = balance(table, next, inflow, capacity, start);
        }
        lo = next; fLo = fNext;
      }
    }
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      const fMid = balance(table, mid, inflow, capacity, start);
      if (fMid <= 0) {
        lo = mid;
        fLo = fMid;
      } else {
        hi = mid;
        fHi = fMid;
      }
    }
    w = fLo / (fLo - fHi);
  }
  const blocking = pK[lo]! + w * (pK[hi]! - pK[lo]!);
  const busy = busyFraction[lo]! + w * (busyFraction[hi]! - busyFraction[lo]!);
  let admitted = lambda * (1 - blocking);
  let served = c * mu * busy;
  // x' comes from the balance itself rather than from L(r') so that the
  // step conserves customers to rounding, whatever the interpolation error.
  let next = x + dt * (admitted - served);
  if (next > K) {
    // Reachable past TABLE_MAX_LOAD (or by rounding at a full queue): the
    // overflow is turned away, so the excess moves from admitted to rejected.
    next = K;
    admitted = served + (K - x) / dt;
  } else if (next < 0) {
    // Only reachable by rounding when the queue drains: the queue cannot
    // go below empty, so served is trimmed to what was there.
    next = 0;
    served = admitted + x / dt;
  }
  out.x = next;
  out.r = grid[lo]! + w * (grid[hi]! - grid[lo]!);
  out.admitted = admitted;
  out.served = served;
  out.rejected = lambda - admitted;
  out.meanResponse = served > 0 ? next / served : 1 / mu;
  out.responseVariance = (varT[lo]! + w * (varT[hi]! - varT[lo]!)) / (mu * mu);
  return lo;
}
