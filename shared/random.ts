// Seeded PRNG for the simulation: sfc32 seeded through splitmix32.
// Everything random in a game draws from one of these so that a snapshot of
// `state()` resumes the run byte-identically.

/** Four 32-bit unsigned words of sfc32 state; plain data, safe to JSON-serialise. */
export type RandomState = [number, number, number, number];

/** Outputs discarded after seeding, as sfc32's author recommends, to decorrelate nearby seeds. */
const SFC32_WARMUP_ROUNDS = 15;

/** Above this mean `poisson` switches from exact inversion to a rounded normal approximation. */
const POISSON_EXACT_MAX_MEAN = 30;

const TWO_POW_32 = 4294967296;
const TWO_PI = 2 * Math.PI;

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads a possibly tiny or sequential seed over all 128 bits,
    // so seeds 1 and 2 give unrelated streams.
    let x = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) | 0;
      let t = x ^ (x >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      t ^= t >>> 15;
      words.push(t | 0);
    }
    this.a = words[0] ?? 0;
    this.b = words[1] ?? 0;
    this.c = words[2] ?? 0;
    this.d = words[3] ?? 0;
    for (let i = 0; i < SFC32_WARMUP_ROUNDS; i++) this.uint32();
  }

  static fromState(state: Readonly<RandomState>): Random {
    return new Random(0).load(state);
  }

  /** Continues from a saved state, in place, so a tick loop can reuse one generator. */
  load(state: Readonly<RandomState>): this {
    this.a = state[0] | 0;
    this.b = state[1] | 0;
    this.c = state[2] | 0;
    this.d = state[3] | 0;
    return this;
  }

  /** Snapshot as unsigned words so the serialised form is canonical. */
  state(): RandomState {
    const out: RandomState = [0, 0, 0, 0];
    this.saveTo(out);
    return out;
  }

  /** Writes the snapshot into an existing state, without allocating. */
  saveTo(out: RandomState): void {
    out[0] = this.a >>> 0;
    out[1] = this.b >>> 0;
    out[2] = this.c >>> 0;
    out[3] = this.d >>> 0;
  }

  /** Uniform integer in [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) on a 2^-32 grid. */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /**
   * Integer uniform in [0, n) for 1 <= n <= 2^32. The multiply-and-floor bias
   * is at most n / 2^32, invisible for the small n the game uses.
   */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Standard normal by Box-Muller. The second variate is discarded rather than
   * cached so that the state stays exactly the four sfc32 words.
   */
  normal(): number {
    // 1 - u lies in (0, 1], keeping log finite.
    const u1 = 1 - this.next();
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
  }

  /**
   * Poisson count. Exact inversion (one uniform per draw) up to
   * POISSON_EXACT_MAX_MEAN; above it the normal approximation, which ignores a
   * skewness of 1/sqrt(mean) (under 0.18 there) and costs two uniforms however
   * large the mean.
   */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean > POISSON_EXACT_MAX_MEAN) {
      const k = Math.round(mean + Math.sqrt(mean) * this.normal());
      return k > 0 ? k : 0;
    }
    const u = this.next();
    let k = 0;
    let p = Math.exp(-mean);
    let cumulative = p;
    // Stopping when p underflows guards against rounding leaving the cumulative
    // sum just under a u close to 1.
    while (u >= cumulative && p > 0) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }
}
