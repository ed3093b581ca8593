// Cache behaviour under Zipf(alpha) key popularity: the key of rank i is
// requested with probability p_i = i^-alpha / sum_j j^-alpha. Key spaces reach
// 10^8, so sums over keys run over geometric rank buckets: the most popular
// ranks individually, the rest in ranges whose keys share their mean p. Within
// a range p varies by at most a factor (N/ZIPF_EXACT_RANKS)^(alpha/ZIPF_RANGE_BUCKETS)
// (under 1.1 for N = 10^8, alpha = 1); measured against exact sums over every
// key the bucketed hit ratios agree within 0.02%.

/** Most popular ranks kept as one-key buckets; they carry most of the skew and are where the exact sum matters. */
export const ZIPF_EXACT_RANKS = 50;

/** Geometric range buckets covering the ranks past ZIPF_EXACT_RANKS; fixed so a sum costs the same for any N. */
const ZIPF_RANGE_BUCKETS = 150;

/**
 * Geometric step on which ttlHitRatio and staleReadProbability quantise
 * rate x seconds before memoizing. Both ratios change by at most 1/4 and 1/e
 * respectively per unit of ln(rate x seconds), so rounding to the nearest step
 * costs at most 0.25 * ln(1.005)/2 = 6.2e-4 (TTL) and 9.2e-4 (staleness) absolute.
 */
const RATE_QUANTUM = 1.005;

/** Entries per memo table before it is cleared; bounds memory when inputs drift over a long game. */
const MEMO_LIMIT = 4096;

/** Distinct (alpha, N) popularity structures kept before the memo is cleared. */
const ZIPF_MEMO_LIMIT = 256;

/** Relative tolerance of the Che characteristic-time solve. */
const CHE_TOLERANCE = 1e-12;

/** Newton iterations allowed for the Che solve; from below on a concave function it converges monotonically in far fewer. */
const CHE_MAX_ITERATIONS = 200;

interface ZipfPopularity {
  readonly alpha: number;
  /** N, the number of keys. */
  readonly keys: number;
  /** Number of buckets in the arrays below. */
  readonly size: number;
  /** 1-based rank of each bucket's first key. */
  readonly firstRank: Float64Array;
  /** Keys in each bucket. */
  readonly keyCount: Float64Array;
  /** Mean request probability of a key in each bucket. */
  readonly meanP: Float64Array;
  /** Total probability of all ranks before each bucket. */
  readonly shareBefore: Float64Array;
  /** sum_{i=1..N} i^-alpha, the normalising constant. */
  readonly normaliser: number;
}

interface ZipfEntry {
  readonly popularity: ZipfPopularity;
  readonly lru: Map<number, number>;
  readonly ttl: Map<number, number>;
  readonly stale: Map<number, number>;
  readonly top: Map<number, number>;
}

const LN_RATE_QUANTUM = Math.log(RATE_QUANTUM);

/**
 * sum_{i=a..b} i^-alpha for integers ZIPF_EXACT_RANKS < a <= b by
 * Euler-Maclaurin; the first omitted term is below 1e-6 of the sum there for alpha <= 3.
 */
function powerSum(alpha: number, a: number, b: number): number {
  const s = 1 - alpha;
  const lnRatio = Math.log(b / a);
  // expm1 keeps the integral accurate as alpha approaches 1.
  const integral = s === 0 ? lnRatio : (Math.pow(a, s) * Math.expm1(s * lnRatio)) / s;
  const fa = Math.pow(a, -alpha);
  const fb = Math.pow(b, -alpha);
  return integral + (fa + fb) / 2 + (alpha * (fa / a - fb / b)) / 12;
}

