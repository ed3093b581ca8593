import { describe, expect, it } from 'vitest';
import { ASYNC_STANDBY_LAG_SECONDS, WRITE_COST } from '../../../shared/catalog.js';
import { debrief } from '../../../shared/debrief.js';
import { planLog } from '../../../shared/game-log.js';
import { prepareLevel } from '../../../shared/level-runtime.js';
import { simulate } from '../../../shared/simulate.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

const WRITES = 1000;
const FAILS_AT = 20;

function failoverLevel(standby: 'none' | 'async' | 'sync') {
  return labLevel({
    durationSeconds: 90,
    traffic: { users: [{ region: 'here', clients: 1000, rps: 2 * WRITES }], mix: { read: 0.5, write: 0.5 } },
    // 0.1 s one way inside the region, so the standby trails by the stream's delay and that.
    rttMs: [[200]],
    events: [{ type: 'db-failure', at: FAILS_AT, duration: 60 }],
    initial: [place('app', 'app1'), { type: 'scale', node: 'app1', by: 3 }, place('db', 'db1', { config: { standby } }), link('app1', 'db1')],
  });
}

describe('failover of a primary', () => {
  it('to an async standby loses the acknowledged writes it had not received, blamed on the old primary', () => {
    const r = simulate(failoverLevel('async'), { actions: [] });
    // Write rate times how far the standby trailed: the stream's delay and the one-way trip.
    const expected = WRITES * (ASYNC_STANDBY_LAG_SECONDS + 0.1);
    expect(WRITE_COST * WRITES).toBeLessThan(16 / 0.002);
    expect(r.result.failed['lost-write']).toBeCloseTo(expected, 6);
    expect(r.failedByNode!.db1!['lost-write']).toBeCloseTo(expected, 6);
    // They were counted good when acknowledged: they move to failed, nothing is counted twice.
    const settled = r.result.good + Object.values(r.result.failed).reduce((a, b) => a + b, 0);
    expect(settled).toBeLessThanOrEqual(r.result.offered + 1e-6);
  });

  it('to a sync standby, or with no standby at all, loses no write', () => {
    expect(simulate(failoverLevel('sync'), { actions: [] }).result.failed['lost-write']).toBe(0);
    expect(simulate(failoverLevel('none'), { actions: [] }).result.failed['lost-write']).toBe(0);
  });

  it('the debrief says how many writes the async standby lost, and that a sync one would have lost none', () => {
    const level = failoverLevel('async');
    const log = planLog({ actions: [] }, level.seed, level.tickMs, prepareLevel(level).totalTicks);
    const d = debrief(level, log, { whatIfs: 0 });
    const incident = d.incidents.find((i) => i.culprit?.node === 'db1')!;
    expect(incident.text).toContain('its async standby took over without the last 200 acknowledged writes, lost (a sync standby would have lost nothing)');
    const sync = failoverLevel('sync');
    const syncDebrief = debrief(sync, planLog({ actions: [] }, sync.seed, sync.tickMs, prepareLevel(sync).totalTicks), { whatIfs: 0 });
    expect(syncDebrief.incidents.map((i) => i.text).join('\n')).not.toContain('lost');
  });
});
