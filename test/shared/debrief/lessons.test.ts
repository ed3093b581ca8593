import { describe, expect, it } from 'vitest';
import { debrief } from '../../../shared/debrief.js';
import { upText } from '../../../shared/debrief/redundancy.js';
import { playedByPlan } from '../../helpers/level-plans.js';

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

  it('writes a share up with the decimals its downtime needs', () => {
    expect(upText(0.995)).toBe('99.5%');
    expect(upText(0.999)).toBe('99.9%');
    expect(upText(0.999999)).toBe('99.9999%');
    expect(upText(1)).toBe('100%');
  });
});
