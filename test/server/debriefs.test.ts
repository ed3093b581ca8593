import { afterEach, describe, expect, it } from 'vitest';
import { resultsFileSchema } from '../../server/results-file.js';
import { join as joinRoom } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { testServer, type TestServer } from './helpers/server.js';

const level = raceLevel();

let running: TestServer | undefined;
afterEach(async () => {
  await running?.server.close();
  running = undefined;
});

describe('game server: debriefs after a round', () => {
  it('sends each player (and each member of a team) the debrief of their game after the results, and keeps them with the results', async () => {
    const t = (running = await testServer());
    const { code, hostToken } = t.server.rooms.create(level);
    const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken });
    const ada = await joinRoom(t.url, code, 'ada', { team: 'red' });
    const bob = await joinRoom(t.url, code, 'bob', { team: 'red', teamKey: ada.welcome.teamKey });
    const cy = await joinRoom(t.url, code, 'cy');
    await host.client.next('room', (m) => m.room.players.length === 3);
    host.client.send({ type: 'start' });
    await ada.client.next('sync');
    ada.client.send({ type: 'act', seq: 1, action: { type: 'upgrade', node: 'app', tier: 'large' } });
    await ada.client.next('ack');
    const results = await cy.client.next('results');
    const [forAda, forBob, forCy] = await Promise.all([ada, bob, cy].map((p) => p.client.next('debrief')));
    expect(forAda).toEqual(forBob);
    expect(forAda!).toMatchObject({ round: 1, player: 'p1', debrief: { incidents: [], headline: 'no incident: availability stayed above the 99% target' } });
    expect(forCy!.player).toBe('p3');
    expect(forCy!.debrief.incidents[0]!.culprit).toMatchObject({ node: 'app', reason: 'timed-out' });
    expect(forCy!.debrief.availability).toBe(results.rows.find((r) => r.player === 'p3')!.availability);
    expect(forCy!.debrief.timeline.availability).toHaveLength(level.durationSeconds);
    expect(host.client.all('debrief')).toEqual([]);
    const kept = resultsFileSchema.parse(t.storage.readResults(t.storage.listResults().find((k) => k.game === `${code}-1`)!));
    expect(kept.debriefs).toEqual({ p1: forAda!.debrief, p3: forCy!.debrief });
    expect(t.logs.some((l) => /2 debrief\(s\) of round 1 in \d+ ms/.test(l))).toBe(true);
  });
});
