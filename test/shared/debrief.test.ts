import { describe, expect, it } from 'vitest';
import { debrief } from '../../shared/debrief.js';
import { simulate, tidy } from '../../shared/simulate.js';
import { curriculumPlan, playedByPlan } from '../helpers/level-plans.js';

// Scripted games whose answer the curriculum gives: each naive plan fails in the way its level
// teaches, and the change the level's reference plan makes is what saves it.

describe('debrief: the component that failed first', () => {
  it('blames app1 for the tutorial naive plan: saturated, shedding and timing out, during the ramp', () => {
    const { level, log } = playedByPlan('tutorial', 'naive');
    const d = debrief(level, log, { whatIfs: 0 });
    expect(d.incidents).toHaveLength(1);
    const [incident] = d.incidents;
    expect(incident!.culprit).toMatchObject({ node: 'app1', kind: 'app', region: 'us-east', reason: 'overloaded' });
    expect(incident!.culprit!.peakUtilization).toBeGreaterThanOrEqual(0.95);
    // Saturation shows before the requests start failing.
    expect(incident!.culprit!.from).toBeLessThanOrEqual(incident!.from);
    expect(incident!.during).toBe('the traffic ramp');
    expect(incident!.text).toMatch(/^app1 \(app servers\) in us-east saturated, 100% busy, from 0:\d\d to 4:00 during the traffic ramp; \d+% of requests were shed \(overloaded\) and \d+% timed out$/);
    expect(d.headline).toBe(incident!.text);
  });

  it('blames the database, not the app pool in front of it, when the database saturates first (read-heavy naive)', () => {
    const { level, log } = playedByPlan('read-heavy', 'naive');
    const d = debrief(level, log, { whatIfs: 0 });
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', kind: 'db', reason: 'overloaded' });
  });

  it('names a failed primary as down, from the failure on (db-failover naive)', () => {
    const { level, log } = playedByPlan('db-failover', 'naive');
    const d = debrief(level, log, { whatIfs: 0 });
    const c = d.incidents[0]!.culprit!;
    expect(c).toMatchObject({ node: 'db1', reason: 'node-down', from: 150 });
    expect(d.incidents[0]!.during).toBe('the database failure');
    expect(d.incidents[0]!.text).toContain('db1 (database primary) in us-east was down from 2:30');
  });

  it('finds no incident in a game that kept availability above target, and says so', () => {
    const { level, log } = playedByPlan('celebrity', 'reference');
    const d = debrief(level, log);
    expect(d.incidents).toEqual([]);
    expect(d.whatIfs).toEqual([]);
    expect(d.headline).toBe('no incident: availability stayed above the 99% target');
  });
});

describe('debrief: timeline', () => {
  it('replays the log to the same result as simulate, with one availability reading per second and the events marked', () => {
    const { level, log } = playedByPlan('tutorial', 'naive');
    const d = debrief(level, log, { whatIfs: 0 });
    const report = simulate(level, curriculumPlan('tutorial', 'naive'));
    expect(tidy(d.availability)).toBe(report.result.availability);
    expect(d.timeline.secondsPerSample).toBe(1);
    expect(d.timeline.availability).toHaveLength(level.durationSeconds);
    // Before the ramp one instance copes; at 4x it serves about a quarter.
    expect(d.timeline.availability[20]).toBeGreaterThan(0.99);
    expect(d.timeline.availability[200]).toBeLessThan(0.4);
    expect(d.events).toEqual([{ at: 30, duration: 150, name: 'the traffic ramp', live: false }]);
  });

  it('replays events the host fired live at the tick they were fired, and marks them', () => {
    const { level, log } = playedByPlan('tutorial', 'reference');
    const fired = { type: 'db-failure' as const, at: 100, duration: 40, announce: 0 };
    const d = debrief(level, { ...log, entries: [...log.entries, { tick: 900, event: fired }] }, { whatIfs: 0 });
    expect(d.events).toContainEqual({ at: 100, duration: 40, name: 'the database failure', live: true });
    expect(d.incidents.at(-1)!.culprit).toMatchObject({ node: 'db1', reason: 'node-down', from: 100 });
  });

  it('stops where the host ended the round', () => {
    const { level, log } = playedByPlan('tutorial', 'naive');
    const d = debrief(level, { ...log, endTick: 600 }, { whatIfs: 0 });
    expect(d.timeline.availability).toHaveLength(60);
  });
});

