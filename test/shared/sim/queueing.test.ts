import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  TABLE_MAX_LOAD,
  createQueueStep,
  erlangB,
  erlangC,
  mmc,
  mmcTail,
  mmck,
  queueTable,
  stepQueue,
  type QueueStep,
  type QueueTable,
} from '../../../shared/sim/queueing.js';

// Published M/M/c values; times in units of S. Each cell: C, T/S, Lq, P(T > 4S).
const REFERENCE: ReadonlyArray<{ c: number; rho: number; C: number; T: number; Lq: number; tail4: number }> = [
  { c: 1, rho: 0.5, C: 0.5, T: 2.0, Lq: 0.5, tail4: 0.1353 },
  { c: 1, rho: 0.8, C: 0.8, T: 5.0, Lq: 3.2, tail4: 0.4493 },
  { c: 1, rho: 0.9, C: 0.9, T: 10.0, Lq: 8.1, tail4: 0.6703 },
  { c: 1, rho: 0.95, C: 0.95, T: 20.0, Lq: 18.05, tail4: 0.8187 },
  { c: 2, rho: 0.5, C: 0.3333, T: 1.333, Lq: 0.333, tail4: 0.0427 },
  { c: 2, rho: 0.8, C: 0.7111, T: 2.778, Lq: 2.844, tail4: 0.2359 },
  { c: 2, rho: 0.9, C: 0.8526, T: 5.263, Lq: 7.674, tail4: 0.4777 },
  { c: 2, rho: 0.95, C: 0.9256, T: 10.26, Lq: 17.59, tail4: 0.6889 },
  { c: 4, rho: 0.5, C: 0.1739, T: 1.087, Lq: 0.174, tail4: 0.0214 },
  { c: 4, rho: 0.8, C: 0.5964, T: 1.746, Lq: 2.386, tail4: 0.0853 },
  { c: 4, rho: 0.9, C: 0.7878, T: 2.969, Lq: 7.09, tail4: 0.2593 },
  { c: 4, rho: 0.95, C: 0.8914, T: 5.457, Lq: 16.94, tail4: 0.4986 },
  { c: 8, rho: 0.5, C: 0.059, T: 1.015, Lq: 0.059, tail4: 0.0187 },
  { c: 8, rho: 0.8, C: 0.4576, T: 1.286, Lq: 1.831, tail4: 0.031 },
  { c: 8, rho: 0.9, C: 0.7015, T: 1.877, Lq: 6.314, tail4: 0.0971 },
  { c: 8, rho: 0.95, C: 0.8442, T: 3.11, Lq: 16.04, tail4: 0.2766 },
];

// Published M/M/4/20 blocking probabilities.
const MM4_20: ReadonlyArray<{ rho: number; pK: number }> = [
  { rho: 0.9, pK: 0.0168 },
  { rho: 1.2, pK: 0.1719 },
  { rho: 2.0, pK: 0.5 },
];

const S = 0.05;
const MU = 1 / S;
const DT = 0.1;

function expectWithin(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

// O(K) sum over the M/M/c/K distribution, in logs so it cannot overflow.
function bruteForceMmck(c: number, K: number, a: number): { pK: number; L: number; busy: number; varT: number } {
  const logWeights: number[] = [];
  let log = 0;
  for (let n = 0; n <= K; n++) {
    if (n > 0) log += Math.log(a / Math.min(n, c));
    logWeights.push(log);
  }
  const top = Math.max(...logWeights);
  const p = logWeights.map((v) => Math.exp(v - top));
  const total = p.reduce((s, v) => s + v, 0);
  let L = 0;
  let busy = 0;
  for (let n = 0; n <= K; n++) {
    L += (n * p[n]!) / total;
    busy += (Math.min(n, c) * p[n]!) / total;
  }
  const pK = p[K]! / total;
  let wait = 0;
  let waitSquare = 0;
  for (let n = c; n < K; n++) {
    const k = n - c + 1;
    const share = p[n]! / total / (1 - pK);
    wait += (share * k) / c;
    waitSquare += (share * (k + k * k)) / (c * c);
  }
  return { pK, L, busy, varT: 1 + waitSquare - wait * wait };
}

function settle(table: QueueTable, lambda: number, ticks: number): QueueStep {
  const out = createQueueStep();
  for (let i = 0; i < ticks; i++) stepQueue(table, out.x, lambda, MU, DT, out);
  return out;
}

function expectSane(out: QueueStep, K: number): void {
  for (const value of Object.values(out)) {
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThanOrEqual(0);
  }
  expect(out.x).toBeLessThanOrEqual(K);
}

describe('Erlang formulas', () => {
  it('erlangB matches small hand-computed cases', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    expect(erlangB(3, 2)).toBeCloseTo(4 / 19, 12);
    expect(erlangB(5, 0)).toBe(0);
  });

  it('erlangC reproduces the probability of waiting in every reference cell', () => {
    for (const cell of REFERENCE) expectWithin(erlangC(cell.c, cell.rho * cell.c), cell.C, 0.02);
  });

  it('erlangC is 1 for an unstable queue', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 9)).toBe(1);
  });
});

