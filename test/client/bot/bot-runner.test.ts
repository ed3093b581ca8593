import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ACTIONS_PER_DECISION, runBots, type BotRun, type BotRunOptions } from '../../../client/bot/bot-runner.js';
import type { StrategyName } from '../../../client/bot/strategies.js';
import { WsSession } from '../../../client/ws-session.js';
import { levelSchema, type Level } from '../../../shared/level.js';
import type { GameState } from '../../../shared/state.js';
import { join, type TestClient } from '../../server/helpers/client.js';
import { raceLevel } from '../../server/helpers/race-level.js';
import { testServer, type TestServer } from '../../server/helpers/server.js';
import { SessionLog } from '../helpers/session-log.js';

let t: TestServer | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) c();
  await t?.server.close();
  t = undefined;
});

/** A room of the 15 s race level, its host (a spectator with the host token) and a watcher seeing the room as a client does. */
async function hostedRoom(): Promise<{ code: string; host: TestClient; watcher: SessionLog }> {
  t = await testServer();
  const { code, hostToken } = t.server.rooms.create(raceLevel());
  const { client: host } = await join(t.url, code, 'teacher', { spectate: true, hostToken });
  cleanups.push(() => host.ws.terminate());
  const spectator = new WsSession({ url: t.url, room: code, name: 'watcher', spectate: true });
  cleanups.push(() => spectator.close());
  const watcher = new SessionLog(spectator);
  spectator.start();
  return { code, host, watcher };
}

function bots(code: string, strategy: StrategyName, prefix: string = strategy, watch?: BotRunOptions['watch']): BotRun {
  const run = runBots({ url: t!.url, room: code, count: 3, strategy, prefix, seed: 4, ...(watch ? { watch } : {}) });
  cleanups.push(() => run.stop());
  return run;
}

/** Users on three continents and everything in the first, behind a DNS: greedy serves the two others locally at once. */
function threeRegions(): Level {
  return levelSchema.parse({
    id: 'far-users', title: 'far users', durationSeconds: 10, noise: false, sloMs: 300, target: 0.9, budget: 100_000,
    regions: [{ id: 'us' }, { id: 'eu' }, { id: 'ap' }], rttMs: [[1, 80, 150], [80, 1, 220], [150, 220, 1]],
    traffic: { users: [{ region: 'us', clients: 1000, rps: 500 }, { region: 'eu', clients: 1000, rps: 1500 }, { region: 'ap', clients: 1000, rps: 1500 }], mix: { read: 0.9, write: 0.1 } },
    initial: [
      { type: 'place', kind: 'dns', region: 'us', id: 'dns1' }, { type: 'place', kind: 'app', region: 'us', id: 'app1' }, { type: 'place', kind: 'db', region: 'us', id: 'db1' },
      { type: 'link', from: 'dns1', to: 'app1' }, { type: 'link', from: 'app1', to: 'db1' },
    ],
  });
}

/** Waits until the room seats these players, every one of them ready. */
function allReady(watcher: SessionLog, count: number) {
  return watcher.next('room', (m) => m.room.players.length === count && m.room.players.every((p) => p.ready));
}

