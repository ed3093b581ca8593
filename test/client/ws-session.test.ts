import { afterEach, describe, expect, it } from 'vitest';
import { BACKOFF_FIRST_MS } from '../../client/backoff.js';
import { MAX_BUFFERED_ACTIONS, NOT_SENT, WsSession, type WsSessionOptions } from '../../client/ws-session.js';
import { act, advance, newGame, type Game } from '../../shared/game.js';
import { CLOSE_CODES, ERROR_CODES, PROTOCOL_VERSION, type HostControl, type ServerMessage } from '../../shared/protocol.js';
import { stateHash } from '../../shared/state-hash.js';
import { join as joinRoom } from '../server/helpers/client.js';
import { raceLevel } from '../server/helpers/race-level.js';
import { testServer, type TestServer } from '../server/helpers/server.js';
import { fakeServer } from './helpers/fake-server.js';
import { SessionLog } from './helpers/session-log.js';
import { closedPort, tcpProxy } from './helpers/tcp-proxy.js';

const level = raceLevel();
const UPGRADE = { type: 'upgrade', node: 'app' } as const;

/** Stopped after each test, the last started first. */
let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of cleanup.reverse()) await stop();
  cleanup = [];
});

async function serve(options: Parameters<typeof testServer>[0] = {}): Promise<TestServer> {
  const t = await testServer(options);
  cleanup.push(() => t.server.close());
  return t;
}

async function proxyTo(t: TestServer, downstream?: (chunk: Buffer) => Buffer) {
  const proxy = await tcpProxy(t.server.port, downstream);
  cleanup.push(() => proxy.close());
  return proxy;
}

/** A started session whose waits are not drawn at random. */
function open(url: string, room: string, options: Partial<WsSessionOptions> = {}) {
  const s = new WsSession({ url, room, name: 'ana', random: () => 0, ...options });
  const log = new SessionLog(s);
  cleanup.push(() => s.close());
  s.start();
  return { s, log };
}

/** A host control, as typed at the `nines host` console. */
function control(t: TestServer, code: string, c: HostControl) {
  t.server.rooms.input(code, { type: 'control', now: performance.now(), control: c });
}

/** A room with a spectator watching, and a session seated in its lobby. */
async function watchedSeat() {
  const t = await serve();
  const { code } = t.server.rooms.create(level);
  const watcher = await joinRoom(t.url, code, 'zed', { spectate: true });
  cleanup.push(() => watcher.client.close());
  const { s, log } = open(t.url, code);
  await log.next('room');
  return { t, code, watcher, s, log };
}