describe('mmc', () => {
  it('reproduces C, T and Lq of every reference cell', () => {
    for (const cell of REFERENCE) {
      const m = mmc(cell.c, cell.rho * cell.c, 1);
      expectWithin(m.rho, cell.rho, 1e-12);
      expectWithin(m.C, cell.C, 0.02);
      expectWithin(m.T, cell.T, 0.02);
      expectWithin(m.Lq, cell.Lq, 0.02);
      expectWithin(m.L, m.Lq + cell.rho * cell.c, 1e-12);
    }
  });

  it('scales times with the service time', () => {
    const m = mmc(2, 0.8 * 2 * MU, MU);
    expectWithin(m.T / S, 2.778, 0.02);
    expectWithin(m.Wq, m.T - S, 1e-12);
  });

  it('gives the exponential response-time variance for one server', () => {
    const m = mmc(1, 0.8, 1);
    expectWithin(m.varT, 1 / 0.2 ** 2, 1e-12);
  });

  it('reports infinite delay when rho >= 1', () => {
    const m = mmc(2, 2, 1);
    expect(m.C).toBe(1);
    expect([m.Wq, m.T, m.Lq, m.L, m.varT]).toEqual([Infinity, Infinity, Infinity, Infinity, Infinity]);
  });
});

describe('mmcTail', () => {
  it('reproduces P(T > 4S) of every reference cell', () => {
    for (const cell of REFERENCE) expectWithin(mmcTail(cell.c, cell.rho * cell.c, 1, 4), cell.tail4, 0.02);
  });

  it('is continuous where c mu - lambda equals mu', () => {
    // c = 2, lambda = mu makes theta = mu exactly.
    const at = mmcTail(2, 1, 1, 3);
    expect(Number.isFinite(at)).toBe(true);
    expectWithin(mmcTail(2, 1 + 1e-9, 1, 3), at, 1e-7);
    expectWithin(mmcTail(2, 1 - 1e-9, 1, 3), at, 1e-7);
  });

  it('is 1 at t = 0 and for unstable queues, and decays to 0', () => {
    expect(mmcTail(3, 2, 1, 0)).toBe(1);
    expect(mmcTail(3, 3, 1, 5)).toBe(1);
    expect(mmcTail(3, 2, 1, 1e4)).toBe(0);
  });
});

describe('mmck', () => {
  it('reproduces the M/M/4/20 blocking probabilities', () => {
    for (const { rho, pK } of MM4_20) {
      const m = mmck(4, 20, rho * 4 * MU, MU);
      expectWithin(m.pK, pK, 0.02);
      expectWithin(m.throughput, rho * 4 * MU * (1 - m.pK), 1e-12);
      expectWithin(m.busy * MU, m.throughput, 1e-9);
    }
    expectWithin(mmck(4, 20, 8 * MU, MU).throughput, 4 / S, 0.02);
  });

  it('agrees with a brute-force sum over all states, including rho = 1 and the loss system', () => {
    const shapes: ReadonlyArray<[number, number]> = [[1, 1], [1, 7], [3, 3], [4, 20], [8, 300], [50, 60], [1, 3000]];
    for (const [c, K] of shapes) {
      for (const rho of [1e-9, 0.3, 0.95, 0.9999, 1, 1.0001, 1.5, 30, 1000]) {
        const exact = bruteForceMmck(c, K, rho * c);
        const m = mmck(c, K, rho * c, 1);
        expect(m.pK).toBeCloseTo(exact.pK, 9);
        expectWithin(m.L, exact.L, 1e-8);
        expectWithin(m.busy, exact.busy, 1e-8);
        expectWithin(m.varT, exact.varT, 1e-8);
      }
    }
  });

  it('stays finite and correct for thousands of servers, a million places and rho 1000', () => {
    const heavy = mmck(2000, 1e6, 2000 * 1000, 1);
    expectWithin(heavy.pK, 1 - 1 / 1000, 1e-9);
    // Nearly full: the distance from the top is geometric with ratio 1/rho.
    expectWithin(heavy.L, 1e6 - 1 / 999, 1e-12);
    expectWithin(heavy.throughput, 2000, 1e-6);
    const critical = mmck(2000, 1e6, 2000, 1);
    for (const v of Object.values(critical)) expect(Number.isFinite(v)).toBe(true);
    expectWithin(critical.L, 5e5, 0.01);
    const light = mmck(2000, 2000, 2, 1);
    expect(light.pK).toBe(0);
    expectWithin(light.L, 2, 1e-12);
  });

  it('approaches M/M/c as K grows', () => {
    for (const cell of REFERENCE) {
      const m = mmck(cell.c, 1e6, cell.rho * cell.c * MU, MU);
      const open = mmc(cell.c, cell.rho * cell.c * MU, MU);
      expectWithin(m.L, open.L, 1e-9);
      expectWithin(m.varT, open.varT, 1e-9);
      expect(m.pK).toBeLessThan(1e-12);
    }
  });

  it('rejects impossible shapes', () => {
    expect(() => mmck(0, 5, 1, 1)).toThrow(RangeError);
    expect(() => mmck(4, 3, 1, 1)).toThrow(RangeError);
    expect(() => queueTable(2.5, 10)).toThrow(RangeError);
  });
});

