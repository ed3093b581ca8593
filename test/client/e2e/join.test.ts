import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { CLOSE_CODES, ERROR_CODES, PROTOCOL_VERSION } from '../../../shared/protocol.js';
import { join as joinRoom, type TestClient } from '../../server/helpers/client.js';
import { spawnHost, type HostProcess } from '../../server/helpers/host-process.js';
import { fakeServer } from '../helpers/fake-server.js';
import { KEYS, describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';
import { closedPort, tcpProxy } from '../helpers/tcp-proxy.js';

/** Stopped after each test, the last started first. */
let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of cleanup.reverse()) await stop();
  cleanup = [];
});

function client(args: string[]): PtyClient {
  const c = spawnClient(args);
  cleanup.push(() => c.kill());
  return c;
}

/** `nines host --headless` (on a free port unless told), its game ten times faster. */
async function hostProcess(dataDir: string, port = 0): Promise<HostProcess> {
  const h = await spawnHost(['--speed', '10', '--data-dir', dataDir, '--port', String(port)]);
  cleanup.push(async () => {
    h.child.kill('SIGTERM');
    await h.exited;
  });
  return h;
}

/** A hosted room and its host watching, with the host token. */
async function host(): Promise<{ h: HostProcess; teacher: TestClient }> {
  const h = await hostProcess(mkdtempSync(join(tmpdir(), 'nines-join-')));
  const { client: teacher } = await joinRoom(h.url, h.first.room, 'teacher', { spectate: true, hostToken: h.first.hostToken });
  cleanup.push(() => teacher.close());
  return { h, teacher };
}

/** The one line a failed join leaves on the restored terminal, once it exited with 1. */
async function failure(c: PtyClient): Promise<string> {
  expect(await c.exited()).toBe(1);
  expect(c.onMainScreen()).toBe(true);
  expect(c.screen()).toContain('nines join: ');
  const lines = c.raw().replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').split(/\r?\n/).filter((l) => l.includes('nines join: '));
  expect(lines).toHaveLength(1);
  return lines[0]!.slice(lines[0]!.indexOf('nines join: ')).trimEnd();
}