describe('WsSession: a seat in a room', () => {
  it('joins: the level, the room with the player in it, connected; ready is heard by the room', async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const { s, log } = open(t.url, code);
    expect(await log.next('connection')).toEqual({ type: 'connection', state: 'connecting' });
    await log.next('connection', (m) => m.state === 'connected');
    expect(await log.next('level')).toMatchObject({ level: { id: 'race' }, spectator: false });
    expect((await log.next('room')).room).toMatchObject({ code, phase: 'lobby', players: [{ id: 'p1', name: 'ana', ready: false, connected: true, you: true }] });
    s.ready(true);
    await log.next('room', (m) => m.room.players[0]!.ready);
  });

  it('plays a round: snapshots checked against their hash, acks with their cost, refusals in words, results with the rank', async () => {
    const { t, code, watcher, s, log } = await watchedSeat();
    control(t, code, { type: 'start' });
    expect((await log.next('snapshot')).tick).toBe(0);
    const seq = s.act(UPGRADE);
    expect(await log.next('ack')).toMatchObject({ seq, action: UPGRADE, cost: expect.any(Number) });
    const bad = s.act({ type: 'link', from: 'db', to: 'app' });
    expect(await log.next('error')).toMatchObject({ seq: bad, code: 'LINK_NOT_ALLOWED', message: expect.stringContaining('db cannot call app') });
    expect((await log.next('announce')).event.type).toBe('flash-sale');
    const { results } = await log.next('results');
    const served = (await watcher.client.next('results')).rows[0]!;
    expect(results).toMatchObject({ rank: 1, players: 1, standings: [{ rank: 1, name: 'ana', you: true }] });
    expect(results.result).toMatchObject({ availability: served.availability, score: served.score, stars: served.stars, cost: served.cost, passed: served.passed });
    expect(results.result.failed).toEqual(served.failed);
  });

  it('spectates: no seat, every player on the leaderboard, the final standings at the end', async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const { log } = open(t.url, code, { name: 'zed', spectate: true });
    expect(await log.next('level')).toMatchObject({ spectator: true });
    const ana = await joinRoom(t.url, code, 'ana');
    cleanup.push(() => ana.client.close());
    control(t, code, { type: 'start' });
    expect((await log.next('leaderboard')).entries).toMatchObject([{ rank: 1, name: 'ana', you: false, connected: true }]);
    await log.next('room', (m) => m.room.phase === 'ended');
    expect(log.all('results')).toEqual([]);
    expect(log.all('snapshot')).toEqual([]);
  });

  it("plays in a team: the team's row of the leaderboard is each member's own, and each hears the others' actions", async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const ana = open(t.url, code, { team: 'red' });
    // The team's first member is shown the key that lets teammates in.
    const { team } = (await ana.log.next('room', (m) => m.room.team !== undefined)).room;
    expect(team).toMatchObject({ name: 'red', key: expect.stringMatching(/^[A-Z2-9]{6}$/) });
    const bo = open(t.url, code, { name: 'bo', team: 'Red', teamKey: team!.key });
    await ana.log.next('room', (m) => m.room.players.length === 2);
    expect((await bo.log.next('room', (m) => m.room.team !== undefined)).room.team).toEqual({ name: 'Red', key: team!.key });
    control(t, code, { type: 'start' });
    for (const { log } of [ana, bo]) expect((await log.next('leaderboard')).entries).toMatchObject([{ rank: 1, you: true }]);
    // Each member hears who did what on the shared architecture.
    await ana.log.next('snapshot');
    ana.s.act(UPGRADE);
    expect(await bo.log.next('notice', (m) => m.text.startsWith('ana:'))).toEqual({ type: 'notice', text: 'ana: upgrade app' });
  });

  it('leaves for good on close: the lobby frees the seat', async () => {
    const { t, code, watcher, s, log } = await watchedSeat();
    await watcher.client.next('room', (m) => m.room.players.length === 1);
    s.close();
    await watcher.client.next('room', (m) => m.room.players.length === 0);
    expect(log.messages.at(-1)).toEqual({ type: 'connection', state: 'closed', detail: 'you left the room' });
  });
});

describe('WsSession: a dropped connection', () => {
  it('reconnects by itself, takes its seat back with a new token, and sends what was done meanwhile', async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const proxy = await proxyTo(t);
    const { s, log } = open(proxy.url, code);
    await log.next('room');
    control(t, code, { type: 'start' });
    await log.next('snapshot');
    const tokenBefore = t.server.rooms.get(code)!.seats.get('p1')!.tokenHash;
    proxy.cut();
    const down = await log.next('connection', (m) => m.state === 'reconnecting' && m.retryAt !== undefined);
    expect(down.detail).toBe('the connection dropped');
    expect(down.retryAt! - performance.now()).toBeLessThanOrEqual(BACKOFF_FIRST_MS);
    const seq = s.act(UPGRADE);
    await log.next('connection', (m) => m.state === 'connected');
    expect(await log.next('ack', (m) => m.seq === seq)).toMatchObject({ action: UPGRADE });
    const room = t.server.rooms.get(code)!;
    expect([...room.seats.keys()]).toEqual(['p1']);
    expect(room.seats.get('p1')!.tokenHash).not.toBe(tokenBefore);
    expect(log.all('level')).toHaveLength(1);
    const after = await log.next('snapshot', (m) => m.state.nodes.find((n) => n.id === 'app')!.tier !== 'small');
    expect(after.state.nodes.map((n) => n.id)).toEqual(['app', 'db']);
  });

  it('waits 100 ms, then twice as long at each failed attempt, keeping a few actions and refusing more', async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const proxy = await proxyTo(t);
    const { s, log } = open(proxy.url, code);
    const waits: number[] = [];
    s.subscribe((m) => { if (m.type === 'connection' && m.retryAt !== undefined) waits.push(m.retryAt - performance.now()); });
    await log.next('room');
    await proxy.close();
    for (let i = 0; i < 3; i++) await log.next('connection', (m) => m.retryAt !== undefined);
    expect(waits.map((w) => Math.round(w / 10) * 10)).toEqual([100, 200, 400]);
    const seqs = Array.from({ length: MAX_BUFFERED_ACTIONS + 1 }, () => s.act(UPGRADE));
    expect(await log.next('error')).toMatchObject({ seq: seqs.at(-1), code: NOT_SENT, message: `not sent: the connection is down and ${MAX_BUFFERED_ACTIONS} actions already wait for it` });
    expect(log.all('error')).toHaveLength(1);
  });

  it('says the host closed the room when the server stops, and goes on saying it while nothing listens there', async () => {
    const t = await testServer();
    const { code } = t.server.rooms.create(level);
    const { log } = open(t.url, code);
    await log.next('room');
    await t.server.close();
    const first = await log.next('connection', (m) => m.state === 'reconnecting');
    expect(first.detail).toBe('the host closed the room (its server stopped)');
    // The next attempts find nothing listening: still the host's doing, in the same words.
    for (let i = 0; i < 2; i++) {
      const again = await log.next('connection', (m) => m.state === 'reconnecting' && m.retryAt !== undefined);
      expect(again.detail).toBe('the host closed the room (its server stopped)');
    }
  });

  it('stops when the host removes the player: closed, in words, and no attempt to come back', async () => {
    const t = await serve();
    const { code } = t.server.rooms.create(level);
    const { log } = open(t.url, code);
    await log.next('room');
    control(t, code, { type: 'kick', player: 'p1' });
    expect((await log.next('connection', (m) => m.state === 'closed')).detail).toBe(`the host removed you from room ${code}`);
    expect(log.all('connection').map((m) => m.state)).not.toContain('reconnecting');
  });
});

