import { describe, expect, it } from 'vitest';
import { simulate } from '../../../shared/simulate.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

/** Relative error allowed against the public reference values. */
const TOLERANCE = 0.02;
const S = 0.01;

function final(report: ReturnType<typeof simulate>) {
  return report.timeline[report.timeline.length - 1]!;
}

function expectClose(actual: number, expected: number, what: string) {
  expect(Math.abs(actual - expected) / expected, `${what}: got ${actual}, expected ${expected}`).toBeLessThanOrEqual(TOLERANCE);
}

/** One app node of c servers answering static requests at load rho: an M/M/c queue. */
function mmcGame(c: number, rho: number, queue = 100_000, duration = 150) {
  const level = labLevel({
    durationSeconds: duration,
    traffic: { users: [{ region: 'here', clients: 1000, rps: (rho * c) / S }], mix: { static: 1 } },
    overrides: { app: { servers: c, serviceMs: S * 1000, queuePerUnit: queue } },
    initial: [place('app', 'app1')],
  });
  return simulate(level, { actions: [] }, { everySeconds: duration });
}

describe('the tick loop reproduces M/M/c', () => {
  // c -> rho -> [T/S, Lq]
  const table: Record<number, Record<number, [number, number]>> = {
    1: { 0.5: [2.0, 0.5], 0.8: [5.0, 3.2], 0.9: [10.0, 8.1], 0.95: [20.0, 18.05] },
    2: { 0.5: [1.333, 0.333], 0.8: [2.778, 2.844], 0.9: [5.263, 7.674], 0.95: [10.26, 17.59] },
    4: { 0.5: [1.087, 0.174], 0.8: [1.746, 2.386], 0.9: [2.969, 7.09], 0.95: [5.457, 16.94] },
    8: { 0.5: [1.015, 0.059], 0.8: [1.286, 1.831], 0.9: [1.877, 6.314], 0.95: [3.11, 16.04] },
  };
  for (const [c, row] of Object.entries(table)) {
    for (const [rho, [t, lq]] of Object.entries(row)) {
      it(`c=${c}, rho=${rho}: mean response ${t} S and queue length ${lq}`, () => {
        const app = final(mmcGame(Number(c), Number(rho))).nodes.app1!;
        expectClose(app.latencyMs / (S * 1000), t, 'T/S');
        expectClose(app.inSystem - Number(rho) * Number(c), lq, 'Lq');
      });
    }
  }
});

describe('the tick loop reproduces M/M/c/K rejection', () => {
  for (const [rho, p] of [[0.9, 0.0168], [1.2, 0.1719], [2.0, 0.5]] as const) {
    it(`M/M/4/20 at rho=${rho} sheds ${p} of arrivals`, () => {
      const end = final(mmcGame(4, rho, 16, 60));
      const app = end.nodes.app1!;
      expectClose(app.droppedRps / app.arrivalRps, p, 'P(503)');
      if (rho === 2.0) expectClose(app.servedRps, 4 / S, 'throughput');
    });
  }
});

function cacheGame(alpha: number, keysPerUnit: number, ttlSeconds: number, duration: number) {
  const level = labLevel({
    durationSeconds: duration,
    traffic: { users: [{ region: 'here', clients: 1000, rps: 1000 }], mix: { read: 1 }, keys: 100_000, zipfAlpha: alpha },
    overrides: { cache: { keysPerUnit }, db: { servers: 1000 } },
    initial: [place('app', 'app1'), place('cache', 'cache1', { config: { ttlSeconds } }), place('db', 'db1'), link('app1', 'cache1'), link('cache1', 'db1')],
  });
  return final(simulate(level, { actions: [] }, { everySeconds: duration })).nodes.cache1!;
}

