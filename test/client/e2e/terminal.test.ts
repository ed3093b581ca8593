import { afterEach, expect, it } from 'vitest';
import { SHORT_LEVEL_FILE } from '../helpers/levels.js';
import { KEYS, describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';

let client: PtyClient | undefined;
afterEach(() => client?.kill());

/** Leaves the alternate screen, shows the cursor again, stops mouse reporting. */
const RESTORE = ['\x1b[?1049l', '\x1b[?25h'];

describePty('the terminal', () => {
  it('redraws on resize from 80x24 to 160x48 and back', async () => {
    const c = spawnClient(['play', '--level', 'tutorial']);
    client = c;
    await c.waitFor('6 Leaderboard');
    c.resize(160, 48);
    await c.waitUntil((rows) => /\? help/.test(rows[47] ?? ''), 'the hints on the last of 48 rows');
    const big = c.rows();
    expect(big[0]!.length).toBeGreaterThan(80);
    expect(big.join('\n')).toMatch(/6 Leaderboard/);
    c.resize(80, 24);
    await c.waitUntil((rows) => /\? help/.test(rows[23] ?? '') && rows.every((r) => r.length <= 80), 'the hints on the last of 24 rows');
    // The tutorial's guide, its step and its hint, under the top bar; the map below.
    expect(c.rows()[1]).toMatch(/^ Step 1\/11 /);
    expect(c.rows()[3]).toMatch(/^╔═ 1 Map/);
  });

  it('q asks first during a game, then leaves the terminal as it found it', async () => {
    const c = spawnClient(['play', '--level', 'tutorial']);
    client = c;
    await c.waitFor('1 Map');
    await c.type('q');
    await c.waitFor('quit this game? (y/n)');
    await c.type(KEYS.esc);
    await c.waitForGone('quit this game?');
    await c.type('q', 'y');
    expect(await c.exited()).toBe(0);
    expect(c.onMainScreen()).toBe(true);
    for (const seq of RESTORE) expect(c.raw()).toContain(seq);
  });

  it('Ctrl-C quits at once and restores the terminal', async () => {
    const c = spawnClient(['play', '--level', 'tutorial']);
    client = c;
    await c.waitFor('1 Map');
    await c.type(KEYS.ctrlC);
    expect(await c.exited()).toBe(0);
    expect(c.onMainScreen()).toBe(true);
    for (const seq of RESTORE) expect(c.raw()).toContain(seq);
  });

  it('takes mouse clicks: a node selects it, a hint presses its key', async () => {
    const c = spawnClient(['play', '--level', 'tutorial']);
    client = c;
    await c.waitFor('1 Map');
    const y = c.rows().findIndex((r) => r.includes('db1'));
    const x = c.rows()[y]!.indexOf('db1');
    await c.type(`\x1b[<0;${x + 1};${y + 1}M`, `\x1b[<0;${x + 1};${y + 1}m`);
    await c.waitFor('db1  database primary');
    const hx = c.rows()[23]!.indexOf('? help');
    await c.type(`\x1b[<0;${hx + 1};24M`, `\x1b[<0;${hx + 1};24m`);
    await c.waitFor('Help (Esc closes)');
  });

  it('Esc never quits', async () => {
    const c = spawnClient(['play', '--level', 'tutorial']);
    client = c;
    await c.waitFor('1 Map');
    await c.type(KEYS.esc, KEYS.esc);
    await c.type('2');
    await c.waitFor('╔═ 2 Inspector');
    expect(c.onMainScreen()).toBe(false);
  });

  it('draws without colour under --mono and NO_COLOR, with the glyphs still there', async () => {
    const runs: { args: string[]; env: Record<string, string> }[] = [{ args: ['--mono'], env: {} }, { args: [], env: { NO_COLOR: '1' } }];
    for (const run of runs) {
      const c = spawnClient(['play', '--level', 'tutorial', ...run.args], { env: run.env });
      client = c;
      await c.waitFor(/[+!#] app1/);
      // No foreground colour at all: neither the 8 basic colours nor the 256.
      expect(c.raw()).not.toMatch(/\x1b\[[0-9;]*(3[0-7]|38;5;\d+)m/);
      c.kill();
    }
  });
});

describePty('the results screen', () => {
  it('shows the verdict, score, stars, formula, what failed where and the debrief; Enter plays again', async () => {
    const c = spawnClient(['play', '--level', SHORT_LEVEL_FILE, '--speed', '20']);
    client = c;
    await c.waitFor('Results', 8_000);
    const screen = c.screen();
    expect(screen).toContain('x FAILED');
    expect(screen).toMatch(/Availability\s+\d+\.\d+%/);
    expect(screen).toMatch(/Stars\s+\[---\] 0 of 3: no stars without a pass/);
    expect(screen).toMatch(/Score\s+\d+ /);
    expect(screen).toContain('score = 200 x nines');
    expect(screen).toMatch(/node-down\s+\S+\s+app1/);
    // The server's debrief follows the results: what failed first, and why.
    await c.waitFor('Incident', 8_000);
    expect(c.screen()).toMatch(/Incident\s+app1/);
    await c.type(KEYS.enter);
    await c.waitFor('1 Map');
  });
});