function buildZipf(alpha: number, keys: number): ZipfPopularity {
  if (!(alpha >= 0) || alpha === Infinity) throw new RangeError(`Zipf alpha must be finite and >= 0, got ${alpha}`);
  if (!Number.isInteger(keys) || keys < 1) throw new RangeError(`Zipf key count must be a positive integer, got ${keys}`);
  const exact = Math.min(keys, ZIPF_EXACT_RANKS);
  const first: number[] = [];
  const count: number[] = [];
  const weight: number[] = [];
  for (let rank = 1; rank <= exact; rank++) {
    first.push(rank);
    count.push(1);
    weight.push(Math.pow(rank, -alpha));
  }
  if (keys > exact) {
    const ratio = Math.pow(keys / exact, 1 / ZIPF_RANGE_BUCKETS);
    let last = exact;
    for (let k = 1; k <= ZIPF_RANGE_BUCKETS && last < keys; k++) {
      const end = k === ZIPF_RANGE_BUCKETS ? keys : Math.min(keys, Math.round(exact * Math.pow(ratio, k)));
      if (end <= last) continue;
      first.push(last + 1);
      count.push(end - last);
      weight.push(powerSum(alpha, last + 1, end));
      last = end;
    }
  }
  const size = first.length;
  let normaliser = 0;
  for (const w of weight) normaliser += w;
  const firstRank = new Float64Array(first);
  const keyCount = new Float64Array(count);
  const meanP = new Float64Array(size);
  const shareBefore = new Float64Array(size);
  let cumulative = 0;
  for (let b = 0; b < size; b++) {
    const w = weight[b] as number;
    shareBefore[b] = cumulative / normaliser;
    meanP[b] = w / normaliser / (keyCount[b] as number);
    cumulative += w;
  }
  return { alpha, keys, size, firstRank, keyCount, meanP, shareBefore, normaliser };
}

const entries = new Map<number, Map<number, ZipfEntry>>();
let entryCount = 0;
// Each tick calls with the same few (alpha, N), so one remembered entry skips the maps.
let lastEntry: ZipfEntry | undefined;

function entryFor(alpha: number, keys: number): ZipfEntry {
  if (lastEntry !== undefined && lastEntry.popularity.alpha === alpha && lastEntry.popularity.keys === keys) {
    return lastEntry;
  }
  let byKeys = entries.get(alpha);
  let entry = byKeys?.get(keys);
  if (entry === undefined) {
    if (entryCount >= ZIPF_MEMO_LIMIT) {
      entries.clear();
      entryCount = 0;
      byKeys = undefined;
    }
    entry = { popularity: buildZipf(alpha, keys), lru: new Map(), ttl: new Map(), stale: new Map(), top: new Map() };
    if (byKeys === undefined) {
      byKeys = new Map();
      entries.set(alpha, byKeys);
    }
    byKeys.set(keys, entry);
    entryCount++;
  }
  lastEntry = entry;
  return entry;
}

