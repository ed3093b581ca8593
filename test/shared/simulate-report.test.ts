import { describe, expect, it } from 'vitest';
import { REPORT_FORMAT, simulate } from '../../shared/simulate.js';
import { labLevel, link, place } from '../helpers/lab-level.js';

// `nines simulate --json` shows what the model knows: failures by reason at each node, a queue's
// depth, a limiter's admitted rate, a replica's backlog and lag.

function level() {
  return labLevel({
    durationSeconds: 30,
    sloMs: 100,
    traffic: { users: [{ region: 'here', clients: 100, rps: 3000 }], mix: { read: 0.5, write: 0.2, deferrableWrite: 0.3 }, keys: 10_000 },
    initial: [
      place('gateway', 'gw1', { config: { limiter: 'token-bucket', ratePerClient: 25, burstPerClient: 25 } }),
      place('app', 'app1'), place('queue', 'q1', { config: { capacity: 100_000 } }),
      place('db', 'db1'), place('replica', 'r1', { config: { primary: 'db1' } }),
      link('gw1', 'app1'), link('app1', 'q1'), link('app1', 'db1'), link('app1', 'r1'), link('q1', 'db1'),
    ],
  });
}

describe('the simulate report', () => {
  const r = simulate(level(), { actions: [] }, { everySeconds: 5 });
  const last = r.timeline.at(-1)!;

  it('is format 2, and the same bytes for the same inputs', () => {
    expect(r.format).toBe(REPORT_FORMAT);
    expect(REPORT_FORMAT).toBe(2);
    expect(JSON.stringify(simulate(level(), { actions: [] }, { everySeconds: 5 }))).toBe(JSON.stringify(r));
  });

  it('splits each node\'s failures by reason, summing to droppedRps', () => {
    for (const e of r.timeline) {
      for (const [id, n] of Object.entries(e.nodes)) {
        const sum = Object.values(n.failedRps).reduce((a, b) => a + b, 0);
        expect(sum, `${id} at ${e.t}`).toBeCloseTo(n.droppedRps, 1);
      }
    }
    // The app pool (1000 req/s) sheds what it cannot take and is blamed for the slow rest: two reasons, not one.
    expect(Object.keys(last.nodes.app1!.failedRps).sort()).toEqual(['overloaded', 'timed-out']);
    expect(last.nodes.gw1!.failedRps['rate-limited']).toBeCloseTo(3000 - 2500, 0);
  });

  it('gives a limiter\'s admitted rate, a queue\'s depth and a replica\'s backlog and lag, each on its kind only', () => {
    expect(last.nodes.gw1!.admittedRps).toBeCloseTo(2500, 0);
    expect(last.nodes.q1!.depth).toBeGreaterThan(0);
    expect(last.nodes.r1!.backlog).toBeGreaterThanOrEqual(0);
    expect(last.nodes.r1!.lagMs).toBeGreaterThanOrEqual(0);
    expect(last.nodes.app1).not.toHaveProperty('depth');
    expect(last.nodes.app1).not.toHaveProperty('lagMs');
    expect(last.nodes.db1).not.toHaveProperty('admittedRps');
  });
});