describePty('nines join', () => {
  it('two players join a hosted room, ready up in the lobby, and see each other on the leaderboard', async () => {
    const { h, teacher } = await host();
    const ana = client(['join', h.first.address, h.first.room.toLowerCase(), '--name', 'ana']);
    const bo = client(['join', `ws://${h.first.address}`, h.first.room, '--name', 'bo']);
    await ana.waitFor('waiting for the host to start');
    await bo.waitFor(/\[ \] ana/);
    await ana.type('r');
    await bo.waitFor(/\[x\] ana/);
    await teacher.next('room', (m) => m.room.players.length === 2);
    teacher.send({ type: 'start' });
    for (const c of [ana, bo]) {
      await c.waitFor('6 Leaderboard');
      // Neither acts: a tie on availability and score, which the earlier joiner (whoever connected first) wins; the other is marked `2=`.
      await c.waitUntil((rows) => rows.some((r) => /[> ]1\. (ana|bo) /.test(r)) && rows.some((r) => /[> ]2= (ana|bo) /.test(r)), 'ana and bo on the leaderboard');
    }
    expect(ana.rows()[0]).toContain(h.first.room);
    expect(ana.screen()).toMatch(/>[12][.=] ana/);
  });

  it('reconnects by itself after the connection drops, to the same seat and architecture', async () => {
    const { h, teacher } = await host();
    const port = Number(h.first.address.split(':').at(-1));
    const proxy = await tcpProxy(port);
    cleanup.push(() => proxy.close());
    const ana = client(['join', `127.0.0.1:${proxy.port}`, h.first.room, '--name', 'ana', '--no-mouse']);
    await ana.waitFor('waiting for the host to start');
    teacher.send({ type: 'start' });
    await ana.waitFor('1 Map');
    await ana.type('p', 'l');
    await ana.waitFor('done: place lb');
    proxy.hold();
    await ana.waitFor(/~ reconnecting in \ds/);
    await teacher.next('room', (m) => m.room.players.every((p) => !p.connected));
    proxy.release();
    await ana.waitFor('+ connected');
    await ana.waitFor('reconnected');
    expect(ana.screen()).toMatch(/[+!#~] lb1/);
    const room = await teacher.next('room', (m) => m.room.players.every((p) => p.connected));
    expect(room.room.players.map((p) => [p.id, p.name])).toEqual([['p1', 'ana']]);
    await ana.type('q', 'y');
    expect(await ana.exited()).toBe(0);
  });

  it('comes back after the host restarts: the room rebuilt from its log, the same seat and architecture', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nines-join-'));
    const first = await hostProcess(dataDir);
    const { room, address, hostToken } = first.first;
    const teacher = await joinRoom(first.url, room, 'teacher', { spectate: true, hostToken });
    const ana = client(['join', address, room, '--name', 'ana', '--no-mouse']);
    await ana.waitFor('waiting for the host to start');
    teacher.client.send({ type: 'start' });
    await ana.waitFor('1 Map');
    await ana.type('p', 'l');
    await ana.waitFor('done: place lb');
    first.child.kill('SIGTERM');
    await first.exited;
    await ana.waitFor(/~ reconnecting/);
    const second = await hostProcess(dataDir, Number(address.split(':').at(-1)));
    expect(second.first).toMatchObject({ room, restored: true });
    await ana.waitFor('reconnected');
    await ana.waitFor('+ connected');
    expect(ana.screen()).toMatch(/[+!#~] lb1/);
    const watcher = await joinRoom(second.url, room, 'teacher', { spectate: true, hostToken });
    cleanup.push(() => watcher.client.close());
    expect(watcher.welcome.room.players.map((p) => [p.id, p.name, p.connected])).toEqual([['p1', 'ana', true]]);
  });

  it('a wrong room code: one line saying so, exit 1, the terminal restored', async () => {
    const { h } = await host();
    const c = client(['join', h.first.address, 'ZZZZZ', '--name', 'ana']);
    expect(await failure(c)).toBe(`nines join: no room ZZZZZ at ${h.url}: check the code the host gave (5 characters; never 0, O, 1, I or L)`);
  });

  it('a server of another protocol version: says what to update', async () => {
    const newer = await fakeServer((_msg, ws) => {
      ws.send(JSON.stringify({ type: 'error', code: ERROR_CODES.VERSION_MISMATCH, message: `this server speaks nines protocol ${PROTOCOL_VERSION + 1}, your client ${PROTOCOL_VERSION}: update nines on your client` }));
      ws.close(CLOSE_CODES.VERSION_MISMATCH, ERROR_CODES.VERSION_MISMATCH);
    });
    cleanup.push(() => newer.close());
    const c = client(['join', newer.url, 'ABCDE', '--name', 'ana']);
    expect(await failure(c)).toMatch(/^nines join: the server at ws:\/\/127\.0\.0\.1:\d+ speaks another version of the nines protocol: .*update nines on your client$/);
  });

  it('a server that is not there, and a name already taken', async () => {
    const port = await closedPort();
    expect(await failure(client(['join', `127.0.0.1:${port}`, 'ABCDE', '--name', 'ana']))).toMatch(/nines join: cannot reach ws:\/\/127\.0\.0\.1:\d+: nothing listens there/);
    const { h } = await host();
    const ana = client(['join', h.first.address, h.first.room, '--name', 'ana']);
    await ana.waitFor('waiting for the host');
    expect(await failure(client(['join', h.first.address, h.first.room, '--name', 'Ana']))).toBe(`nines join: room ${h.first.room} already has a player named "Ana": join with another --name`);
    await ana.type(KEYS.ctrlC);
    expect(await ana.exited()).toBe(0);
  });
});
