import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { join as joinRoom, type TestClient } from '../../server/helpers/client.js';
import { CLOSE_CODES } from '../../../shared/protocol.js';
import { RACE_LEVEL_FILE } from '../../server/helpers/race-level.js';
import { describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of cleanup.reverse()) await stop();
  cleanup = [];
});

describePty('nines host in a terminal: the dashboard', () => {
  it('shows the room code, takes a player, starts the round by key and ranks the player on the projector', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nines-dashboard-'));
    const host: PtyClient = spawnClient(['host', '--port', '0', '--bind', '127.0.0.1', '--speed', '10', '--level', RACE_LEVEL_FILE, '--data-dir', dataDir], { cols: 100, rows: 32 });
    cleanup.push(() => host.kill());
    await host.waitFor(/players join with: nines join 127\.0\.0\.1:\d+ [2-9A-Z]{5}/);
    const [, address, code] = /nines join (127\.0\.0\.1:\d+) ([2-9A-Z]{5})/.exec(host.screen())!;
    expect(host.screen()).toContain(`room ${code}`);
    const ada: { client: TestClient } = await joinRoom(`ws://${address}`, code!, 'ada');
    cleanup.push(() => ada.client.close());
    await host.waitFor(/p1 ada\s+connected/);
    await host.type('v');
    await host.waitFor('Leaderboard');
    await host.type('s');
    await host.waitFor(/1\. ADA\s+\d+\.\d\d%/, 10_000);
    await host.waitFor(/running|ended/);
    await host.type('q');
    await host.waitFor('Quit? This stops the server');
    await host.type('y');
    expect(await host.exited()).toBe(0);
  });

  it('asks before quitting while a player is connected, shows the token on t and the time left, and closes with the shutdown code', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nines-dashboard-'));
    const host: PtyClient = spawnClient(['host', '--port', '0', '--bind', '127.0.0.1', '--level', RACE_LEVEL_FILE, '--data-dir', dataDir], { cols: 80, rows: 24 });
    cleanup.push(() => host.kill());
    await host.waitFor(/players join with: nines join 127\.0\.0\.1:\d+ [2-9A-Z]{5}/);
    const [, address, code] = /nines join (127\.0\.0\.1:\d+) ([2-9A-Z]{5})/.exec(host.screen())!;
    const ada: { client: TestClient } = await joinRoom(`ws://${address}`, code!, 'ada');
    await host.waitFor('1 players, 0 ready, 0 away, 0 watching');
    await host.type('t');
    await host.waitFor(/host token: [\w-]{21}/);
    await host.type('x', 's');
    await host.waitFor(/running, \d+s left/, 10_000);
    expect(host.screen()).not.toMatch(/tick \d/);
    await host.type('e');
    await host.waitFor('End the round now? 1 player(s) connected');
    await host.type('n');
    await host.waitForGone('End the round now?');
    expect(host.screen()).toMatch(/running, \d+s left/);
    await host.type('q');
    await host.waitFor('Quit? This stops the server');
    await host.type('y');
    expect(await host.exited()).toBe(0);
    expect((await ada.client.closed).code).toBe(CLOSE_CODES.SHUTDOWN);
  });
});
