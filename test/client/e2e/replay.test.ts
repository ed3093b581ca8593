import { afterEach, describe, expect, it } from 'vitest';
import { nines } from '../cli/run-cli.js';
import { ROOT } from '../helpers/levels.js';
import { KEYS, describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';

const PLAN = `${ROOT}/levels/plans/tutorial.reference.json`;

let client: PtyClient | undefined;
afterEach(() => client?.kill());

const footer = (rows: string[]): string => rows.filter((r) => r.includes('REPLAY')).at(-1) ?? '';

describePty('nines replay', () => {
  it('plays a plan read-only: pauses, seeks forward and back to the plan\'s state, refuses edits, ends on the results', async () => {
    client = spawnClient(['replay', '--level', 'tutorial', '--plan', PLAN]);
    const c = client;
    await c.waitFor('Left/Right seek');
    await c.type(' ');
    await c.waitUntil((rows) => /REPLAY \d+s paused {2}Space play/.test(footer(rows)), 'paused in the footer');
    // Five seeks of 10 s: past the plan's scale-out at 40 s, app1 has its three more instances.
    for (let i = 0; i < 5; i++) await c.type(KEYS.right);
    await c.waitUntil((rows) => /REPLAY 5\ds paused/.test(footer(rows)), 'at 50-59 s');
    expect(c.screen()).toMatch(/app1 1u\+3/);
    expect(c.rows()[0]).toMatch(/│ 3:(10|0\d) left │/);
    // Back before it: app1 is alone again, the game played anew from the start.
    for (let i = 0; i < 3; i++) await c.type(KEYS.left);
    await c.waitUntil((rows) => /REPLAY 2\ds paused/.test(footer(rows)), 'back at 20-29 s');
    expect(c.screen()).not.toMatch(/app1 1u\+3/);
    expect(c.rows()[0]).toMatch(/│ 3:(40|3\d) left │/);
    // An edit key is refused with a line that says why.
    await c.type('>');
    await c.waitFor('this is a replay, read-only');
    // To the end: the last seek stops short of it, playing on shows the results.
    for (let i = 0; i < 25; i++) await c.type(KEYS.right);
    await c.waitUntil((rows) => /REPLAY (3:59|4:00) paused/.test(footer(rows)), 'at the last tick');
    await c.type(' ');
    await c.waitFor('the end of the replay');
    expect(c.screen()).toMatch(/Availability\s+99\.\d+%/);
  });
});

describePty('nines replay --difficulty', () => {
  it('plays at the difficulty given, and its results say which', async () => {
    client = spawnClient(['replay', '--level', 'tutorial', '--plan', PLAN, '--difficulty', 'hard', '--speed', '100']);
    await client.waitFor('the end of the replay', 10_000);
    expect(client.screen()).toMatch(/Tutorial: scale out {2}\(hard\)/);
    // Hard's smaller budget: 80% of the tutorial's $1,200.
    expect(client.screen()).toMatch(/Cost +[\d,.]+ of 960 /);
  });
});

describe('nines replay: bad flags', () => {
  it('names a missing plan, a bad speed and an unknown level', () => {
    expect(nines('replay', '--level', 'tutorial').stderr).toContain('nines replay: missing --plan <file>');
    expect(nines('replay', '--level', 'tutorial', '--plan', PLAN, '--speed', 'fast').stderr).toContain('nines replay: --speed: expected a positive number, from 0.1 to 100, got "fast"');
    const level = nines('replay', '--level', 'nowhere', '--plan', PLAN);
    expect(level.status).not.toBe(0);
    expect(level.stderr).toMatch(/nowhere/);
    expect(nines('replay', '--level', 'tutorial', '--plan', PLAN, '--difficulty', 'x').stderr).toContain('--difficulty: expected one of easy, normal, hard, got "x"');
  });
});