describe('queueTable', () => {
  it('is memoized per (c, K)', () => {
    expect(queueTable(4, 20)).toBe(queueTable(4, 20));
    expect(queueTable(4, 21)).not.toBe(queueTable(4, 20));
  });

  it('interpolates L within 0.1% and blocking within 1e-4 everywhere, for a few thousand points', () => {
    const shapes: ReadonlyArray<[number, number]> = [[1, 1], [1, 10], [4, 20], [1, 1e5], [8, 1e5], [100, 100], [100, 1e4], [1000, 1e6]];
    for (const [c, K] of shapes) {
      const table = queueTable(c, K);
      expect(table.r.length).toBeLessThan(4000);
      expect(table.r[0]).toBe(0);
      expect(table.r[table.r.length - 1]).toBe(TABLE_MAX_LOAD);
      for (let i = 0; i + 1 < table.r.length; i++) {
        const lo = table.r[i]!;
        const hi = table.r[i + 1]!;
        expect(hi).toBeGreaterThan(lo);
        // The midpoint is where linear interpolation is worst.
        const exact = mmck(c, K, ((lo + hi) / 2) * c, 1);
        const L = (table.L[i]! + table.L[i + 1]!) / 2;
        const pK = (table.pK[i]! + table.pK[i + 1]!) / 2;
        expectWithin(L, exact.L, 1e-3);
        expect(Math.abs(pK - exact.pK)).toBeLessThan(1e-4);
      }
    }
  });

  it('resolves the jump of L across r = 1 when K is large', () => {
    // L climbs from ~1/(1 - r) to ~K within |r - 1| ~ 1/K; no single cell
    // may carry a visible part of that climb.
    const K = 1e5;
    const table = queueTable(1, K);
    let steepest = 0;
    for (let i = 0; i + 1 < table.L.length; i++) steepest = Math.max(steepest, table.L[i + 1]! - table.L[i]!);
    expect(steepest).toBeLessThan(0.01 * K);
  });
});