describe('WsSession: a join that fails says why, once', () => {
  const closedWith = async (log: SessionLog) => {
    const closed = await log.next('connection', (m) => m.state === 'closed');
    expect(log.all('level')).toEqual([]);
    expect(log.all('connection').map((m) => m.state)).toEqual(['connecting', 'closed']);
    return closed.detail;
  };

  it('a room code that does not exist', async () => {
    const t = await serve();
    t.server.rooms.create(level);
    expect(await closedWith(open(t.url, 'ZZZZZ').log)).toBe(`no room ZZZZZ at ${t.url}: check the code the host gave (5 characters; never 0, O, 1, I or L)`);
  });

  it('a name already taken, and a full room', async () => {
    const t = await serve({ limits: { maxPlayersPerRoom: 2 } });
    const { code } = t.server.rooms.create(level);
    const first = open(t.url, code);
    await first.log.next('level');
    expect(await closedWith(open(t.url, code, { name: 'ANA' }).log)).toBe(`room ${code} already has a player named "ANA": join with another --name`);
    const second = open(t.url, code, { name: 'bo' });
    await second.log.next('level');
    expect(await closedWith(open(t.url, code, { name: 'cy' }).log)).toBe(`room ${code} is full: ask the host for another room`);
  });

  it('a server that is not there', async () => {
    const port = await closedPort();
    expect(await closedWith(open(`ws://127.0.0.1:${port}`, 'ABCDE').log)).toBe(`cannot reach ws://127.0.0.1:${port}: nothing listens there (is \`nines host\` running, on that port?)`);
  });

  it('a server of another protocol version, with what to update', async () => {
    const newer = await fakeServer((_msg, ws) => {
      ws.send(JSON.stringify({ type: 'error', code: ERROR_CODES.VERSION_MISMATCH, message: `this server speaks nines protocol ${PROTOCOL_VERSION + 1}, your client ${PROTOCOL_VERSION}: update nines on your client` }));
      ws.close(CLOSE_CODES.VERSION_MISMATCH, ERROR_CODES.VERSION_MISMATCH);
    });
    cleanup.push(() => newer.close());
    expect(await closedWith(open(newer.url, 'ABCDE').log)).toMatch(/speaks another version of the nines protocol: .*update nines on your client$/);
    expect(newer.received[0]).toMatchObject({ type: 'hello', protocol: PROTOCOL_VERSION, name: 'ana', room: 'ABCDE' });
  });
});

