import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../shared/action.js';
import { stateHash } from '../../shared/state-hash.js';
import { join as joinRoom } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { playAlone } from './helpers/replay.js';
import { testServer, type TestServer } from './helpers/server.js';

const level = raceLevel();

let running: TestServer | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});
const LARGE_APP: Action = { type: 'upgrade', node: 'app', tier: 'large' };
const DB: Action = { type: 'upgrade', node: 'db' };

describe('game server: teams', () => {
  it('two members act on one architecture, both see both changes and who made them, and the team ranks as one', async () => {
    const t = (running = await testServer());
    const { code, hostToken } = t.server.rooms.create(level);
    const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken });
    const ada = await joinRoom(t.url, code, 'ada', { team: 'blue' });
    const bob = await joinRoom(t.url, code, 'bob', { team: 'Blue' });
    const cy = await joinRoom(t.url, code, 'cy');
    const lobby = await host.client.next('room', (m) => m.room.players.length === 3);
    expect(lobby.room.players.map((p) => p.team)).toEqual(['blue', 'Blue', undefined]);
    host.client.send({ type: 'start' });
    await ada.client.next('sync');
    ada.client.send({ type: 'act', seq: 1, action: LARGE_APP });
    bob.client.send({ type: 'act', seq: 1, action: DB });
    const adaAck = await ada.client.next('ack');
    const bobAck = await bob.client.next('ack');
    expect([adaAck, bobAck]).toMatchObject([{ seq: 1, ok: true }, { seq: 1, ok: true }]);
    // Each hears the other's action with the tick it took effect at, to apply it to its copy.
    expect(await ada.client.next('activity')).toEqual({ type: 'activity', tick: bobAck.tick, actor: bob.welcome.playerId, name: 'bob', action: DB });
    expect(await bob.client.next('activity')).toEqual({ type: 'activity', tick: adaAck.tick, actor: ada.welcome.playerId, name: 'ada', action: LARGE_APP });
    // The members' syncs carry the hash of one architecture, with both changes.
    const after = (s: { tick: number; hash?: string }) => s.hash !== undefined && s.tick > Math.max(adaAck.tick!, bobAck.tick!);
    const [seenByAda, seenByBob] = await Promise.all([ada.client.next('sync', after), bob.client.next('sync', after)]);
    expect(seenByAda).toEqual(seenByBob);
    expect(seenByAda.hash).toBe(stateHash(playAlone(level, [{ tick: adaAck.tick!, action: LARGE_APP }, { tick: bobAck.tick!, action: DB }], seenByAda.tick).state));
    expect(cy.client.all('activity')).toEqual([]);
    const results = await host.client.next('results');
    expect(results.rows.map((r) => [r.rank, r.name, r.members, r.actions])).toEqual([
      [1, 'blue', [ada.welcome.playerId, bob.welcome.playerId], 2],
      [2, 'cy', undefined, 0],
    ]);
    const board = host.client.all('leaderboard').at(-1)!;
    expect(board.players).toBe(2);
  });
});
