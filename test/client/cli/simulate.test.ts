import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORE_FORMULA } from '../../../shared/scoring.js';
import type { SimulationReport } from '../../../shared/simulate.js';
import { FIXTURE_LEVEL, FIXTURE_PLAN, nines, STACK_FRAME } from './run-cli.js';

const simulateJson = (...extra: string[]) => nines('simulate', '--level', FIXTURE_LEVEL, '--plan', FIXTURE_PLAN, '--json', ...extra);
const report = (...extra: string[]) => JSON.parse(simulateJson(...extra).stdout) as SimulationReport;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nines-simulate-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('nines simulate --json', () => {
  it('prints the same bytes for the same inputs', () => {
    const first = simulateJson();
    expect(first.status).toBe(0);
    expect(first.stdout.endsWith('}\n')).toBe(true);
    expect(simulateJson().stdout).toBe(first.stdout);
  });

  it('follows the seed: another seed, other noise', () => {
    const r = report('--seed', '8');
    expect(r.seed).toBe(8);
    expect(r.result.offered).not.toBe(report().result.offered);
  });

  it('has the documented report fields', () => {
    const r = report();
    expect(r).toMatchObject({ format: 2, level: 'small-shop', seed: 7, tickMs: 100 });
    for (const key of ['availability', 'offered', 'good', 'cost', 'score'] as const) expect(typeof r.result[key]).toBe('number');
    expect(typeof r.result.passed).toBe('boolean');
    expect(typeof r.result.failed['timed-out']).toBe('number');
    expect(r.timeline.length).toBeGreaterThan(0);
    for (const e of r.timeline) {
      for (const key of ['t', 'offeredRps', 'goodRps', 'availability'] as const) expect(typeof e[key]).toBe('number');
      expect(typeof e.latencyMs.mean).toBe('number');
      expect(typeof e.latencyMs.p95).toBe('number');
      for (const key of ['kind', 'arrivalRps', 'servedRps', 'droppedRps', 'failedRps', 'utilization', 'inSystem', 'latencyMs'] as const) {
        expect(e.nodes.app).toHaveProperty(key);
      }
    }
    const last = r.timeline.at(-1)!;
    expect(last.nodes.app!.kind).toBe('app');
    expect(last.nodes.app).not.toHaveProperty('hitRatio');
    expect(typeof last.nodes.cache!.hitRatio).toBe('number');
  });

  it('records the actions the rules refused, with their error', () => {
    expect(report().rejected).toEqual([
      { at: 3, type: 'link', error: { code: 'LINK_NOT_ALLOWED', message: expect.stringContaining('db cannot call app') } },
    ]);
  });

  it('spaces the timeline by --every', () => {
    expect(report().timeline.map((e) => e.t)).toEqual([10, 20, 30]);
    expect(report('--every', '5').timeline.map((e) => e.t)).toEqual([5, 10, 15, 20, 25, 30]);
  });

  it('plays the initial architecture alone without a plan', () => {
    const r = JSON.parse(nines('simulate', '--level', FIXTURE_LEVEL, '--json').stdout) as SimulationReport;
    expect(r.rejected).toEqual([]);
    expect(Object.keys(r.timeline.at(-1)!.nodes)).toEqual(['app', 'db']);
  });
});

describe('nines simulate (summary)', () => {
  it('prints the verdict, the score formula, refused actions and the timeline', () => {
    const r = nines('simulate', '--level', FIXTURE_LEVEL, '--plan', FIXTURE_PLAN);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Result\s+(PASSED|FAILED)/m);
    expect(r.stdout).toMatch(/^Availability\s+\d+(\.\d+)?% \(target 99%\)$/m);
    expect(r.stdout).toContain(SCORE_FORMULA);
    expect(r.stdout).toContain('at 3 s, link: LINK_NOT_ALLOWED');
    expect(r.stdout).toMatch(/^t \(s\)\s+offered rps\s+good rps\s+availability\s+p95 ms$/m);
    expect(r.stdout).toMatch(/^\s+30\s/m);
  });

  it('names the node most responsible for each kind of failure', () => {
    const overloaded = join(dir, 'overloaded.json');
    writeFileSync(overloaded, JSON.stringify({
      id: 'overloaded', title: 'Too much traffic for one app instance', durationSeconds: 20,
      regions: [{ id: 'home' }], rttMs: [[0]],
      traffic: { users: [{ region: 'home', clients: 100, rps: 3000 }], mix: { read: 1 } },
      sloMs: 200, target: 0.99, budget: 1000, noise: false,
      initial: [
        { type: 'place', kind: 'app', region: 'home', id: 'web' },
        { type: 'place', kind: 'db', region: 'home', id: 'store' },
        { type: 'link', from: 'web', to: 'store' },
      ],
    }));
    const r = nines('simulate', '--level', overloaded);
    expect(r.stdout).toMatch(/^Result\s+FAILED: availability .* is below the 99% target$/m);
    expect(r.stdout).toMatch(/^\s+overloaded\s+[\d,.]+\s+web [\d,.]+$/m);
  });
});

describe('nines simulate (bad input)', () => {
  it('names a level that is neither a file nor a known id, exit 1', () => {
    const r = nines('simulate', '--level', 'no-such-level');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^no-such-level: expected a level file or the id of a level in .*levels, got neither/);
  });

  it('rejects a plan file that is not a plan, with its path, exit 1', () => {
    const r = nines('simulate', '--level', FIXTURE_LEVEL, '--plan', FIXTURE_LEVEL);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${FIXTURE_LEVEL}: actions: missing; expected an array`);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it.each([
    ['--seed', 'abc', '--seed: expected an integer from 0 to 4294967295, got "abc"'],
    ['--seed', '4294967296', '--seed: expected an integer from 0 to 4294967295, got "4294967296"'],
    ['--every', '0', '--every: expected a number of seconds above 0, got "0"'],
  ])('rejects %s %s as a usage error, exit 2', (flag, value, message) => {
    const r = nines('simulate', '--level', FIXTURE_LEVEL, flag, value);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`nines simulate: ${message}; see nines simulate --help\n`);
  });
});
