import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../shared/action.js';
import { resultOf } from '../../shared/game.js';
import { CLOSE_CODES, ERROR_CODES, PROTOCOL_VERSION } from '../../shared/protocol.js';
import { DEFAULTS } from '../../server/limits.js';
import { stateHash } from '../../shared/state-hash.js';
import { TestClient, join as joinRoom } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { playAlone, type TimedAction } from './helpers/replay.js';
import { fileTestServer, testServer, type TestServer } from './helpers/server.js';
import { expectSyncEvery } from './helpers/sync-schedule.js';

const level = raceLevel();
const TOTAL_TICKS = (level.durationSeconds * 1000) / level.tickMs;
const UPGRADE: Action = { type: 'upgrade', node: 'app' };

let running: TestServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((t) => t.server.close()));
  running = [];
});

async function serve(options: Parameters<typeof testServer>[0] = {}): Promise<Awaited<ReturnType<typeof testServer>>> {
  const t = await testServer(options);
  running.push(t);
  return t;
}

/** A room with its host watching, ready to start. */
async function hostedRoom(t: TestServer) {
  const { code, hostToken } = t.server.rooms.create(level);
  const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken });
  return { code, hostToken, host: host.client, hostWelcome: host.welcome };
}

describe('game server: a round', () => {
  it('plays a round with several clients from hello to results, each player on its own architecture', async () => {
    const t = await serve();
    const { code, host, hostWelcome } = await hostedRoom(t);
    expect(hostWelcome).toMatchObject({ host: true, protocol: PROTOCOL_VERSION, tickMs: 100, seed: level.seed, room: { code, phase: 'lobby' } });
    expect(hostWelcome.playerId).toBeUndefined();
    const [ada, bob, cy] = await Promise.all(['ada', 'bob', 'cy'].map((name) => joinRoom(t.url, code, name)));
    expect([ada!.welcome.playerId, bob!.welcome.playerId, cy!.welcome.playerId]).toEqual(['p1', 'p2', 'p3']);
    await host.next('room', (m) => m.room.players.length === 3);
    host.send({ type: 'start' });
    await ada!.client.next('sync');
    await bob!.client.next('sync');
    ada!.client.send({ type: 'act', seq: 1, action: UPGRADE });
    bob!.client.send({ type: 'act', seq: 1, action: { type: 'upgrade', node: 'app', tier: 'large' } });
    const [adaAck, bobAck] = [await ada!.client.next('ack'), await bob!.client.next('ack')];
    expect(adaAck).toMatchObject({ seq: 1, ok: true });
    expect(bobAck).toMatchObject({ seq: 1, ok: true });
    const results = await Promise.all([host, ada!.client, bob!.client, cy!.client].map((c) => c.next('results')));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    const expected = [
      { player: 'p1', game: playAlone(level, [{ tick: adaAck.tick!, action: UPGRADE }], TOTAL_TICKS) },
      { player: 'p2', game: playAlone(level, [{ tick: bobAck.tick!, action: { type: 'upgrade', node: 'app', tier: 'large' } }], TOTAL_TICKS) },
      { player: 'p3', game: playAlone(level, [], TOTAL_TICKS) },
    ];
    for (const { player, game } of expected) {
      const row = results[0]!.rows.find((r) => r.player === player)!;
      expect(row).toMatchObject({ score: resultOf(game).score, availability: resultOf(game).availability, cost: resultOf(game).cost });
    }
    const ranked = results[0]!.rows.map((r) => r.availability);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
    expect(results[0]!.rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    // Every sync on the schedule arrived, none twice, and no snapshot: the clients make the round's
    // first state themselves and replay the rest.
    for (const c of [ada!.client, bob!.client, cy!.client]) expectSyncEvery(c.all('sync').map((s) => s.tick), 0, TOTAL_TICKS);
    // Each game at its own phase of the period: the room's syncs are spread over the ticks.
    expect(new Set([ada!.client, bob!.client, cy!.client].map((c) => c.all('sync')[1]!.tick)).size).toBe(3);
    for (const c of [ada!.client, bob!.client, cy!.client, host]) expect(c.all('snapshot')).toEqual([]);
    expect(host.all('sync')).toEqual([]);
    // The first and the last sync have the hash; in between, one every HASH_EVERY_TICKS, each game its turn.
    const hashed = (c: TestClient) => c.all('sync').filter((s) => s.hash !== undefined);
    expect([hashed(cy!.client)[0]!.tick, hashed(cy!.client).at(-1)!.tick]).toEqual([0, TOTAL_TICKS]);
    for (const c of [ada!.client, bob!.client, cy!.client]) {
      const between = hashed(c).slice(1, -1).map((s) => s.tick);
      expect(between.slice(1).map((t, i) => t - between[i]!)).toEqual(Array(between.length - 1).fill(DEFAULTS.HASH_EVERY_TICKS));
    }
    expect(new Set([ada!.client, bob!.client, cy!.client].map((c) => hashed(c)[1]!.tick)).size).toBe(3);
    for (const s of hashed(cy!.client)) expect(s.hash).toBe(stateHash(playAlone(level, [], s.tick).state));
    expect(hashed(cy!.client).at(-1)!.hash).toBe(stateHash(expected[2]!.game.state));
    expect(host.all('announce').map((a) => [a.tick, a.event.type])).toEqual([[40, 'flash-sale']]);
    const kept = t.storage.readResults(t.storage.listResults().find((k) => k.game === `${code}-1`)!);
    expect(kept.rows).toEqual(results[0]!.rows);
  });

  it('keeps two rooms independent: their own players, their own clock, their own end', async () => {
    const t = await serve();
    const a = await hostedRoom(t);
    const b = await hostedRoom(t);
    const inA = await joinRoom(t.url, a.code, 'ada');
    const inB = await joinRoom(t.url, b.code, 'ada');
    expect(inB.welcome.playerId).toBe('p1');
    a.host.send({ type: 'start' });
    b.host.send({ type: 'start' });
    await inA.client.next('sync');
    inA.client.send({ type: 'act', seq: 0, action: UPGRADE });
    const ack = await inA.client.next('ack');
    await inA.client.next('sync', (s) => s.tick >= 30);
    a.host.send({ type: 'end' });
    const resultsA = await inA.client.next('results');
    expect(resultsA.tick).toBeLessThan(TOTAL_TICKS);
    const resultsB = await inB.client.next('results');
    expect(resultsB.tick).toBe(TOTAL_TICKS);
    expect(resultsA.rows[0]!.score).toBe(resultOf(playAlone(level, [{ tick: ack.tick!, action: UPGRADE }], resultsA.tick)).score);
    expect(resultsB.rows[0]!.score).toBe(resultOf(playAlone(level, [], TOTAL_TICKS)).score);
    for (const c of [inA.client, inB.client]) {
      expect(c.all('leaderboard').every((l) => l.rows.length === 1)).toBe(true);
      expect(c.all('results')).toHaveLength(1);
    }
    expect(inB.client.all('ack')).toEqual([]);
  });
});

describe('game server: next round', () => {
  it('moves the room to another level from the levels folder, and names a level it does not have', async () => {
    const t = await serve();
    const { code, host } = await hostedRoom(t);
    const ada = await joinRoom(t.url, code, 'ada');
    host.send({ type: 'next', level: 'no-such-level' });
    expect(await host.next('error')).toMatchObject({ code: ERROR_CODES.UNKNOWN_LEVEL, message: expect.stringContaining('no level "no-such-level"') });
    host.send({ type: 'next', level: 'tutorial' });
    const next = await ada.client.next('level');
    expect(next).toMatchObject({ level: { id: 'tutorial' }, room: { phase: 'lobby', levelId: 'tutorial', players: [{ id: 'p1' }] } });
    expect(t.server.rooms.get(code)!.level.id).toBe('tutorial');
  });
});

describe('game server: reconnection', () => {
  it('gives the seat back mid-game with the same architecture, a new token, and refuses the old one', async () => {
    const t = await serve();
    const { code, host } = await hostedRoom(t);
    const ada = await joinRoom(t.url, code, 'ada');
    host.send({ type: 'start' });
    await ada.client.next('sync');
    ada.client.send({ type: 'act', seq: 1, action: UPGRADE });
    const ack = await ada.client.next('ack');
    ada.client.ws.terminate();
    await host.next('room', (m) => m.room.players[0]?.connected === false);

    const back = await joinRoom(t.url, code, 'ada', { resume: ada.welcome.resumeToken });
    expect(back.welcome).toMatchObject({ playerId: 'p1', lastSeq: 1 });
    expect(back.welcome.resumeToken).not.toBe(ada.welcome.resumeToken);
    const snap = await back.client.next('snapshot');
    expect(snap.state.nodes.find((n) => n.id === 'app')!.tier).toBe('medium');
    expect(snap.hash).toBe(stateHash(playAlone(level, [{ tick: ack.tick!, action: UPGRADE }], snap.tick).state));
    // The client resends what it had buffered: the server knows it already.
    back.client.send({ type: 'act', seq: 1, action: UPGRADE });
    expect(await back.client.next('ack')).toMatchObject({ seq: 1, ok: false, code: ERROR_CODES.DUPLICATE_SEQ });

    const stale = await TestClient.connect(t.url);
    stale.hello(code, 'ada', { resume: ada.welcome.resumeToken });
    expect(await stale.next('error')).toMatchObject({ code: ERROR_CODES.BAD_RESUME_TOKEN });
    expect((await stale.closed).code).toBe(CLOSE_CODES.BAD_TOKEN);

    const newer = await joinRoom(t.url, code, 'ada', { resume: back.welcome.resumeToken });
    expect(newer.welcome.playerId).toBe('p1');
    expect((await back.client.closed).code).toBe(CLOSE_CODES.REPLACED);
    const later = await newer.client.next('snapshot');
    expect(later.hash).toBe(stateHash(playAlone(level, [{ tick: ack.tick!, action: UPGRADE }], later.tick).state));
  });
});

describe('game server: authorization', () => {
  it('lets nobody act for another player or use host controls without the host token', async () => {
    const t = await serve();
    const { code, host } = await hostedRoom(t);
    const ada = await joinRoom(t.url, code, 'ada');
    const bob = await joinRoom(t.url, code, 'bob');
    const watcher = await joinRoom(t.url, code, 'watcher', { spectate: true });
    for (const c of [ada.client, watcher.client]) {
      c.send({ type: 'start' });
      expect(await c.next('error')).toMatchObject({ code: ERROR_CODES.NOT_HOST });
    }
    const wrongHost = await TestClient.connect(t.url);
    wrongHost.hello(code, 'mallory', { hostToken: ada.welcome.resumeToken });
    expect(await wrongHost.next('error')).toMatchObject({ code: ERROR_CODES.BAD_HOST_TOKEN });
    expect((await wrongHost.closed).code).toBe(CLOSE_CODES.BAD_TOKEN);

    host.send({ type: 'start' });
    await ada.client.next('sync');
    // There is no way to name another seat: an act always applies to the sender's own architecture.
    ada.client.send({ type: 'act', seq: 0, player: 'p2', action: UPGRADE });
    const ack = await ada.client.next('ack');
    expect(ack).toMatchObject({ ok: true });
    watcher.client.send({ type: 'act', seq: 0, action: UPGRADE });
    expect(await watcher.client.next('ack')).toMatchObject({ ok: false, code: ERROR_CODES.NOT_A_PLAYER });
    ada.client.send({ type: 'kick', player: 'p2' });
    expect(await ada.client.next('error')).toMatchObject({ code: ERROR_CODES.NOT_HOST });
    const adaSync = await ada.client.next('sync', (s) => s.hash !== undefined && s.tick > ack.tick!);
    const bobSync = await bob.client.next('sync', (s) => s.hash !== undefined && s.tick > ack.tick!);
    expect(adaSync.hash).toBe(stateHash(playAlone(level, [{ tick: ack.tick!, action: UPGRADE }], adaSync.tick).state));
    expect(bobSync.hash).toBe(stateHash(playAlone(level, [], bobSync.tick).state));
    expect(t.server.rooms.get(code)!.seats.size).toBe(2);
  });
});

describe('game server: refusals', () => {
  it('tells a client of another protocol version what to update, then closes', async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const c = await TestClient.connect(t.url);
    c.send({ type: 'hello', protocol: PROTOCOL_VERSION + 1, rulesHash: 'whatever', name: 'ada', room: code });
    const error = await c.next('error');
    expect(error.code).toBe(ERROR_CODES.VERSION_MISMATCH);
    expect(error.message).toBe(`this server speaks nines protocol ${PROTOCOL_VERSION}, your client ${PROTOCOL_VERSION + 1}: update nines on this server`);
    expect((await c.closed).code).toBe(CLOSE_CODES.VERSION_MISMATCH);
  });

  it('refuses a client whose rules differ, naming both hashes', async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const c = await TestClient.connect(t.url);
    c.hello(code, 'ada', { rulesHash: '0123456789abcdef' });
    const error = await c.next('error');
    expect(error.code).toBe(ERROR_CODES.RULES_MISMATCH);
    expect(error.message).toContain('your client 0123456789abcdef');
    expect((await c.closed).code).toBe(CLOSE_CODES.VERSION_MISMATCH);
  });

  it('answers a wrong room code with the code it got and how codes look', async () => {
    const t = await serve();
    const c = await TestClient.connect(t.url);
    c.hello('zzzzz', 'ada');
    const error = await c.next('error');
    expect(error).toMatchObject({ code: ERROR_CODES.ROOM_NOT_FOUND, message: expect.stringContaining('no room "ZZZZZ"') });
    expect((await c.closed).code).toBe(CLOSE_CODES.ROOM_NOT_FOUND);
  });

  it('closes a connection that sends too fast, after answering what it could', async () => {
    const t = await serve({ limits: { rateBurst: 5, ratePerSecond: 1 } });
    const c = await TestClient.connect(t.url);
    for (let i = 0; i < 20; i++) c.send({ type: 'ping', t: i });
    expect((await c.closed).code).toBe(CLOSE_CODES.RATE_LIMITED);
    expect(c.all('error').map((e) => e.code)).toEqual(Array(5).fill(ERROR_CODES.HELLO_FIRST));
  });

  it('closes on an oversized frame with 1009, and the room goes on for the others', async () => {
    const t = await serve();
    const { code, host } = await hostedRoom(t);
    const ada = await joinRoom(t.url, code, 'ada');
    const big = await joinRoom(t.url, code, 'big');
    big.client.send({ type: 'ping', pad: 'x'.repeat(DEFAULTS.MAX_PAYLOAD_BYTES) });
    expect((await big.client.closed).code).toBe(CLOSE_CODES.MESSAGE_TOO_BIG);
    host.send({ type: 'start' });
    const sync = await ada.client.next('sync', (s) => s.hash !== undefined && s.tick > 0);
    expect(sync.hash).toBe(stateHash(playAlone(level, [], sync.tick).state));
  });
});