describe('WsSession: snapshots', () => {
  it('asks for a resync when a snapshot does not match its hash, and shows only states that do', async () => {
    const state = newGame(level).state;
    const snapshot: ServerMessage = { type: 'snapshot', tick: 0, hash: stateHash(state), state };
    const room = { code: 'ABCDE', levelId: level.id, title: level.title, phase: 'running' as const, tick: 0, players: [{ id: 'p1', name: 'ana', ready: false, connected: true }], spectators: 0 };
    const garbling = await fakeServer((msg, ws) => {
      const send = (m: ServerMessage) => ws.send(JSON.stringify(m));
      if (msg.type === 'hello') {
        send({ type: 'welcome', protocol: PROTOCOL_VERSION, playerId: 'p1', resumeToken: 't', host: false, lastSeq: -1, tickMs: level.tickMs, seed: level.seed, level, room, syncEveryTicks: 5, leaderboardEveryTicks: 10 });
        send({ ...snapshot, hash: '0123456789abcdef' });
      }
      if (msg.type === 'resync') send(snapshot);
    });
    cleanup.push(() => garbling.close());
    const { log } = open(garbling.url, 'ABCDE');
    expect((await log.next('snapshot')).state).toEqual(state);
    expect(garbling.received.map((m) => m.type)).toEqual(['hello', 'resync']);
    expect(log.all('snapshot')).toHaveLength(1);
  });
});

