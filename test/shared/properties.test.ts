import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, TIERS } from '../../shared/catalog.js';
import { act, newGame } from '../../shared/game.js';
import { levelSchema } from '../../shared/level.js';
import { simulate } from '../../shared/simulate.js';
import type { Plan } from '../../shared/action.js';
import { busyLevel } from '../helpers/busy-level.js';

const REGIONS = ['east', 'west'];
/** Ids the random actions refer to: the auto-ids of the first few nodes of each kind, so most references hit. */
const ids = KINDS.flatMap((k) => [1, 2, 3].map((n) => `${k}${n}`));

const anId = fc.constantFrom(...ids);
const anAction = fc.oneof(
  fc.record({ type: fc.constant('place'), kind: fc.constantFrom(...KINDS), region: fc.constantFrom(...REGIONS) }),
  fc.record({ type: fc.constant('link'), from: anId, to: anId }),
  fc.record({ type: fc.constant('unlink'), from: anId, to: anId }),
  fc.record({ type: fc.constant('remove'), node: anId }),
  fc.record({ type: fc.constant('scale'), node: anId, by: fc.integer({ min: -3, max: 5 }).filter((n) => n !== 0) }),
  fc.record({ type: fc.constant('upgrade'), node: anId, tier: fc.option(fc.constantFrom(...TIERS), { nil: undefined }) }),
  fc.record({ type: fc.constant('promote'), node: anId }),
  fc.record({
    type: fc.constant('configure'), node: anId,
    config: fc.oneof(
      fc.record({ algorithm: fc.constantFrom('round-robin', 'least-connections', 'ip-hash', 'consistent-hash', 'hash') }),
      fc.record({ standby: fc.constantFrom('none', 'async', 'sync'), consistency: fc.constantFrom('cp', 'ap') }),
      fc.record({ limiter: fc.constantFrom('none', 'token-bucket', 'fixed-window', 'sliding-window'), ratePerClient: fc.double({ min: 0.1, max: 100, noNaN: true }), filter: fc.boolean() }),
      fc.record({ ttlSeconds: fc.integer({ min: 0, max: 600 }) }),
      fc.record({ autoscale: fc.boolean(), maxInstances: fc.integer({ min: 1, max: 20 }) }),
      fc.record({ policy: fc.constantFrom('geo', 'latency', 'weighted', 'failover') }),
    ),
  }),
);

/** A short, busy level starting empty, so random plans build the architecture themselves. */
function emptyBusyLevel() {
  const base = busyLevel();
  return levelSchema.parse({ ...base, durationSeconds: 30, initial: [], budget: 1e6 });
}

describe('properties', () => {
  it('random architectures and plans never yield NaN, negative rates, or availability outside [0, 1]', () => {
    const level = emptyBusyLevel();
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: 0, max: 25 }), action: anAction }), { minLength: 5, maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (actions, seed) => {
        const report = simulate(level, { actions } as Plan, { seed, everySeconds: 5 });
        const r = report.result;
        expect(r.availability).toBeGreaterThanOrEqual(0);
        expect(r.availability).toBeLessThanOrEqual(1);
        for (const v of [r.offered, r.good, r.cost, r.score, ...Object.values(r.failed)]) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        for (const e of report.timeline) {
          expect(e.availability).toBeGreaterThanOrEqual(0);
          expect(e.availability).toBeLessThanOrEqual(1);
          for (const v of [e.offeredRps, e.goodRps, e.latencyMs.mean, e.latencyMs.p95]) expect(v).toBeGreaterThanOrEqual(0);
          for (const n of Object.values(e.nodes)) {
            const { failedRps, ...readings } = n;
            for (const [key, v] of [...Object.entries(readings), ...Object.entries(failedRps)]) {
              if (key === 'kind') continue;
              expect(Number.isFinite(v), `${key} = ${v}`).toBe(true);
              expect(v as number).toBeGreaterThanOrEqual(0);
            }
            expect(n.utilization).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 60, seed: 20261122 },
    );
  });

  it('rejected actions, valid-looking or garbage, change nothing', () => {
    const level = busyLevel();
    fc.assert(
      fc.property(fc.array(fc.oneof(anAction, fc.anything()), { minLength: 1, maxLength: 40 }), (inputs) => {
        const game = newGame(level);
        for (const input of inputs) {
          const before = JSON.stringify(game.state);
          const r = act(game, input);
          if (!r.ok) {
            expect(JSON.stringify(game.state)).toBe(before);
            expect(r.error.message.length).toBeGreaterThan(0);
          } else expect(game.state.version).toBeGreaterThan(JSON.parse(before).version);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
