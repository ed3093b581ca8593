import { describe, expect, it } from 'vitest';
import { debrief } from '../../../shared/debrief.js';
import { upText } from '../../../shared/debrief/redundancy.js';
import { simulate } from '../../../shared/simulate.js';
import { planLog } from '../../../shared/game-log.js';
import { prepareLevel } from '../../../shared/level-runtime.js';
import { curriculumLevel, curriculumPlan, playedByPlan } from '../../helpers/level-plans.js';

// The lessons of the reliability and data levels: what each naive plan's debrief proposes first is
// the answer its level teaches, and it would have passed.

describe('debrief: the what-if each new level teaches', () => {
  it('sizes the region for the zone that survives, pools and primary in one change (zone-failure naive)', () => {
    const { level, log } = playedByPlan('zone-failure', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', reason: 'node-down', from: 150 });
    const [first] = d.whatIfs;
    expect(first!.change).toBe('sizing us-east for the zone that survives (app1 to 8 instances, cache1 to 4 nodes, a sync standby for db1)');
    expect(first!.actions).toEqual([
      { type: 'scale', node: 'app1', by: 4 },
      { type: 'scale', node: 'cache1', by: 2 },
      { type: 'configure', node: 'db1', config: { standby: 'sync' } },
    ]);
    // Made before the zone went, early enough for the new instances to be warm.
    expect(first!.at).toBeLessThanOrEqual(150 - 20);
    expect(first!.passed).toBe(true);
    // A standby alone, the classic what-if for a dead primary, is not enough here.
    const standby = d.whatIfs.find((w) => w.change === 'an async standby for db1');
    expect(standby?.passed).toBe(false);
  });

  it('puts every single-unit pool in parallel and shows the arithmetic of nines (series-parallel naive)', () => {
    const { level, log } = playedByPlan('series-parallel', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'app1', reason: 'node-down' });
    const [first] = d.whatIfs;
    expect(first!.change).toBe('a second unit in app1 and cache1 (a pair is down only when both are: app1 99.5% -> 99.997%, cache1 99.9% -> 99.9999%)');
    expect(first!.actions).toEqual([{ type: 'scale', node: 'app1', by: 1 }, { type: 'scale', node: 'cache1', by: 1 }]);
    expect(first!.at).toBe(0);
    expect(first!.passed).toBe(true);
    expect(d.availability).toBeLessThan(level.target);
  });

  it('takes the reads off a database that slowed down, rather than more app servers (slow-database naive)', () => {
    const { level, log } = playedByPlan('slow-database', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', reason: 'overloaded', from: 150 });
    expect(d.incidents[0]!.during).toBe('the slowdown');
    const [first] = d.whatIfs;
    expect(first!.change).toBe('a cache in front of db1');
    expect(first!.at).toBeLessThan(150);
    expect(first!.passed).toBe(true);
  });

  it('shards the writes of a primary that has no bigger tier, switching to the new primaries once they serve (sharding naive)', () => {
    const { level, log } = playedByPlan('sharding', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', reason: 'overloaded' });
    const [first] = d.whatIfs;
    expect(first!.change).toBe("sharding db1's keys over 2 xlarge primaries behind a shard router (the new ones in the path once ready)");
    expect(first!.actions).toEqual([
      { type: 'place', kind: 'shards', region: 'us-east', id: 'whatif-shards' },
      { type: 'place', kind: 'db', region: 'us-east', id: 'whatif-db2' },
      { type: 'upgrade', node: 'whatif-db2', tier: 'xlarge' },
      { type: 'link', from: 'whatif-shards', to: 'db1' },
      { type: 'link', from: 'whatif-shards', to: 'whatif-db2' },
      { type: 'link', from: 'app1', to: 'whatif-shards' },
      { type: 'unlink', from: 'app1', to: 'db1' },
      { type: 'link', from: 'cache1', to: 'whatif-shards' },
      { type: 'unlink', from: 'cache1', to: 'db1' },
    ]);
    expect(first!.passed).toBe(true);
    // The classic answers for a busy database take reads; here they change nothing.
    expect(d.whatIfs.find((w) => w.change === 'a cache in front of db1')?.passed).not.toBe(true);
  });

  it('scales the reads out past the largest tier with replicas as big as the primary (vertical-ceiling naive)', () => {
    const { level, log } = playedByPlan('vertical-ceiling', 'naive');
    const d = debrief(level, log);
    expect(d.incidents).toHaveLength(1);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', reason: 'overloaded' });
    const [first] = d.whatIfs;
    expect(first!.change).toBe('1 xlarge read replica of db1 sharing its reads');
    expect(first!.actions).toEqual([
      { type: 'place', kind: 'replica', region: 'us-east', id: 'whatif-replica1', config: { primary: 'db1' } },
      { type: 'upgrade', node: 'whatif-replica1', tier: 'xlarge' },
      { type: 'link', from: 'app1', to: 'whatif-replica1' },
    ]);
    expect(first!.passed).toBe(true);
  });

  it('caches the hot key in front of the shard router: more shards leave it on one of them (hot-key naive)', () => {
    const { level, log } = playedByPlan('hot-key', 'naive');
    const d = debrief(level, log);
    // The fifth shard happens to own the viral key: it takes every one of its reads.
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db5', reason: 'overloaded' });
    expect(d.incidents[0]!.during).toBe('the celebrity spike');
    const [first] = d.whatIfs;
    expect(first!.change).toBe('a cache answering the hot key in front of shards1');
    expect(first!.actions).toEqual([
      { type: 'place', kind: 'cache', region: 'us-east', id: 'whatif-cache' },
      { type: 'link', from: 'whatif-cache', to: 'shards1' },
      { type: 'link', from: 'app1', to: 'whatif-cache' },
    ]);
    expect(first!.at).toBeLessThan(120);
    expect(first!.passed).toBe(true);
  });

  it('stands a second region by behind DNS with fast checks and a short TTL: a standby in the same region dies with it (region-failure naive)', () => {
    const { level, log } = playedByPlan('region-failure', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'app1', region: 'us-east', reason: 'node-down', from: 150 });
    expect(d.incidents[0]!.during).toBe('the failure of us-east');
    const [first] = d.whatIfs;
    expect(first!.change).toBe('a standby stack in us-west (4 app instances, a read replica of db1) behind dns1 failing over from app1, with 10 s health checks and a 10 s TTL');
    expect(first!.actions).toEqual([
      { type: 'place', kind: 'app', region: 'us-west', id: 'whatif-app-us-west' },
      { type: 'scale', node: 'whatif-app-us-west', by: 3 },
      { type: 'place', kind: 'replica', region: 'us-west', id: 'whatif-replica-us-west', config: { primary: 'db1' } },
      { type: 'link', from: 'whatif-app-us-west', to: 'whatif-replica-us-west' },
      { type: 'link', from: 'whatif-app-us-west', to: 'db1' },
      { type: 'configure', node: 'dns1', config: { policy: 'failover', primary: 'app1', ttlSeconds: 10, healthCheckSeconds: 10 } },
      { type: 'link', from: 'dns1', to: 'whatif-app-us-west' },
    ]);
    // Made before the region went, early enough for the replica to be ready.
    expect(first!.at).toBeLessThanOrEqual(150 - 30);
    expect(first!.passed).toBe(true);
  });

  it('loses detection plus one TTL: the same standby region behind DNS at its default checks and TTL misses the target, and the debrief proposes only faster checks and TTL (region-failure)', () => {
    const level = curriculumLevel('region-failure');
    const reference = curriculumPlan('region-failure', 'reference');
    const slow = { ...reference, actions: reference.actions.map((a) => (a.action.type === 'configure' ? { ...a, action: { ...a.action, config: { policy: 'failover', primary: 'app1' } } } : a)) };
    const fast = simulate(level, reference).result;
    const defaults = simulate(level, slow).result;
    expect(fast.passed).toBe(true);
    expect(defaults.availability).toBeLessThan(level.target);
    // 30 s of checks and half of a 60 s TTL, against 10 s and half of 10 s: about 45 s more of the whole traffic lost.
    expect((fast.availability - defaults.availability) * level.durationSeconds).toBeGreaterThan(35);
    // Active-active: both regions serve, so the failure costs half the users the same seconds.
    const weighted = { ...reference, actions: reference.actions.map((a) => (a.action.type === 'configure' ? { ...a, action: { ...a.action, config: { policy: 'weighted', ttlSeconds: 10, healthCheckSeconds: 10 } } } : a)) };
    expect(simulate(level, weighted).result.availability).toBeGreaterThan(fast.availability + 0.01);
    // With the standby region there, the debrief's first what-if is only the faster checks and TTL.
    const d = debrief(level, planLog(slow, level.seed, level.tickMs, prepareLevel(level).totalTicks));
    expect(d.whatIfs[0]!.change).toBe('health checks every 10 s and a 10 s TTL on dns1, failing over from app1 (it had 30 s and 60 s)');
    expect(d.whatIfs[0]!.actions).toEqual([{ type: 'configure', node: 'dns1', config: { policy: 'failover', primary: 'app1', ttlSeconds: 10, healthCheckSeconds: 10 } }]);
    expect(d.whatIfs[0]!.passed).toBe(true);
  });

  it('autoscales from the start with room for the unannounced doubling (autoscaling naive)', () => {
    const { level, log } = playedByPlan('autoscaling', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'app1', reason: 'overloaded' });
    expect(d.incidents[0]!.during).toBe('the traffic ramp');
    const [first] = d.whatIfs;
    expect(first!.change).toBe('autoscaling app1 from the start at a 45% target (2 to 100 instances), room for the x2 surge while new instances warm');
    expect(first!.actions).toEqual([{ type: 'configure', node: 'app1', config: { autoscale: true, targetUtilization: 0.45, minInstances: 2, maxInstances: 100 } }]);
    expect(first!.at).toBe(0);
    expect(first!.passed).toBe(true);
  });

  it('neither the default autoscaler nor capacity for the peak passes (autoscaling)', () => {
    const level = curriculumLevel('autoscaling');
    const autoscaler = (config: Record<string, unknown>) => simulate(level, { actions: [{ at: 0, action: { type: 'configure', node: 'app1', config: { autoscale: true, maxInstances: 40, ...config } } }] }).result;
    // At the default 60% target the doubling finds 1.7 times the load in hand: requests are shed for a warm-up.
    expect(autoscaler({}).availability).toBeLessThan(level.target);
    expect(autoscaler({ targetUtilization: 0.4 }).passed).toBe(true);
    // Nine instances all day hold the surge at noon, and cost more than the budget.
    const peak = simulate(level, { actions: [{ at: 0, action: { type: 'scale', node: 'app1', by: 5 } }] }).result;
    expect(peak.availability).toBeGreaterThanOrEqual(level.target);
    expect(peak.cost).toBeGreaterThan(level.budget);
  });

  it('promotes the replica at hand as soon as the primary fails, ahead of a standby (manual-failover naive)', () => {
    const { level, log } = playedByPlan('manual-failover', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', reason: 'node-down', from: 90 });
    const [first] = d.whatIfs;
    expect(first!.change).toBe('promoting replica1 to primary as soon as db1 fails');
    expect(first!.actions).toEqual([{ type: 'promote', node: 'replica1' }]);
    expect(first!.passed).toBe(true);
    expect(first!.availability).toBeGreaterThan(d.whatIfs.find((w) => w.change === 'an async standby for db1')!.availability);
    expect(d.availability).toBeLessThan(level.target);
  });

  it('writes a share up with the decimals its downtime needs', () => {
    expect(upText(0.995)).toBe('99.5%');
    expect(upText(0.999)).toBe('99.9%');
    expect(upText(0.999999)).toBe('99.9999%');
    expect(upText(1)).toBe('100%');
  });
});