describe('caches in the tick loop', () => {
  const lru: [number, number, number][] = [
    [0.8, 100, 0.0678], [0.8, 1000, 0.2043], [0.8, 10_000, 0.4687],
    [1.0, 100, 0.2898], [1.0, 1000, 0.5062], [1.0, 10_000, 0.7373],
  ];
  for (const [alpha, capacity, hit] of lru) {
    it(`an LRU cache of ${capacity} keys over Zipf(${alpha}) hits ${hit} once warm (Che)`, () => {
      expectClose(cacheGame(alpha, capacity, 0, 120).hitRatio!, hit, 'hit ratio');
    });
  }
  for (const [ttl, hit] of [[1, 0.166], [10, 0.364], [60, 0.591], [300, 0.808]] as const) {
    it(`a TTL cache (T=${ttl}s) at 1000 req/s over Zipf(0.8) hits ${hit}`, () => {
      expectClose(cacheGame(0.8, 100_000, ttl, 1200).hitRatio!, hit, 'hit ratio');
    });
  }
  it('starts cold: the first seconds miss far more than the warm ratio', () => {
    const level = labLevel({
      durationSeconds: 10,
      traffic: { users: [{ region: 'here', clients: 1000, rps: 1000 }], mix: { read: 1 }, keys: 100_000, zipfAlpha: 1 },
      overrides: { cache: { keysPerUnit: 10_000 } },
      initial: [place('app', 'app1'), place('cache', 'cache1'), place('db', 'db1'), link('app1', 'cache1'), link('cache1', 'db1')],
    });
    const timeline = simulate(level, { actions: [] }, { everySeconds: 1 }).timeline;
    expect(timeline[0]!.nodes.cache1!.hitRatio!).toBeLessThan(0.7373 * 0.8);
    expect(timeline[9]!.nodes.cache1!.hitRatio!).toBeGreaterThan(timeline[0]!.nodes.cache1!.hitRatio!);
  });
});

describe('rate limiting in the tick loop', () => {
  it('a token bucket of 100/s and 200 tokens, starting full, admits 700 of 5000 requests over 5 s', () => {
    const level = labLevel({
      durationSeconds: 10,
      traffic: { users: [{ region: 'here', clients: 1, rps: 1000 }], mix: { static: 1 } },
      // Traffic stops after 5 s.
      events: [{ type: 'ramp', at: 5, duration: 0.1, from: 0, to: 0 }],
      overrides: { app: { servers: 10_000 } },
      initial: [
        place('gateway', 'gw1', { config: { limiter: 'token-bucket', ratePerClient: 100, burstPerClient: 200 } }),
        place('app', 'app1'), link('gw1', 'app1'),
      ],
    });
    const r = simulate(level, { actions: [] }).result;
    expect(r.offered).toBe(5000);
    const admitted = r.offered - r.failed['rate-limited'];
    // Ticks of 0.1 s blur the bucket by one refill, r dt = 10 requests.
    expect(Math.abs(admitted - 700)).toBeLessThanOrEqual(10);
  });
});

describe('availability under background failures', () => {
  /** The expected-value availability the level's catalog implies; low load, so only failures count. */
  function availability(initial: (ReturnType<typeof place> | ReturnType<typeof link>)[], mix: Record<string, number>) {
    const level = labLevel({
      durationSeconds: 30, backgroundFailures: true,
      traffic: { users: [{ region: 'here', clients: 100, rps: 100 }], mix },
      initial,
    });
    return simulate(level, { actions: [] }).result.availability;
  }
  it('in series multiplies, in parallel multiplies the unavailabilities: LB x 3 apps x cache x DB = .99840', () => {
    const a = availability([
      place('lb', 'lb1'), place('app', 'app1'), place('app', 'app2'), place('app', 'app3'), place('cache', 'cache1'), place('db', 'db1'),
      link('lb1', 'app1'), link('lb1', 'app2'), link('lb1', 'app3'),
      link('app1', 'cache1'), link('app2', 'cache1'), link('app3', 'cache1'), link('cache1', 'db1'),
    ], { write: 1 });
    // Compare the unavailability, which is the demanding part: 0.0016 within 2%.
    expectClose(1 - a, 1 - 0.9984, 'unavailability');
  });
  it('three app servers behind a load balancer fail together only (1 - .995)^3 of the time', () => {
    const a = availability([
      place('lb', 'lb1'), place('app', 'app1'), place('app', 'app2'), place('app', 'app3'),
      link('lb1', 'app1'), link('lb1', 'app2'), link('lb1', 'app3'),
    ], { static: 1 });
    expectClose(1 - a, 1 - 0.9999 * (1 - 0.005 ** 3), 'unavailability');
  });
  it('a single app server alone is as available as its catalog says', () => {
    const a = availability([place('app', 'app1')], { static: 1 });
    expectClose(1 - a, 0.005, 'unavailability');
  });
});
