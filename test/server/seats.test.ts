import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBots, type BotResult } from '../../client/bot/bot-runner.js';
import { CLOSE_CODES, ERROR_CODES } from '../../shared/protocol.js';
import { nines } from '../client/cli/run-cli.js';
import { TestClient } from './helpers/client.js';
import { spawnHost } from './helpers/host-process.js';
import { raceLevel } from './helpers/race-level.js';
import { fileTestServer, testServer, type TestServer } from './helpers/server.js';

// Seats cannot be exhausted: lobby seats of closed connections are released after a grace period,
// away seats of a round count toward capacity only past a bound, and one address holds a bounded
// number of seats. Two loopback addresses stand for two machines.

const level = raceLevel();
const OTHER = '127.0.0.2';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});

/** Connects from `from` (a loopback address), says hello and waits for the answer: a welcome, or an error. */
async function hello(url: string, room: string, name: string, extra: Record<string, unknown> = {}, from = '127.0.0.1') {
  const client = await TestClient.connect(url, { localAddress: from });
  client.hello(room, name, extra);
  const answer = await Promise.race([client.next('welcome'), client.next('error')]);
  return { client, answer };
}

async function seated(url: string, room: string, name: string, extra: Record<string, unknown> = {}, from = '127.0.0.1') {
  const { client, answer } = await hello(url, room, name, extra, from);
  if (answer.type !== 'welcome') throw new Error(`${name}: expected a welcome, got ${answer.code}: ${answer.message}`);
  return { client, welcome: answer };
}

describe('seats: the lobby', () => {
  it('releases the seats of 100 throwaway joins that disconnected, within the grace plus a second; a seat resumed in time is kept', async () => {
    const grace = 400;
    const t = (running = await testServer({ limits: { maxPlayersPerRoom: 100, maxSeatsPerAddress: 100, maxConnectionsPerAddress: 200, lobbySeatGraceMs: grace } }));
    const { code, hostToken } = t.server.rooms.create(level);
    const host = (await seated(t.url, code, 'teacher', { spectate: true, hostToken })).client;
    const throwaways = await Promise.all(Array.from({ length: 100 }, (_, i) => seated(t.url, code, `junk-${i}`)));
    await Promise.all(throwaways.map((j) => j.client.close()));
    const closedAt = performance.now();
    const before = new Set(host.received);
    // The seats are still held just after: the room is full.
    const early = await hello(t.url, code, 'real', {}, OTHER);
    expect(early.answer).toMatchObject({ type: 'error', code: ERROR_CODES.ROOM_FULL });
    // One comes back with its token within the grace: its seat is kept.
    const back = await seated(t.url, code, 'junk-0', { resume: throwaways[0]!.welcome.resumeToken });
    expect(back.welcome.playerId).toBe(throwaways[0]!.welcome.playerId);
    await host.next('room', (m) => !before.has(m) && m.room.players.length === 1);
    expect(performance.now() - closedAt).toBeLessThan(grace + 1_000);
    const real = await seated(t.url, code, 'real', {}, OTHER);
    expect(real.welcome.room.players.map((p) => p.name)).toEqual(['junk-0', 'real']);
    const released = t.logs.flatMap((l) => /released (\d+) lobby seat/.exec(l)?.[1] ?? []).reduce((n, k) => n + Number(k), 0);
    expect(released).toBe(99);
  });

  it('holds at most the per-address number of seats for one address, while another address still gets in', async () => {
    const t = (running = await testServer({ limits: { maxSeatsPerAddress: 3 } }));
    const { code } = t.server.rooms.create(level);
    for (const name of ['a', 'b', 'c']) await seated(t.url, code, name);
    const fourth = await hello(t.url, code, 'd');
    expect(fourth.answer).toMatchObject({ type: 'error', code: ERROR_CODES.ADDRESS_FULL });
    expect(fourth.answer.type === 'error' && fourth.answer.message).toContain('nines host --max-seats-per-address');
    expect((await fourth.client.closed).code).toBe(CLOSE_CODES.FULL);
    const other = await seated(t.url, code, 'e', {}, OTHER);
    expect(other.welcome.room.players.map((p) => p.name)).toEqual(['a', 'b', 'c', 'e']);
  });
});

describe('seats: bots from the host\'s own machine', () => {
  it('seats 30 bots from one address on a default server; the 41st is told which flag lifts the cap', async () => {
    const t = (running = await testServer());
    const { code, hostToken } = t.server.rooms.create(level);
    const host = (await seated(t.url, code, 'teacher', { spectate: true, hostToken })).client;
    const results: BotResult[] = [];
    const run = runBots({ url: t.url, room: code, count: 41, strategy: 'idle', prefix: 'bot', seed: 1, onResult: (r) => results.push(r) });
    try {
      await run.joined;
      await host.next('room', (m) => m.room.players.length === 40);
      expect(results).toHaveLength(1);
      expect(results[0]!.detail).toContain('nines host --max-seats-per-address');
    } finally {
      run.stop();
      await run.done;
    }
  });
});