describe('game server: liveness', () => {
  it('drops a connection that stops answering pings, and frees its seat for a resume', async () => {
    const t = await serve({ limits: { heartbeatMs: 50 } });
    const { code, host } = await hostedRoom(t);
    const mute = await TestClient.connect(t.url, { autoPong: false });
    mute.hello(code, 'mute');
    const welcome = await mute.next('welcome');
    expect((await mute.closed).code).toBe(CLOSE_CODES.TIMEOUT);
    await host.next('room', (m) => m.room.players.some((p) => p.name === 'mute' && !p.connected));
    expect((await joinRoom(t.url, code, 'mute', { resume: welcome.resumeToken })).welcome.playerId).toBe(welcome.playerId);
  });
});

describe('game server: slow clients', () => {
  it('skips a non-reading client\'s stale leaderboards and room views, never a frame of its game\'s stream', async () => {
    const t = await serve({ limits: { skipBufferedBytes: 1, maxSeatsPerAddress: 100, rateBurst: 10_000, ratePerSecond: 10_000 } });
    const { code, host } = await hostedRoom(t);
    const ada = await joinRoom(t.url, code, 'ada');
    const slow = await joinRoom(t.url, code, 'slow');
    // A crowd makes every room view and leaderboard big.
    const crowd = await Promise.all(Array.from({ length: 40 }, (_, i) => joinRoom(t.url, code, `a-rather-long-name-${i}`)));
    host.send({ type: 'start' });
    await slow.client.next('sync');
    slow.client.ws.pause();
    // Each resync is answered with a leaderboard and a room view, and a snapshot only where the game
    // changed since the last one: asking again and again while not reading fills the socket's buffers.
    for (let i = 0; i < 3_000; i++) slow.client.send({ type: 'resync' });
    const results = await ada.client.next('results');
    expect(t.server.skippedFrames()).toBeGreaterThan(0);
    const schedule = ada.client.all('sync').map((s) => s.tick);
    expectSyncEvery(schedule, 0, TOTAL_TICKS);
    slow.client.ws.resume();
    expect(await slow.client.next('results')).toEqual(results);
    expectSyncEvery(slow.client.all('sync').map((s) => s.tick), 0, TOTAL_TICKS);
    const snapshots = slow.client.all('snapshot');
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.length).toBeLessThan(TOTAL_TICKS);
    expect(new Set(snapshots.map((s) => s.tick)).size).toBe(snapshots.length);
    await Promise.all(crowd.map((c) => c.client.close()));
  });
});

describe('game server: data directory', () => {
  it('writes one room log per room, with token hashes only', async () => {
    const t = await fileTestServer();
    running.push(t);
    const { code, hostToken } = await hostedRoom(t);
    const ada = await joinRoom(t.url, code, 'ada');
    expect(readdirSync(join(t.dataDir, 'rooms'))).toEqual([`${code}.jsonl`]);
    const log = readFileSync(join(t.dataDir, 'rooms', `${code}.jsonl`), 'utf8');
    expect(log).not.toContain(ada.welcome.resumeToken);
    expect(log).not.toContain(hostToken);
    expect(log.trim().split('\n').map((l) => (JSON.parse(l) as { t: string }).t)).toEqual(['create', 'join']);
  });
});