describe('runBots', () => {
  it('seats greedy bots that ready up, show on the leaderboard, play and leave with their results', async () => {
    const { code, host, watcher } = await hostedRoom();
    const snapshots = [0, 0, 0];
    const run = bots(code, 'greedy', 'bot', (bot, m) => { if (m.type === 'snapshot') snapshots[bot]!++; });
    await run.joined;
    await allReady(watcher, 3);
    host.send({ type: 'start' });
    const board = await watcher.next('leaderboard', (m) => m.entries.length === 3);
    expect(board.entries.map((e) => e.name).sort()).toEqual(['bot-1', 'bot-2', 'bot-3']);
    const results = await run.done;
    expect(results.map((r) => r.name)).toEqual(['bot-1', 'bot-2', 'bot-3']);
    for (const r of results) {
      expect(r).toMatchObject({ outcome: 'results', players: 3, refused: 0 });
      // The race level's lone app server is 90% busy from the start: greedy scales it out.
      expect(r.sent).toBeGreaterThan(0);
    }
    expect(results.map((r) => r.rank).sort()).toEqual([1, 2, 3]);
    // Each bot's session told its messages to the watcher too: the 15 s round's snapshots.
    for (const n of snapshots) expect(n).toBeGreaterThan(10);
    // Once the round is over, every bot has left its seat's connection.
    await watcher.next('room', (m) => m.room.phase === 'ended' && m.room.players.every((p) => !p.connected));
  });

  it('random bots have every action acked; idle bots send none; all of them get results', async () => {
    const { code, host, watcher } = await hostedRoom();
    const random = bots(code, 'random');
    const idle = bots(code, 'idle');
    await Promise.all([random.joined, idle.joined]);
    await allReady(watcher, 6);
    host.send({ type: 'start' });
    const [played, idled] = await Promise.all([random.done, idle.done]);
    for (const r of played) expect(r).toMatchObject({ outcome: 'results', players: 6, refused: 0 });
    expect(played.reduce((a, r) => a + r.sent, 0)).toBeGreaterThan(3);
    for (const r of idled) expect(r).toMatchObject({ outcome: 'results', players: 6, sent: 0 });
  });

  it('in a team, the bots share one architecture, which the first one alone plays', async () => {
    const { code, host, watcher } = await hostedRoom();
    const run = runBots({ url: t!.url, room: code, count: 3, strategy: 'greedy', prefix: 'crew', seed: 1, team: 'robots' });
    cleanups.push(() => run.stop());
    await run.joined;
    await allReady(watcher, 3);
    host.send({ type: 'start' });
    const board = await watcher.next('leaderboard', (m) => m.entries.length > 0);
    expect(board.entries.map((e) => e.name)).toEqual(['robots']);
    const results = await run.done;
    expect(results.map((r) => r.outcome)).toEqual(['results', 'results', 'results']);
    expect(results[0]!.sent).toBeGreaterThan(0);
    expect(results.slice(1).map((r) => r.sent)).toEqual([0, 0]);
    expect(results.map((r) => r.players)).toEqual([1, 1, 1]);
  });

  it('sends a decision longer than its per-decision share in turns, each after the answers to the last', async () => {
    t = await testServer();
    const { code } = t.server.rooms.create(threeRegions());
    const states: Readonly<GameState>[] = [];
    const run = runBots({ url: t.url, room: code, count: 1, strategy: 'greedy', prefix: 'far', seed: 1, watch: (_bot, m) => { if (m.type === 'snapshot') states.push(m.state); } });
    cleanups.push(() => run.stop());
    await run.joined;
    t.server.rooms.input(code, { type: 'control', now: performance.now(), control: { type: 'start' } });
    const [result] = await run.done;
    // A pool behind the DNS and a local replica in each of two far regions: twelve actions decided at once.
    expect(result).toMatchObject({ outcome: 'results', refused: 0 });
    expect(result!.sent).toBeGreaterThan(MAX_ACTIONS_PER_DECISION);
    const last = states[states.length - 1]!;
    for (const region of ['eu', 'ap']) {
      const pool = last.nodes.find((n) => n.kind === 'app' && n.region === region);
      const replica = last.nodes.find((n) => n.kind === 'replica' && n.region === region);
      expect(pool && replica, `a pool and a replica in ${region}`).toBeDefined();
      expect(last.links).toContainEqual({ from: pool!.id, to: replica!.id });
    }
  });

  it('tells why a bot could not join, and is done', async () => {
    t = await testServer();
    const run = runBots({ url: t.url, room: 'ZZZZZ', count: 2, strategy: 'idle', prefix: 'lost', seed: 1 });
    await run.joined;
    const results = await run.done;
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.outcome).toBe('closed');
      expect(r.detail).toMatch(/ZZZZZ/);
    }
  });

  it('stop makes the bots leave the lobby at once', async () => {
    const { code, watcher } = await hostedRoom();
    const run = bots(code, 'greedy', 'bot');
    await run.joined;
    await allReady(watcher, 3);
    run.stop();
    expect((await run.done).map((r) => r.outcome)).toEqual(['stopped', 'stopped', 'stopped']);
    // A seat left in the lobby is freed.
    await watcher.next('room', (m) => m.room.players.length === 0);
  });
});