describe('WsSession: the game replayed from one snapshot', () => {
  it('follows the server through a round: own, refused and teammates\' actions, live events at everyone and at one player, a pause, a reconnect', async () => {
    const t = await serve({ speed: 5 });
    // Noise on: the random draws are in the state too.
    const { code } = t.server.rooms.create({ ...level, noise: true });
    const proxy = await proxyTo(t);
    // One after the other: ana is p1, bo p2, cy p3.
    const seated = async (...args: Parameters<typeof open>) => {
      const who = open(...args);
      await who.log.next('level');
      return who;
    };
    const ana = await seated(proxy.url, code, { team: 'red' });
    const teamKey = (await ana.log.next('room', (m) => m.room.team !== undefined)).room.team!.key;
    const bo = await seated(t.url, code, { name: 'bo', team: 'Red', teamKey });
    const cy = await seated(t.url, code, { name: 'cy' });
    control(t, code, { type: 'start' });
    await ana.log.next('snapshot');
    const acked = async (who: typeof ana, action: Parameters<WsSession['act']>[0]) => {
      const seq = who.s.act(action);
      return who.log.next('ack', (m) => m.seq === seq);
    };
    await acked(ana, UPGRADE);
    const refused = ana.s.act({ type: 'link', from: 'db', to: 'app' });
    await ana.log.next('error', (m) => m.seq === refused);
    await acked(bo, { type: 'upgrade', node: 'db' });
    await acked(cy, { type: 'scale', node: 'app', by: 1 });
    control(t, code, { type: 'fire', event: { type: 'latency', at: 0, duration: 2, announce: 0, factor: 3 } });
    control(t, code, { type: 'fire', event: { type: 'db-failure', at: 0.5, duration: 1, announce: 0 }, player: 'p3' });
    await cy.log.next('snapshot', (m) => m.state.fired.length === 2);
    control(t, code, { type: 'pause' });
    await ana.log.next('room', (m) => m.room.phase === 'paused');
    const whilePaused = ana.s.act(UPGRADE);
    expect(await ana.log.next('error', (m) => m.seq === whilePaused)).toMatchObject({ code: ERROR_CODES.WRONG_PHASE });
    control(t, code, { type: 'resume' });
    proxy.cut();
    await ana.log.next('connection', (m) => m.state === 'reconnecting');
    await ana.log.next('connection', (m) => m.state === 'connected');
    await acked(ana, { type: 'scale', node: 'app', by: 1 });
    await Promise.all([ana, bo, cy].map((p) => p.log.next('results', undefined, 10_000)));

    const room = t.server.rooms.get(code)!;
    for (const [who, player] of [[ana, 'p1'], [bo, 'p2'], [cy, 'p3']] as const) {
      expect(who.s.resyncs).toBe(0);
      const last = who.log.all('snapshot').at(-1)!;
      expect(last.tick).toBe(room.tick);
      expect(stateHash(last.state)).toBe(stateHash(room.seats.get(player)!.side!.game.state));
    }
    expect(ana.log.all('snapshot').at(-1)!.state.fired).toHaveLength(1);
    expect(cy.log.all('snapshot').at(-1)!.state.fired).toHaveLength(2);
    // Actions show at once: the state after an ack has them.
    expect(ana.log.all('snapshot').at(-1)!.state.nodes.find((n) => n.id === 'db')!.tier).toBe('medium');
  });

  it('catches a hash that differs from its copy, asks for a resync and follows the server again to the end', async () => {
    const t = await serve({ speed: 5 });
    const { code } = t.server.rooms.create({ ...level, noise: true });
    // The network garbles one digit of the first state hash after the start (the frame keeps its length).
    let garbled: number | undefined;
    let trueHash = '';
    const proxy = await proxyTo(t, (chunk) => {
      if (garbled !== undefined) return chunk;
      const text = chunk.toString('latin1');
      const m = /"type":"sync","tick":([1-9]\d*),"hash":"([0-9a-f]{16})/.exec(text);
      if (!m) return chunk;
      garbled = Number(m[1]);
      trueHash = m[2]!;
      const at = m.index + m[0].length - 1;
      return Buffer.from(text.slice(0, at) + (trueHash.endsWith('0') ? '1' : '0') + text.slice(at + 1), 'latin1');
    });
    const { s, log } = open(proxy.url, code);
    await log.next('level');
    control(t, code, { type: 'start' });
    await log.next('snapshot');
    const first = s.act(UPGRADE);
    await log.next('ack', (m) => m.seq === first);
    await log.next('snapshot', (m) => garbled !== undefined && m.tick > garbled);
    const second = s.act({ type: 'scale', node: 'app', by: 1 });
    await log.next('ack', (m) => m.seq === second);
    await log.next('results', undefined, 10_000);
    expect(s.resyncs).toBe(1);
    const room = t.server.rooms.get(code)!;
    expect(stateHash(log.all('snapshot').at(-1)!.state)).toBe(stateHash(room.seats.get('p1')!.side!.game.state));
    // What was shown at the garbled sync's tick is the server's state: the copy waited for it.
    for (const m of log.all('snapshot').filter((m) => m.tick === garbled)) expect(stateHash(m.state)).toBe(trueHash);
  });

  it('asks for a resync when its copy and a sync\'s hash differ or a sync comes from the past, and follows the new base', async () => {
    const room = { code: 'ABCDE', levelId: level.id, title: level.title, phase: 'running' as const, tick: 0, players: [{ id: 'p1', name: 'ana', ready: false, connected: true }], spectators: 0 };
    // The server's game had an action the client never heard of: the copy is not the server's.
    const served = newGame(level);
    act(served, UPGRADE);
    const at = (game: Game, tick: number) => {
      while (game.state.tick < tick) advance(game);
      return { tick, hash: stateHash(game.state) };
    };
    const resyncs: number[] = [];
    const astray = await fakeServer((msg, ws) => {
      const send = (m: ServerMessage) => ws.send(JSON.stringify(m));
      if (msg.type === 'hello') {
        send({ type: 'welcome', protocol: PROTOCOL_VERSION, playerId: 'p1', resumeToken: 't', host: false, lastSeq: -1, tickMs: level.tickMs, seed: level.seed, level, room, syncEveryTicks: 5, leaderboardEveryTicks: 10 });
        send({ type: 'sync', ...at(newGame(level), 0) });
        send({ type: 'sync', ...at(served, 5) });
      }
      if (msg.type !== 'resync') return;
      resyncs.push(served.state.tick);
      send({ type: 'snapshot', ...at(served, served.state.tick), state: structuredClone(served.state) });
      if (resyncs.length === 1) {
        send({ type: 'sync', ...at(served, 10) });
        send({ type: 'sync', tick: 5 });
      }
    });
    cleanup.push(() => astray.close());
    const { s, log } = open(astray.url, 'ABCDE');
    await log.next('snapshot', (m) => m.tick === 10 && log.all('snapshot').length === 4);
    expect(resyncs).toEqual([5, 10]);
    expect(s.resyncs).toBe(2);
    // Shown: the client's fresh game, the first base, the copy stepped and checked, the second base.
    const shown = log.all('snapshot');
    expect(shown.map((m) => m.tick)).toEqual([0, 5, 10, 10]);
    expect(stateHash(shown[0]!.state)).toBe(at(newGame(level), 0).hash);
    expect(stateHash(shown[2]!.state)).toBe(at(served, 10).hash);
  });
});
