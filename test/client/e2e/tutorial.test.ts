import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, type TestContext } from 'vitest';
import { KEYS, describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';

/** Game time runs this much faster: the tutorial's 4 minutes take 2.4 s, its 20 s warm-ups 0.2 s. */
const SPEED = '100';
/** Long enough for a whole game at SPEED, on a loaded machine. */
const GAME_MS = 15_000;
/**
 * The player who follows the steps types some 30 keys, each waiting for the screen: on a loaded
 * machine that takes seconds, so its game runs slower (16 s), or the ramp outruns the script.
 */
const FOLLOWER_SPEED = '15';
/** A whole game at FOLLOWER_SPEED, with room for a loaded machine. */
const FOLLOWER_GAME_MS = 45_000;


function tutorial(ctx: TestContext, args: string[] = [], o: { cols?: number; rows?: number; env?: Record<string, string>; speed?: string } = {}): PtyClient {
  const c = spawnClient(['play', '--level', 'tutorial', '--no-mouse', '--speed', o.speed ?? SPEED, ...args], { cols: o.cols ?? 80, rows: o.rows ?? 24, env: o.env ?? {} });
  // Per test, not afterEach: the tests run at once, and each kills only its own clients.
  ctx.onTestFinished(() => c.kill());
  return c;
}

/** Waits for a step's line, then does what it says, by keys only. */
async function step(c: PtyClient, n: number, ...keys: string[]): Promise<void> {
  await c.waitFor(`Step ${n}/11 `);
  await c.type(...keys);
}

/** Waits until the inspector shows the node: the cursor is on it. */
async function inspecting(c: PtyClient, id: string): Promise<void> {
  await c.waitFor(new RegExp(`[│║]${id}\\s+(load balancer|app servers)`));
}

describePty('the guided tutorial', () => {
  it.concurrent('a player who follows the steps at 80x24 passes, each step shown with its hint', async (ctx) => {
    const c = tutorial(ctx, [], { speed: FOLLOWER_SPEED });
    await step(c, 1, 'j');
    expect(c.screen()).toContain("hint: Map (panel 1): regions are columns, tiers rows; app1 is your app pool");
    await step(c, 2, KEYS.enter);
    await step(c, 3, KEYS.esc);
    // Esc alone, and read alone, before the next key (else the two read as Alt+>).
    await c.waitFor('═ 1 Map ═');
    await c.type('>');
    // The warm-up: nothing to do but watch app1 go from 1u+1 to 2u.
    await c.waitFor('Step 4/11 Watch the new instance warm up');
    await step(c, 5, 'p', 'l');
    // The cursor follows the new lb1: link it to app1, below its empty slot.
    await c.waitFor('done: place lb');
    await step(c, 6, 'c', 'j', 'j', KEYS.enter);
    await step(c, 7, 'p', 'a');
    await c.waitFor('done: place app');
    await step(c, 8, '>');
    await step(c, 9, 'c', 'j', 'j', KEYS.enter);
    // The link left the cursor on db1: up through the app row's slot, app2, app1 and the lb row's slot to lb1.
    await step(c, 10, 'k', 'k', 'k', 'k', 'k');
    await inspecting(c, 'lb1');
    // Then down through the lb row's slot and app1 to app2.
    await c.type('c', 'j', 'j', 'j');
    await inspecting(c, 'app2');
    await c.type(KEYS.enter);
    await c.waitFor('Step 11/11 Survive the ramp');
    await c.waitFor('all 11 steps done', FOLLOWER_GAME_MS);
    await c.waitFor('Result', FOLLOWER_GAME_MS);
    const screen = c.screen();
    expect(screen).toMatch(/Tutorial\s+all 11 steps done/);
    expect(screen).toContain('PASSED');
    expect(screen).not.toContain('refused');
  }, FOLLOWER_GAME_MS + 15_000);

  it.concurrent('a player who does nothing at 160x48 fails, is told which step was not done, and meets the first tips', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'nines-tut-'));
    const c = tutorial(ctx, [], { cols: 160, rows: 48, env: { NINES_STATE_DIR: dir } });
    await c.waitFor('Step 1/11 ');
    expect(c.screen()).toContain('S skips');
    // The announced ramp, then the failures it brings: each tip once, in the log.
    await c.waitFor('tip: Events (4) counts down; b tells what comes', GAME_MS);
    await c.waitFor('tip: failures name a node and a reason: Log (5)', GAME_MS);
    await c.waitFor('Result', GAME_MS);
    const screen = c.screen();
    expect(screen).toMatch(/Tutorial\s+not passed: step 1 of 11 was not done \(Move the map's cursor onto app1/);
    expect(screen).toContain('FAILED');
    // Seen tips are kept, so the next game does not repeat them; the level is not marked passed.
    const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { tips: boolean; tipsSeen: string[] };
    expect(settings).toEqual({ tips: true, tipsSeen: ['first-event', 'first-failure'] });
  });

  it.concurrent('S skips the guide, and --no-guide starts without it', async (ctx) => {
    const c = tutorial(ctx, [], { speed: '1' });
    await c.waitFor('Step 1/11 ');
    await c.type('S');
    await c.waitFor('guide skipped: the level plays as any other');
    expect(c.screen()).not.toContain('Step 1/11');
    const d = tutorial(ctx, ['--no-guide'], { speed: '1' });
    await d.waitFor('1 Map');
    await d.waitFor('? help');
    expect(d.screen()).not.toContain('Step 1/11');
  });

  it.concurrent('T turns tips off for good; --no-tips shows none this run', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'nines-tips-'));
    const c = tutorial(ctx, [], { speed: '1', env: { NINES_STATE_DIR: dir } });
    await c.waitFor('Step 1/11 ');
    await c.type('T');
    await c.waitFor('tips off (T or :tips on brings them back)');
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ tips: false, tipsSeen: [] });
    // A refusal with tips off: its reason, and no tip.
    await c.type('j', 'j', 'j', '>');
    await c.waitFor('refused: db does not scale by units');
    expect(c.screen()).not.toContain('tip:');
    const d = tutorial(ctx, ['--no-tips'], { speed: '1' });
    await d.waitFor('Step 1/11 ');
    await d.type('j', 'j', 'j', '>');
    await d.waitFor('refused: db does not scale by units');
    expect(d.screen()).not.toContain('tip:');
    // With tips on (a fresh player), the same refusal brings its tip.
    const e = tutorial(ctx, [], { speed: '1' });
    await e.waitFor('Step 1/11 ');
    await e.type('j', 'j', 'j', '>');
    await e.waitFor('tip: a refusal changes nothing; read its reason');
  });
});