describe('seats: the per-address cap outlives a restart', () => {
  it('counts the seats an address took before the server restarted, from the room log', async () => {
    const first = (running = await fileTestServer({ limits: { maxSeatsPerAddress: 2 } }));
    const { code } = first.server.rooms.create(level);
    await seated(first.url, code, 'a');
    await seated(first.url, code, 'b');
    await first.server.close();
    const again = (running = await fileTestServer({ dataDir: first.dataDir, limits: { maxSeatsPerAddress: 2 } }));
    const third = await hello(again.url, code, 'c');
    expect(third.answer).toMatchObject({ type: 'error', code: ERROR_CODES.ADDRESS_FULL });
    await seated(again.url, code, 'd', {}, OTHER);
    // The log keeps a hash of the address, not the address.
    expect(readFileSync(join(first.dataDir, 'rooms', `${code}.jsonl`), 'utf8')).not.toContain('127.0.0.1');
  });
});

describe('seats: the host sets the per-address cap', () => {
  it('nines host --max-seats-per-address takes a whole number and applies it', async () => {
    const bad = nines('host', '--port', '0', '--max-seats-per-address', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-seats-per-address: expected a whole number from 1 to 100000, got "many"');
    const host = await spawnHost(['--max-seats-per-address', '2', '--data-dir', mkdtempSync(join(tmpdir(), 'nines-seats-'))]);
    try {
      const { url, first: { room } } = host;
      await seated(url, room, 'a');
      await seated(url, room, 'b');
      const third = await hello(url, room, 'c');
      expect(third.answer).toMatchObject({ type: 'error', code: ERROR_CODES.ADDRESS_FULL });
      expect(third.answer.type === 'error' && third.answer.message).toContain('already seats 2 players from your address (127.0.0.1)');
    } finally {
      host.child.kill('SIGTERM');
      await host.exited;
    }
  });
});

describe('seats: during a round', () => {
  it('keeps away seats for their players, and counts them toward capacity only past the bound', async () => {
    const t = (running = await testServer({ speed: 5, limits: { maxPlayersPerRoom: 4, awaySeatsUncounted: 2 } }));
    const { code, hostToken } = t.server.rooms.create(level);
    const host = (await seated(t.url, code, 'teacher', { spectate: true, hostToken })).client;
    const players = await Promise.all(['a', 'b', 'c', 'd'].map((n) => seated(t.url, code, n)));
    host.send({ type: 'start' });
    await players[0]!.client.next('sync');
    await Promise.all(players.slice(1).map((p) => p.client.close()));
    await host.next('room', (m) => m.room.players.filter((p) => !p.connected).length === 3);
    // Three away, two of them not counted: 1 connected + 1 counted away = 2 of 4, room for two more.
    await seated(t.url, code, 'e', {}, OTHER);
    await seated(t.url, code, 'f', {}, OTHER);
    const full = await hello(t.url, code, 'g', {}, OTHER);
    expect(full.answer).toMatchObject({ type: 'error', code: ERROR_CODES.ROOM_FULL });
    // An away player comes back to their seat, even with the room full.
    const b = await seated(t.url, code, 'b', { resume: players[1]!.welcome.resumeToken });
    expect(b.welcome.playerId).toBe(players[1]!.welcome.playerId);
  });

  it('lets a player who quit rejoin by the same name while the seat is away, and refuses the name while it is connected', async () => {
    const t = (running = await testServer({ speed: 5 }));
    const { code, hostToken } = t.server.rooms.create(level);
    const host = (await seated(t.url, code, 'teacher', { spectate: true, hostToken })).client;
    const ada = await seated(t.url, code, 'ada');
    host.send({ type: 'start' });
    await ada.client.next('sync');
    ada.client.send({ type: 'act', seq: 1, action: { type: 'upgrade', node: 'app' } });
    expect(await ada.client.next('ack')).toMatchObject({ seq: 1, ok: true });
    const impostor = await hello(t.url, code, 'ADA', {}, OTHER);
    expect(impostor.answer).toMatchObject({ type: 'error', code: ERROR_CODES.NAME_TAKEN });
    ada.client.send({ type: 'leave' });
    await ada.client.closed;
    await host.next('room', (m) => m.room.players.some((p) => p.name === 'ada' && !p.connected));
    const again = await seated(t.url, code, 'ada');
    expect(again.welcome).toMatchObject({ playerId: ada.welcome.playerId, lastSeq: 1 });
    expect(again.welcome.resumeToken).not.toBe(ada.welcome.resumeToken);
    expect(await again.client.next('snapshot')).toMatchObject({ type: 'snapshot' });
  });
});
