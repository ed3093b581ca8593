import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../shared/action.js';
import { resultOf } from '../../shared/game.js';
import { CLOSE_CODES } from '../../shared/protocol.js';
import { stateHash } from '../../shared/state-hash.js';
import { join as joinRoom } from './helpers/client.js';
import { spawnHost, type HostProcess } from './helpers/host-process.js';
import { RACE_LEVEL_FILE, raceLevel } from './helpers/race-level.js';
import { playAlone, type TimedAction } from './helpers/replay.js';

const level = raceLevel();
/** Fast enough for a short test, slow enough that the round is still on after a restart. */
const SPEED = '4';

let hosts: HostProcess[] = [];
afterEach(() => {
  for (const h of hosts) h.child.kill('SIGKILL');
  hosts = [];
});

async function host(dataDir: string): Promise<HostProcess> {
  const h = await spawnHost(['--level', RACE_LEVEL_FILE, '--data-dir', dataDir, '--speed', SPEED]);
  hosts.push(h);
  return h;
}

describe('crash recovery', () => {
  it('rebuilds a room killed mid-game from its log: players resume their seats, hashes and scores match an uninterrupted run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nines-crash-'));
    const first = await host(dataDir);
    const code = first.first.room;
    const teacher = await joinRoom(first.url, code, 'teacher', { spectate: true, hostToken: first.first.hostToken });
    const ada = await joinRoom(first.url, code, 'ada');
    const bob = await joinRoom(first.url, code, 'bob');
    teacher.client.send({ type: 'start' });
    await ada.client.next('sync');
    const played: Record<string, TimedAction[]> = { p1: [], p2: [] };
    const actAndWait = async (who: typeof ada, seq: number, action: Action) => {
      who.client.send({ type: 'act', seq, action });
      const ack = await who.client.next('ack', (a) => a.seq === seq);
      expect(ack.ok).toBe(true);
      played[who.welcome.playerId!]!.push({ tick: ack.tick!, action });
    };
    await actAndWait(ada, 1, { type: 'upgrade', node: 'app' });
    await actAndWait(bob, 1, { type: 'place', kind: 'cache', region: 'home', id: 'cache1' });
    await bob.client.next('sync', (s) => s.tick >= 25);
    await actAndWait(bob, 2, { type: 'link', from: 'app', to: 'cache1' });
    const lastSeen = await ada.client.next('sync', (s) => s.tick >= 45);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await host(dataDir);
    expect(second.first).toMatchObject({ room: code, restored: true, phase: 'running' });
    expect(second.first.hostToken).toBeUndefined();
    expect(second.first.tick).toBeGreaterThanOrEqual(Math.max(...Object.values(played).flat().map((a) => a.tick)));
    expect(second.first.tick).toBeLessThanOrEqual(lastSeen.tick);

    const adaBack = await joinRoom(second.url, code, 'ada', { resume: ada.welcome.resumeToken });
    const bobBack = await joinRoom(second.url, code, 'bob', { resume: bob.welcome.resumeToken });
    expect([adaBack.welcome.playerId, adaBack.welcome.lastSeq, bobBack.welcome.playerId, bobBack.welcome.lastSeq]).toEqual(['p1', 1, 'p2', 2]);
    for (const [who, id] of [[adaBack, 'p1'], [bobBack, 'p2']] as const) {
      const snap = await who.client.next('snapshot');
      expect(snap.hash).toBe(stateHash(playAlone(level, played[id]!, snap.tick).state));
    }
    const board = await adaBack.client.next('leaderboard');
    for (const row of board.rows) expect(row.score).toBe(resultOf(playAlone(level, played[row.id]!, board.tick)).score);

    // The host token still works after the restart (its hash is in the log): end the round now.
    const teacherBack = await joinRoom(second.url, code, 'teacher', { spectate: true, hostToken: first.first.hostToken });
    expect(teacherBack.welcome.host).toBe(true);
    teacherBack.client.send({ type: 'end' });
    const results = await bobBack.client.next('results');
    for (const row of results.rows) expect(row.score).toBe(resultOf(playAlone(level, played[row.player]!, results.tick)).score);

    second.child.kill('SIGTERM');
    expect((await adaBack.client.closed).code).toBe(CLOSE_CODES.SHUTDOWN);
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.stderr()).toContain('server: stopped');
  });
});