describe('stepQueue', () => {
  it('settles on T/S and Lq of every reference cell with K = 10^5', () => {
    for (const cell of REFERENCE) {
      const lambda = cell.rho * cell.c * MU;
      const out = settle(queueTable(cell.c, 1e5), lambda, 8000);
      expectWithin(out.meanResponse / S, cell.T, 0.02);
      expectWithin(out.x - out.served / MU, cell.Lq, 0.02);
      expectWithin(out.served, lambda, 1e-3);
      expectWithin(out.responseVariance, mmc(cell.c, lambda, MU).varT, 0.02);
      expectWithin(out.r, cell.rho, 1e-3);
    }
  });

  it('settles on the M/M/4/20 blocking probabilities and throughput', () => {
    for (const { rho, pK } of MM4_20) {
      const lambda = rho * 4 * MU;
      const out = settle(queueTable(4, 20), lambda, 2000);
      const exact = mmck(4, 20, lambda, MU);
      expectWithin(out.rejected / lambda, pK, 0.02);
      expectWithin(out.served, exact.throughput, 1e-3);
      expectWithin(out.x, exact.L, 1e-3);
    }
    expectWithin(settle(queueTable(4, 20), 8 * MU, 2000).served, 4 / S, 0.02);
  });

  it('conserves customers exactly every tick through a ramp into 3x overload and back', () => {
    const c = 4;
    const K = 500;
    const table = queueTable(c, K);
    const capacity = c * MU;
    const out = createQueueStep();
    let peak = 0;
    for (let tick = 0; tick < 1200; tick++) {
      const load = tick < 50 ? 0.5 : tick < 150 ? 0.5 + (2.5 * (tick - 50)) / 100 : tick < 400 ? 3 : 0.5;
      const lambda = load * capacity;
      const before = out.x;
      stepQueue(table, before, lambda, MU, DT, out);
      const scale = Math.max(1, before, out.x);
      expect(Math.abs((out.admitted - out.served) * DT - (out.x - before))).toBeLessThanOrEqual(1e-9 * scale);
      expect(Math.abs(out.admitted + out.rejected - lambda)).toBeLessThanOrEqual(1e-9 * lambda);
      expectSane(out, K);
      peak = Math.max(peak, out.x);
    }
    expect(peak).toBeGreaterThan(0.99 * K);
    expectWithin(out.x, mmck(c, K, 0.5 * capacity, MU).L, 1e-3);
  });

  it('grows at lambda - c mu under overload until K, then rejects 1 - 1/rho of arrivals', () => {
    const c = 4;
    const K = 20000;
    for (const rho of [2, 3]) {
      const lambda = rho * c * MU;
      const table = queueTable(c, K);
      const out = createQueueStep();
      let ticks = 0;
      while (out.x < 0.9 * K) {
        const before = out.x;
        stepQueue(table, before, lambda, MU, DT, out);
        ticks++;
        if (before > 0.1 * K) expectWithin(out.x - before, (lambda - c * MU) * DT, 0.02);
      }
      expectWithin(ticks, (0.9 * K) / ((lambda - c * MU) * DT), 0.02);
      for (let i = 0; i < 2000; i++) stepQueue(table, out.x, lambda, MU, DT, out);
      expectWithin(out.rejected / lambda, 1 - 1 / rho, 1e-3);
      expectWithin(out.served, c * MU, 1e-3);
      expect(out.x).toBeLessThanOrEqual(K);
      expect(out.x).toBeGreaterThan(K - 10);
    }
  });

  it('approaches equilibrium without overshoot when mu dt is huge', () => {
    const mu = 1e4;
    const c = 4;
    const table = queueTable(c, 1e5);
    const lambda = 0.9 * c * mu;
    const target = mmck(c, 1e5, lambda, mu).L;
    for (const start of [0, 5000]) {
      const out = createQueueStep();
      let x = start;
      for (let i = 0; i < 50; i++) {
        stepQueue(table, x, lambda, mu, DT, out);
        // Monotone approach (up to rounding at the fixed point): explicit
        // Euler would jump past the target and ring.
        if (start < target) expect(out.x).toBeGreaterThanOrEqual(x - 1e-9 * target);
        else expect(out.x).toBeLessThanOrEqual(x + 1e-9 * target);
        x = out.x;
      }
      expectWithin(x, target, 1e-3);
    }
  });

  it('keeps an empty idle queue exactly empty', () => {
    const out = createQueueStep();
    stepQueue(queueTable(4, 100), 0, 0, MU, DT, out);
    expect(out).toEqual({ x: 0, r: 0, admitted: 0, served: 0, rejected: 0, meanResponse: 1 / MU, responseVariance: 1 / MU ** 2 });
  });

  it('never produces NaN or negative values for zero, tiny or huge rates', () => {
    const shapes: ReadonlyArray<[number, number]> = [[1, 1], [4, 100], [2000, 1e6]];
    for (const [c, K] of shapes) {
      const table = queueTable(c, K);
      for (const mu of [1e-6, 1, 1e6]) {
        for (const lambda of [0, 1e-300, 1e-9, 1, 1e9, 1e300]) {
          for (const x of [0, 1e-300, K / 2, K]) {
            const out = createQueueStep();
            stepQueue(table, x, lambda, mu, DT, out);
            expectSane(out, K);
            expect(Math.abs((out.admitted - out.served) * DT - (out.x - x))).toBeLessThanOrEqual(1e-9 * Math.max(1, x, out.x));
          }
        }
      }
    }
  });
});

describe('stepQueue from a hint', () => {
  it('gives exactly the same step whatever cell it starts looking from', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<[number, number]>([1, 1], [4, 20], [25, 1025], [100, 5100], [2000, 22000], [400, 24400]),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.integer({ min: -1, max: 5000 }),
        ([c, K], fill, load, hint) => {
          const table = queueTable(c, K);
          const cold = createQueueStep();
          const warm = createQueueStep();
          const cell = stepQueue(table, fill * K, load * c * MU, MU, DT, cold);
          expect(stepQueue(table, fill * K, load * c * MU, MU, DT, warm, hint)).toBe(cell);
          expect(warm).toEqual(cold);
        },
      ),
    );
  });
});
