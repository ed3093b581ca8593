import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../shared/action.js';
import { stateHash } from '../../shared/state-hash.js';
import { CLOSE_CODES, ERROR_CODES, ROOM_CODE_ALPHABET, TEAM_KEY_LENGTH } from '../../shared/protocol.js';
import { TestClient, join as joinRoom } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { playAlone } from './helpers/replay.js';
import { fileTestServer, testServer, type TestServer } from './helpers/server.js';

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
    const bob = await joinRoom(t.url, code, 'bob', { team: 'Blue', teamKey: ada.welcome.teamKey });
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

describe('game server: team keys', () => {
  it('gives a new team a key its members see; joining it needs the key, and a refusal says why', async () => {
    const t = (running = await fileTestServer());
    const { code } = t.server.rooms.create(level);
    const ada = await joinRoom(t.url, code, 'ada', { team: 'red' });
    const key = ada.welcome.teamKey!;
    expect(key).toMatch(new RegExp(`^[${ROOM_CODE_ALPHABET}]{${TEAM_KEY_LENGTH}}$`));
    const refused = async (extra: Record<string, unknown>) => {
      const c = await TestClient.connect(t.url);
      c.hello(code, 'mallory', extra);
      const error = await c.next('error');
      expect((await c.closed).code).toBe(CLOSE_CODES.REFUSED);
      return error;
    };
    const none = await refused({ team: 'RED' });
    expect(none).toMatchObject({ code: ERROR_CODES.BAD_TEAM_KEY });
    expect(none.message).toContain('team red already plays');
    expect(none.message).toContain('--team-key');
    const wrong = await refused({ team: 'red', teamKey: 'ZZZZZZ' });
    expect(wrong.message).toContain("the team key given (ZZZZZZ) is not team red's");
    // Case and spaces do not matter, as for room codes.
    const bob = await joinRoom(t.url, code, 'bob', { team: 'Red', teamKey: ` ${key.toLowerCase()} ` });
    expect(bob.welcome.teamKey).toBe(key);
    // The key is for members only: the room view everyone gets does not carry it.
    const spectator = await joinRoom(t.url, code, 'watcher', { spectate: true });
    expect(JSON.stringify(spectator.client.received)).not.toContain(key);
    // The key survives a restart of the server, from the room log.
    await t.server.close();
    const again = (running = await fileTestServer({ dataDir: t.dataDir }));
    const back = await joinRoom(again.url, code, 'bob', { resume: bob.welcome.resumeToken });
    expect(back.welcome.teamKey).toBe(key);
    const mallory = await TestClient.connect(again.url);
    mallory.hello(code, 'ada', {});
    // Taking a team's away seat back by name needs the team's key as well.
    expect(await mallory.next('error')).toMatchObject({ code: ERROR_CODES.BAD_TEAM_KEY });
    const adaBack = await joinRoom(again.url, code, 'ada', { teamKey: key });
    expect(adaBack.welcome).toMatchObject({ playerId: ada.welcome.playerId, teamKey: key });
  });

  it('lets the host put a player in a team in the lobby: the player is told the team and its key', async () => {
    const t = (running = await testServer());
    const { code, hostToken } = t.server.rooms.create(level);
    const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken });
    const ada = await joinRoom(t.url, code, 'ada', { team: 'red' });
    const cy = await joinRoom(t.url, code, 'cy');
    host.client.send({ type: 'team', player: cy.welcome.playerId, team: 'RED' });
    expect(await cy.client.next('team')).toEqual({ type: 'team', team: 'red', key: ada.welcome.teamKey });
    const view = await host.client.next('room', (m) => m.room.players.some((p) => p.name === 'cy' && p.team !== undefined));
    expect(view.room.players.map((p) => [p.name, p.team])).toEqual([['ada', 'red'], ['cy', 'red']]);
    // A new team gets its own key; a player may not assign themselves.
    host.client.send({ type: 'team', player: ada.welcome.playerId, team: 'blue' });
    const blue = await ada.client.next('team');
    expect(blue.team).toBe('blue');
    expect(blue.key).not.toBe(ada.welcome.teamKey);
    cy.client.send({ type: 'team', player: cy.welcome.playerId, team: 'blue' });
    expect(await cy.client.next('error')).toMatchObject({ code: ERROR_CODES.NOT_HOST });
    host.client.send({ type: 'start' });
    await ada.client.next('sync');
    host.client.send({ type: 'team', player: cy.welcome.playerId });
    expect((await host.client.next('error')).message).toContain('team: expected the room to be in the lobby');
  });
});