function remember(memo: Map<number, number>, key: number, value: number): number {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Memoized bucketed Zipf(alpha) popularity over `keys` keys (an integer >= 1). */
export function zipf(alpha: number, keys: number): ZipfPopularity {
  return entryFor(alpha, keys).popularity;
}

/**
 * LRU hit ratio for `capacity` keys by the Che approximation. The request rate
 * cancels, so the characteristic time is in units of total requests.
 */
export function lruHitRatio(alpha: number, keys: number, capacity: number): number {
  const entry = entryFor(alpha, keys);
  if (!(capacity > 0)) return 0;
  if (capacity >= keys) return 1;
  const cached = entry.lru.get(capacity);
  if (cached !== undefined) return cached;
  const z = entry.popularity;
  // Occupancy is concave in t with occupancy(t) <= t, so Newton from t = capacity
  // approaches the root from below without overshooting.
  let t = capacity;
  for (let i = 0; i < CHE_MAX_ITERATIONS; i++) {
    // Expected distinct keys requested within t, and its derivative in t.
    let occupancy = 0;
    let slope = 0;
    for (let b = 0; b < z.size; b++) {
      const p = z.meanP[b] as number;
      const n = z.keyCount[b] as number;
      occupancy -= n * Math.expm1(-p * t);
      slope += n * p * Math.exp(-p * t);
    }
    if (!(slope > 0)) break;
    const step = (capacity - occupancy) / slope;
    t += step;
    if (step <= t * CHE_TOLERANCE) break;
  }
  let hit = 0;
  for (let b = 0; b < z.size; b++) {
    const p = z.meanP[b] as number;
    hit += (z.keyCount[b] as number) * p * -Math.expm1(-p * t);
  }
  return remember(entry.lru, capacity, hit);
}

/** Rounds x > 0 to the RATE_QUANTUM grid, returned as its integer step index. */
function quantumIndex(x: number): number {
  return Math.round(Math.log(x) / LN_RATE_QUANTUM);
}

/**
 * Hit ratio of a cache that keeps each key for `ttlSeconds` after the miss that
 * loaded it: key i, requested at rate*p_i, hits with probability
 * lambda_i T / (1 + lambda_i T). Memoized on rate*T rounded to RATE_QUANTUM.
 */
export function ttlHitRatio(alpha: number, keys: number, rate: number, ttlSeconds: number): number {
  const entry = entryFor(alpha, keys);
  const x = rate * ttlSeconds;
  if (!(x > 0)) return 0;
  if (x === Infinity) return 1;
  const q = quantumIndex(x);
  const cached = entry.ttl.get(q);
  if (cached !== undefined) return cached;
  const z = entry.popularity;
  const xq = Math.exp(q * LN_RATE_QUANTUM);
  let hit = 0;
  for (let b = 0; b < z.size; b++) {
    const p = z.meanP[b] as number;
    const requestsPerTtl = p * xq;
    hit += ((z.keyCount[b] as number) * p * requestsPerTtl) / (1 + requestsPerTtl);
  }
  return remember(entry.ttl, q, hit);
}

/**
 * Probability that a read returns a stale value from a replica `lagSeconds`
 * behind, when writes hit key i at writeRate*p_i: a read of key i is stale if a
 * write landed within the lag, 1 - e^(-w_i lag). Memoized on writeRate*lag
 * rounded to RATE_QUANTUM.
 */
export function staleReadProbability(alpha: number, keys: number, writeRate: number, lagSeconds: number): number {
  const entry = entryFor(alpha, keys);
  const x = writeRate * lagSeconds;
  if (!(x > 0)) return 0;
  if (x === Infinity) return 1;
  const q = quantumIndex(x);
  const cached = entry.stale.get(q);
  if (cached !== undefined) return cached;
  const z = entry.popularity;
  const xq = Math.exp(q * LN_RATE_QUANTUM);
  let stale = 0;
  for (let b = 0; b < z.size; b++) {
    const p = z.meanP[b] as number;
    stale += (z.keyCount[b] as number) * p * -Math.expm1(-p * xq);
  }
  return remember(entry.stale, q, stale);
}

/**
 * Share of all requests that go to the `top` most popular keys (non-integer
 * `top` is floored). Memoized: the partial power sum costs ~200 ns.
 */
export function hotShareOfTop(alpha: number, keys: number, top: number): number {
  const entry = entryFor(alpha, keys);
  const k = Math.floor(top);
  if (!(k > 0)) return 0;
  if (k >= keys) return 1;
  const cached = entry.top.get(k);
  if (cached !== undefined) return cached;
  const z = entry.popularity;
  // Last bucket starting at or before rank k.
  let lo = 0;
  let hi = z.size - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((z.firstRank[mid] as number) <= k) lo = mid;
    else hi = mid - 1;
  }
  const start = z.firstRank[lo] as number;
  const within = start > ZIPF_EXACT_RANKS ? powerSum(z.alpha, start, k) : Math.pow(k, -z.alpha);
  return remember(entry.top, k, (z.shareBefore[lo] as number) + within / z.normaliser);
}
