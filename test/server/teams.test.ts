import { afterEach, describe, expect, it } from 'vitest';
import { stateHash } from '../../shared/state-hash.js';
import type { GameState } from '../../shared/state.js';
import { join as joinRoom } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { testServer, type TestServer } from './helpers/server.js';

const level = raceLevel();

let running: TestServer | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});

const tierOf = (state: GameState, id: string) => state.nodes.find((n) => n.id === id)!.tier;

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
    await ada.client.next('snapshot');
    ada.client.send({ type: 'act', seq: 1, action: { type: 'upgrade', node: 'app', tier: 'large' } });
    bob.client.send({ type: 'act', seq: 1, action: { type: 'upgrade', node: 'db' } });
    expect(await ada.client.next('ack')).toMatchObject({ seq: 1, ok: true });
    expect(await bob.client.next('ack')).toMatchObject({ seq: 1, ok: true });
    expect(await ada.client.next('activity')).toMatchObject({ actor: bob.welcome.playerId, name: 'bob', action: { type: 'upgrade', node: 'db' } });
    expect(await bob.client.next('activity')).toMatchObject({ actor: ada.welcome.playerId, name: 'ada', action: { type: 'upgrade', node: 'app', tier: 'large' } });
    // The next snapshot each member gets shows both changes, on the same architecture.
    const both = (s: { state: GameState }) => tierOf(s.state, 'app') === 'large' && tierOf(s.state, 'db') === 'medium';
    const [seenByAda, seenByBob] = await Promise.all([ada.client.next('snapshot', both), bob.client.next('snapshot', both)]);
    expect(seenByAda.tick).toBe(seenByBob.tick);
    expect(seenByAda.hash).toBe(seenByBob.hash);
    expect(stateHash(seenByAda.state)).toBe(seenByAda.hash);
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
