import { describe, expect, it } from 'vitest';
import { levelSchema, type LevelInput } from '../../../shared/level.js';
import { simulate, type SimulationReport } from '../../../shared/simulate.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

type Init = NonNullable<LevelInput['initial']>;
const at = (r: SimulationReport, t: number) => r.timeline.find((e) => e.t === t)!;
const run = (level: ReturnType<typeof labLevel>, every = 5) => simulate(level, { actions: [] }, { everySeconds: every });

function readLevel(initial: Init, extra: Partial<LevelInput> = {}) {
  return labLevel({
    durationSeconds: 60,
    traffic: { users: [{ region: 'here', clients: 10_000, rps: 5000 }], mix: { read: 0.9, write: 0.1 }, keys: 100_000, zipfAlpha: 1 },
    sloMs: 200,
    initial,
    ...extra,
  });
}

describe('what the simulation teaches', () => {
  it('a cache in front of the database takes the reads it hits off the database', () => {
    const direct = run(readLevel([place('app', 'app1'), place('db', 'db1'), link('app1', 'db1'), { type: 'scale', node: 'app1', by: 9 }]));
    const cached = run(readLevel([
      place('app', 'app1'), place('cache', 'c1'), place('db', 'db1'), link('app1', 'c1'), link('c1', 'db1'), link('app1', 'db1'),
      { type: 'scale', node: 'app1', by: 9 },
    ]));
    const hit = at(cached, 60).nodes.c1!.hitRatio!;
    expect(hit).toBeGreaterThan(0.5);
    const dbDirect = at(direct, 60).nodes.db1!.arrivalRps;
    const dbCached = at(cached, 60).nodes.db1!.arrivalRps;
    // Reads shrink by the hit ratio; writes (10%) pass through.
    expect(dbCached).toBeCloseTo(5000 * 0.9 * (1 - hit) + 500, -1);
    expect(dbDirect).toBeCloseTo(5000, -1);
  });

  it('a celebrity spike on one key saturates a bare database, and a cache absorbs it', () => {
    const events = [{ type: 'celebrity' as const, at: 20, duration: 30, multiplier: 10, hotKeyShare: 1, rampSeconds: 0 }];
    const init: Init = [place('app', 'app1'), { type: 'scale', node: 'app1', by: 79 }];
    const bare = run(readLevel([...init, place('db', 'db1'), link('app1', 'db1')], { events, budget: 1e9 }));
    const cached = run(readLevel([...init, place('cache', 'c1'), place('db', 'db1'), link('app1', 'c1'), link('c1', 'db1')], { events, budget: 1e9 }));
    expect(at(bare, 40).availability).toBeLessThan(0.5);
    expect(at(cached, 40).availability).toBeGreaterThan(0.99);
    expect(at(cached, 40).nodes.db1!.arrivalRps).toBeLessThan(at(cached, 15).nodes.db1!.arrivalRps * 1.5);
  });

  it('a load balancer routes around a failed server; a lone server takes the service down with it', () => {
    const events = [{ type: 'node-failure' as const, at: 20, duration: 20, kind: 'app' as const, count: 1 }];
    const lone = run(readLevel([place('app', 'app1'), place('db', 'db1'), link('app1', 'db1'), { type: 'scale', node: 'app1', by: 9 }], { events }));
    const balanced = run(readLevel([
      place('lb', 'lb1'), place('app', 'app1'), place('app', 'app2'), place('db', 'db1'),
      link('lb1', 'app1'), link('lb1', 'app2'), link('app1', 'db1'), link('app2', 'db1'),
      { type: 'scale', node: 'app1', by: 9 }, { type: 'scale', node: 'app2', by: 9 },
    ], { events }));
    expect(at(lone, 30).availability).toBe(0);
    expect(lone.result.failed['node-down']).toBeGreaterThan(0);
    expect(at(balanced, 30).availability).toBeGreaterThan(0.99);
  });

  it('without a standby the primary is down for the whole failure; with one, only for the failover, shorter when sync', () => {
    const events = [{ type: 'db-failure' as const, at: 10, duration: 120 }];
    const init = (standby: string): Init => [place('app', 'app1'), place('db', 'db1', { config: { standby } }), link('app1', 'db1'), { type: 'scale', node: 'app1', by: 9 }];
    const long = { durationSeconds: 150, events };
    const none = run(readLevel(init('none'), long));
    const sync = run(readLevel(init('sync'), long));
    const async = run(readLevel(init('async'), long));
    expect(at(none, 100).availability).toBe(0);
    expect(at(sync, 30).availability).toBe(0);
    expect(at(sync, 100).availability).toBeGreaterThan(0.99);
    // A sync standby has nothing to replay, so it takes over sooner; an async one needs 45 s.
    expect(at(sync, 45).availability).toBeGreaterThan(0.99);
    expect(at(async, 45).availability).toBe(0);
    expect(at(async, 60).availability).toBeGreaterThan(0.99);
    // The price of sync: every write waits for the standby's acknowledgement.
    expect(at(sync, 5).latencyMs.mean).toBeGreaterThan(at(async, 5).latencyMs.mean);
  });

  it('a queue acknowledges a flash sale of deferrable writes the database could not take at once', () => {
    const level = (initial: Init) => labLevel({
      durationSeconds: 90, sloMs: 300,
      traffic: { users: [{ region: 'here', clients: 10_000, rps: 1000 }], mix: { read: 0.5, deferrableWrite: 0.5 } },
      events: [{ type: 'flash-sale', at: 20, duration: 20, multiplier: 8, rampSeconds: 0 }],
      initial: [place('app', 'app1'), { type: 'scale', node: 'app1', by: 9 }, place('db', 'db1'), ...initial],
    });
    const direct = run(level([link('app1', 'db1')]));
    const queued = run(level([place('queue', 'q1', { config: { capacity: 100_000 } }), { type: 'scale', node: 'q1', by: 4 }, link('app1', 'q1'), link('q1', 'db1'), link('app1', 'db1')]));
    expect(at(direct, 30).availability).toBeLessThan(0.8);
    expect(at(queued, 30).availability).toBeGreaterThan(0.99);
    // The backlog drains once the sale is over, at the workers' pace.
    expect(at(queued, 40).nodes.db1!.arrivalRps).toBeGreaterThan(at(queued, 15).nodes.db1!.arrivalRps);
  });

  it('a gateway filter and per-client limit stop a DDoS; a limit below what real users send throttles them', () => {
    const level = (config: Record<string, unknown>) => labLevel({
      durationSeconds: 40,
      traffic: { users: [{ region: 'here', clients: 1000, rps: 2000 }], mix: { read: 1 } },
      events: [{ type: 'ddos', at: 10, duration: 20, rps: 50_000, bots: 100 }],
      initial: [place('gateway', 'gw1', { config }), place('app', 'app1'), { type: 'scale', node: 'app1', by: 4 }, place('db', 'db1'), link('gw1', 'app1'), link('app1', 'db1')],
    });
    const open = run(level({}));
    const guarded = run(level({ filter: true, limiter: 'token-bucket', ratePerClient: 5, burstPerClient: 10 }));
    const strict = run(level({ filter: true, limiter: 'token-bucket', ratePerClient: 1, burstPerClient: 1 }));
    expect(at(open, 20).availability).toBeLessThan(0.2);
    expect(at(guarded, 20).availability).toBeGreaterThan(0.99);
    expect(guarded.result.maliciousLeaked).toBeLessThan(open.result.maliciousLeaked / 50);
    expect(strict.result.failed['rate-limited']).toBeGreaterThan(0.4 * strict.result.offered);
  });

  function twoRegions(consistency: 'cp' | 'ap', withDns = false) {
    return levelSchema.parse({
      id: 'cap', title: 'cap', durationSeconds: 90, noise: false, sloMs: 500, target: 0.9, budget: 1e9,
      regions: [{ id: 'east' }, { id: 'west' }], rttMs: [[2, 80], [80, 2]],
      traffic: { users: [{ region: 'east', clients: 1000, rps: 500 }, { region: 'west', clients: 1000, rps: 500 }], mix: { read: 0.8, write: 0.2 } },
      events: [withDns
        ? { type: 'region-failure', at: 20, duration: 60, region: 'west' }
        : { type: 'partition', at: 20, duration: 30, regions: ['east', 'west'] }],
      initial: [
        ...(withDns ? [{ type: 'place', kind: 'dns', region: 'east', id: 'dns1', config: { ttlSeconds: 20, healthCheckSeconds: 10 } }] : []),
        { type: 'place', kind: 'app', region: 'east', id: 'ae' }, { type: 'place', kind: 'app', region: 'west', id: 'aw' },
        { type: 'place', kind: 'db', region: 'east', id: 'db1', config: { consistency } },
        { type: 'place', kind: 'replica', region: 'west', id: 'rw' },
        { type: 'link', from: 'ae', to: 'db1' }, { type: 'link', from: 'aw', to: 'rw' }, { type: 'link', from: 'aw', to: 'db1' },
        ...(withDns ? [{ type: 'link', from: 'dns1', to: 'ae' }, { type: 'link', from: 'dns1', to: 'aw' }] : []),
      ],
    });
  }

  it('in a partition, CP refuses the far side\'s writes; AP takes them and counts conflicts when it heals', () => {
    const cp = run(twoRegions('cp'));
    const ap = run(twoRegions('ap'));
    expect(cp.result.failed.partitioned).toBeCloseTo(30 * 500 * 0.2, -1);
    expect(cp.result.failed['write-conflict']).toBe(0);
    expect(ap.result.failed.partitioned).toBe(0);
    expect(ap.result.failed['write-conflict']).toBeGreaterThan(0);
    // Replication stops too: the far side's reads go stale while it lasts.
    expect(cp.result.failed['stale-read']).toBeGreaterThan(0);
  });

  it('DNS keeps sending users to a dead region until health checks fail and cached answers expire', () => {
    const r = run(twoRegions('cp', true), 1);
    // Health checks take 10 s: until t = 30 all of west's users fail, then fewer as cached answers
    // expire over the 20 s TTL (a quarter of them in [44, 45)), and none after t = 50.
    expect(at(r, 30).availability).toBeLessThan(0.6);
    expect(at(r, 45).availability).toBeLessThan(0.9);
    expect(at(r, 45).availability).toBeGreaterThan(0.8);
    expect(at(r, 52).availability).toBeGreaterThan(0.95);
  });

  it('autoscaling adds instances after their warm-up when utilization passes the target', () => {
    const level = labLevel({
      durationSeconds: 120,
      traffic: { users: [{ region: 'here', clients: 1000, rps: 500 }], mix: { static: 1 } },
      events: [{ type: 'ramp', at: 10, duration: 20, from: 1, to: 6 }],
      initial: [place('app', 'app1', { config: { autoscale: true, maxInstances: 10 } })],
    });
    const r = run(level);
    expect(at(r, 30).availability).toBeLessThan(0.9);
    expect(at(r, 120).availability).toBeGreaterThan(0.999);
    expect(r.result.cost).toBeGreaterThan(0);
  });

  it('load-balancing algorithms differ: round-robin queues less than hashing, least-connections weighs capacity, a ring splits unevenly', () => {
    const level = (algorithm: string) => labLevel({
      durationSeconds: 60,
      traffic: { users: [{ region: 'here', clients: 10_000, rps: 4000 }], mix: { static: 1 } },
      initial: [
        place('lb', 'lb1', { config: { algorithm } }), place('app', 'big'), place('app', 'small'),
        { type: 'scale', node: 'big', by: 4 }, { type: 'scale', node: 'small', by: 1 }, link('lb1', 'big'), link('lb1', 'small'),
      ],
    });
    const nodes = (algorithm: string) => at(run(level(algorithm)), 60).nodes;
    const rr = nodes('round-robin');
    const ip = nodes('ip-hash');
    const lc = nodes('least-connections');
    const ring = nodes('consistent-hash');
    expect(rr.big!.arrivalRps).toBeCloseTo(2000, 0);
    expect(rr.big!.latencyMs).toBeLessThan(ip.big!.latencyMs);
    expect(lc.big!.arrivalRps / lc.small!.arrivalRps).toBeCloseTo(5 / 2, 2);
    expect(Math.abs(ring.big!.arrivalRps - 2000)).toBeGreaterThan(50);
    expect(ring.big!.arrivalRps + ring.small!.arrivalRps).toBeCloseTo(4000, 0);
  });

  it('a hot key lands on one shard whatever the hashing, and a ring spreads the other keys unevenly', () => {
    const level = (algorithm: string) => labLevel({
      durationSeconds: 40,
      traffic: { users: [{ region: 'here', clients: 10_000, rps: 4000 }], mix: { read: 1 } },
      events: [{ type: 'celebrity', at: 10, duration: 30, multiplier: 3, hotKeyShare: 1, rampSeconds: 0 }],
      initial: [
        place('app', 'app1'), { type: 'scale', node: 'app1', by: 19 }, place('shards', 'sh', { config: { algorithm } }),
        place('db', 'd1'), place('db', 'd2'), place('db', 'd3'), place('db', 'd4'),
        link('app1', 'sh'), link('sh', 'd1'), link('sh', 'd2'), link('sh', 'd3'), link('sh', 'd4'),
      ],
    });
    const hashed = at(run(level('hash')), 40).nodes;
    const loads = ['d1', 'd2', 'd3', 'd4'].map((d) => hashed[d]!.arrivalRps).sort((a, b) => a - b);
    // 4000 spread reads and 8000 on the hot key.
    expect(loads[0]).toBeCloseTo(1000, 0);
    expect(loads[3]).toBeCloseTo(9000, 0);
    const ring = at(run(level('consistent-hash')), 5).nodes;
    const ringLoads = ['d1', 'd2', 'd3', 'd4'].map((d) => ring[d]!.arrivalRps);
    expect(Math.max(...ringLoads) - Math.min(...ringLoads)).toBeGreaterThan(20);
  });

  it('users keep reaching the old entry until a node placed in front of it is ready', () => {
    const level = labLevel({
      durationSeconds: 30,
      traffic: { users: [{ region: 'here', clients: 1000, rps: 500 }], mix: { static: 1 } },
      initial: [place('app', 'app1')],
    });
    const r = simulate(level, { actions: [
      { at: 1, action: { type: 'place', kind: 'gateway', region: 'here', id: 'gw1' } },
      { at: 1, action: { type: 'link', from: 'gw1', to: 'app1' } },
    ] }, { everySeconds: 1 });
    expect(r.result.failed['node-down']).toBe(0);
    expect(at(r, 3).nodes.gw1!.arrivalRps).toBe(0);
    expect(at(r, 10).nodes.gw1!.arrivalRps).toBeCloseTo(500, 0);
  });

  it('a promoted replica takes over and the old primary rejoins as its replica: no split brain', () => {
    const level = readLevel([
      place('app', 'app1'), { type: 'scale', node: 'app1', by: 9 }, place('db', 'db1'), place('replica', 'r1'), link('app1', 'db1'), link('app1', 'r1'),
    ], { durationSeconds: 120, events: [{ type: 'db-failure', at: 20, duration: 40 }] });
    const r = simulate(level, { actions: [{ at: 25, action: { type: 'promote', node: 'r1' } }] }, { everySeconds: 5 });
    expect(at(r, 40).availability).toBeGreaterThan(0.99);
    expect(at(r, 100).nodes.db1!.kind).toBe('replica');
    expect(at(r, 100).nodes.r1!.kind).toBe('db');
  });

  it('a fast local path and a slow remote one each stay within a loose SLO: round trips are not blurred into a fat tail', () => {
    const level = levelSchema.parse({
      id: 'bimodal', title: 'bimodal', durationSeconds: 60, noise: false, sloMs: 300, target: 0.9, budget: 1e9,
      regions: [{ id: 'a' }, { id: 'b' }], rttMs: [[1, 145], [145, 1]],
      traffic: { users: [{ region: 'b', clients: 1000, rps: 500 }], mix: { read: 1 } },
      initial: [
        { type: 'place', kind: 'db', region: 'a', id: 'db1' }, { type: 'place', kind: 'replica', region: 'b', id: 'rb' },
        { type: 'place', kind: 'app', region: 'b', id: 'app1' }, { type: 'link', from: 'app1', to: 'rb' }, { type: 'link', from: 'app1', to: 'db1' },
      ],
    });
    const r = run(level, 60);
    expect(r.result.failed['timed-out'] / r.result.offered).toBeLessThan(1e-3);
    const p95 = r.timeline[r.timeline.length - 1]!.latencyMs.p95;
    expect(p95).toBeGreaterThan(145);
    expect(p95).toBeLessThan(220);
  });

  it('a DNS change reaches users as cached answers expire, over one TTL', () => {
    const level = levelSchema.parse({
      id: 'dns-ttl', title: 'dns ttl', durationSeconds: 60, noise: false, sloMs: 500, target: 0.9, budget: 1e9,
      regions: [{ id: 'east' }, { id: 'west' }], rttMs: [[2, 80], [80, 2]],
      traffic: { users: [{ region: 'east', clients: 1000, rps: 1000 }], mix: { static: 1 } },
      initial: [
        { type: 'place', kind: 'dns', region: 'east', id: 'dns1', config: { policy: 'failover', primary: 'ae', ttlSeconds: 20 } },
        { type: 'place', kind: 'app', region: 'east', id: 'ae' }, { type: 'place', kind: 'app', region: 'west', id: 'aw' },
        { type: 'link', from: 'dns1', to: 'ae' }, { type: 'link', from: 'dns1', to: 'aw' },
      ],
    });
    const r = simulate(level, { actions: [{ at: 20, action: { type: 'configure', node: 'dns1', config: { primary: 'aw' } } }] }, { everySeconds: 5 });
    expect(at(r, 15).nodes.aw!.arrivalRps).toBe(0);
    // Half way through the TTL, half the resolvers have the new answer (the sample is the tick before t = 30).
    expect(at(r, 30).nodes.aw!.arrivalRps).toBeCloseTo(495, 6);
    expect(at(r, 45).nodes.aw!.arrivalRps).toBeCloseTo(1000, 0);
    expect(at(r, 45).nodes.ae!.arrivalRps).toBe(0);
  });
});