describe('debrief: what-ifs', () => {
  it('scaling app1 before it saturated would have passed the tutorial', () => {
    const { level, log } = playedByPlan('tutorial', 'naive');
    const d = debrief(level, log);
    const [first] = d.whatIfs;
    expect(first!.actions).toEqual([{ type: 'scale', node: 'app1', by: expect.any(Number) }]);
    expect(first!.at).toBeLessThan(d.incidents[0]!.culprit!.from);
    expect(first!.availability).toBeGreaterThanOrEqual(level.target);
    expect(d.availability).toBeLessThan(level.target);
    expect(first!.text).toMatch(/^Scaling app1 to \d+ instances at 0:\d\d would have kept availability at 99\.\d+% \(it was 44\.9%\)/);
  });

  it('says when the change is what would have broken the budget', () => {
    const { level, log } = playedByPlan('tutorial', 'naive');
    const [first] = debrief(level, log).whatIfs;
    expect(first!.cost).toBeGreaterThan(level.budget);
    expect(first!.passed).toBe(false);
    expect(first!.text).toMatch(/, but the game would have cost [\d,]+ of the 1,200 budget$/);
  });

  it('a queue for the deferrable writes would have carried the flash sale; it is tried first', () => {
    const { level, log } = playedByPlan('flash-sale', 'naive');
    const d = debrief(level, log);
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', reason: 'overloaded' });
    expect(d.whatIfs[0]!.change).toBe('a queue for deferrable writes in front of db1');
    expect(d.whatIfs[0]!.availability).toBeGreaterThanOrEqual(level.target);
  });

  it('a standby for the failed primary would have kept the db-failover level above target', () => {
    const { level, log } = playedByPlan('db-failover', 'naive');
    const d = debrief(level, log);
    const standby = d.whatIfs.find((w) => w.change === 'an async standby for db1')!;
    expect(standby.actions).toEqual([{ type: 'configure', node: 'db1', config: { standby: 'async' } }]);
    // Before the failure, not during it.
    expect(standby.at).toBeLessThan(150);
    expect(standby.availability).toBeGreaterThanOrEqual(level.target);
    expect(standby.availability).toBeGreaterThan(d.availability);
  });

  it('a gateway filtering the DDoS beats scaling the app pool against it', () => {
    const { level, log } = playedByPlan('ddos', 'naive');
    const d = debrief(level, log);
    expect(d.whatIfs.map((w) => w.change)[0]).toMatch(/^a gateway with the traffic filter/);
    expect(d.whatIfs[0]!.availability).toBeGreaterThanOrEqual(level.target);
  });

  it('offers no change that leaves availability where it was, and says in words why none would help', () => {
    // A 25 s database failure, live, on a level whose primary has no standby: a standby needs 30 s or more.
    const { level, log } = playedByPlan('load-balancing', 'reference');
    const failure = { type: 'db-failure' as const, at: 100, duration: 25, announce: 0 };
    const d = debrief(level, { ...log, entries: [...log.entries, { tick: 900, event: failure }].sort((a, b) => a.tick - b.tick) });
    expect(d.incidents[0]!.culprit).toMatchObject({ node: 'db1', reason: 'node-down' });
    expect(d.whatIfs).toEqual([]);
    expect(d.noWhatIf).toBe('a failed primary is down until a standby takes over (30 s for a sync one, 45 s for an async one); this outage of db1 (database primary) in us-east lasted 25 s, so no standby would have shortened it');
  });

  it('spends no more re-runs than asked', () => {
    const { level, log } = playedByPlan('db-failover', 'naive');
    expect(debrief(level, log, { whatIfs: 1 }).whatIfs).toHaveLength(1);
    expect(debrief(level, log, { whatIfs: 0 }).whatIfs).toEqual([]);
  });
});
