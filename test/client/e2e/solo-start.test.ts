import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/levels.js';
import { KEYS, describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';

let client: PtyClient | undefined;
afterEach(() => client?.kill());

describePty('solo start', () => {
  it('opens the level picker with the tutorial first, and plays it on Enter', async () => {
    client = spawnClient(['play']);
    await client.waitFor('Pick a level');
    expect(client.screen()).toMatch(/>\s+1\.\s+Tutorial: scale out/);
    await client.type(KEYS.enter);
    await client.waitFor('1 Map');
    expect(client.screen()).toContain('app1');
  });

  it('plays when started with no command at all, as npm start does', async () => {
    client = spawnClient([]);
    await client.waitFor('Pick a level');
  });

  it('draws the first game frame of --level at once, every panel numbered', async () => {
    client = spawnClient(['play', '--level', 'tutorial']);
    // The bottom bar is the frame's last row: the pty may hand the frame over in more than one piece.
    await client.waitFor('? help');
    const firstFrameMs = Date.now() - client.startedAt;
    const screen = client.screen();
    for (const title of ['1 Map', '2 Inspector', '3 Availability', '4 Events', '5 Log', '6 Leaderboard']) expect(screen).toContain(title);
    expect(screen).toContain('us-east');
    // A room of the game server run in the process: its code, not a stand-in.
    expect(client.rows()[0]).toMatch(/ [2-9A-HJ-NP-Z]{5} .*\+ connected/);
    expect(screen).toMatch(/app1/);
    expect(screen).toMatch(/left/);
    expect(firstFrameMs).toBeLessThan(3_000);
  });
});

describe('solo play: the brief and pausing', () => {
  it('shows the brief when --level starts the game, pauses on Space, and help and b pause until they close', async () => {
    client = spawnClient(['play', '--level', 'tutorial']);
    const c = client;
    await c.waitFor('Level brief (b: all of it)');
    expect(c.screen()).toContain('Goal: keep');
    await c.waitFor(/\d:\d\d left/);
    // Space pauses: the top bar says so and the clock stands still.
    await c.type(' ');
    await c.waitUntil((rows) => /│ paused │/.test(rows[0] ?? ''), 'paused in the top bar');
    await c.waitFor('paused: Space goes on');
    await c.type(' ');
    await c.waitUntil((rows) => / left │/.test(rows[0] ?? ''), 'the clock going again');
    // Help pauses a solo game while it is open.
    await c.type('?');
    await c.waitFor('Help (Esc closes)');
    await c.waitUntil((rows) => /│ paused │/.test(rows[0] ?? ''), 'paused under the help');
    await c.type(KEYS.esc);
    await c.waitUntil((rows) => / left │/.test(rows[0] ?? ''), 'the clock going again after help');
    // b re-reads the brief, paused too: goal, what will happen, the lesson.
    await c.type('b');
    await c.waitFor('Level brief (Esc closes)');
    expect(c.screen()).toContain('Goal: keep availability at or above 99.0% for 4:00, spending at most 1,200.');
    expect(c.screen()).toContain('What will happen:');
    await c.waitUntil((rows) => /│ paused │/.test(rows[0] ?? ''), 'paused under the brief');
    await c.type(KEYS.esc);
    await c.waitForGone('Level brief (Esc closes)');
  });
});

describe('nines play outside a terminal', () => {
  it('says it needs a terminal and exits 2, and nines alone prints the help', () => {
    const main = join(ROOT, 'dist', 'client', 'cli', 'main.js');
    const play = spawnSync(process.execPath, [main, 'play'], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    expect(play.status).toBe(2);
    expect(play.stderr).toBe('nines play: expected a terminal: stdin and stdout must be a tty; see nines play --help\n');
    const alone = spawnSync(process.execPath, [main], { encoding: 'utf8' });
    expect(alone.status).toBe(0);
    expect(alone.stdout).toContain('nines play');
  });
});
