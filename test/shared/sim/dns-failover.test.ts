import { describe, expect, it } from 'vitest';
import { simulate } from '../../../shared/simulate.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

const HEALTH_CHECK = 10;
const TTL = 20;
const FAILS_AT = 20;

/**
 * Share of a dead target's traffic still sent to it `s` seconds after it failed: every resolver
 * until the health checks fail, then those whose cached answer predates detection. Cache ages are
 * uniform over one TTL, so that share falls linearly to zero.
 */
function stillSent(s: number): number {
  if (s < HEALTH_CHECK) return 1;
  return Math.max(0, 1 - (s - HEALTH_CHECK) / TTL);
}

/** Mean of stillSent over [a, b], by its closed-form integral on each linear piece. */
function meanStillSent(a: number, b: number): number {
  const integral = (s: number): number => {
    const before = Math.min(s, HEALTH_CHECK);
    const d = Math.min(Math.max(0, s - HEALTH_CHECK), TTL);
    return before + d - (d * d) / (2 * TTL);
  };
  return (integral(b) - integral(a)) / (b - a);
}

describe('DNS failover', () => {
  it('moves users off a dead target over one TTL after the health checks fail, losing detection + TTL/2 in all', () => {
    const level = labLevel({
      durationSeconds: 70,
      traffic: { users: [{ region: 'here', clients: 1000, rps: 400 }], mix: { read: 1 } },
      events: [{ type: 'node-failure', at: FAILS_AT, duration: 45, kind: 'app', count: 1 }],
      initial: [
        place('dns', 'dns1', { config: { ttlSeconds: TTL, healthCheckSeconds: HEALTH_CHECK } }),
        place('app', 'a1'), place('app', 'a2'), place('db', 'db1'),
        link('dns1', 'a1'), link('dns1', 'a2'), link('a1', 'db1'), link('a2', 'db1'),
      ],
    });
    const r = simulate(level, { actions: [] }, { everySeconds: 1 });
    // Entry t covers [t - 1, t); a1 takes half the users until DNS drops it. Within 5e-4: the users
    // moving to a2 fill its queue, so a few of its answers come after the entry (Little's law).
    for (const e of r.timeline) {
      if (e.t <= FAILS_AT + 1) continue;
      const lost = 0.5 * meanStillSent(e.t - 1 - FAILS_AT, e.t - FAILS_AT);
      expect(1 - e.availability, `lost share in [${e.t - 1}, ${e.t})`).toBeCloseTo(lost, 3);
    }
    // Before detection all of a1's share fails; halfway through the TTL, half of it does.
    expect(1 - r.timeline.find((e) => e.t === FAILS_AT + 5)!.availability).toBeCloseTo(0.5, 4);
    expect(1 - r.timeline.find((e) => e.t === FAILS_AT + HEALTH_CHECK + TTL / 2 + 1)!.availability).toBeCloseTo(0.5 * 0.475, 3);
    const lostSeconds = r.result.failed['node-down'] / (0.5 * 400);
    // The first tick's in-flight requests die with a1 too: a few per mille of a second.
    expect(lostSeconds).toBeCloseTo(HEALTH_CHECK + TTL / 2, 1);
  });
});
