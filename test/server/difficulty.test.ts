import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyDifficulty, HARD_BUDGET_FACTOR } from '../../shared/difficulty.js';
import type { SimulationReport } from '../../shared/simulate.js';
import { tidy } from '../../shared/simulate.js';
import { FileStorage, roomLogFile } from '../../server/file-storage.js';
import { restoreRoomLog } from '../../server/room-restore.js';
import { nines } from '../client/cli/run-cli.js';
import { join as joinRoom } from './helpers/client.js';
import { RACE_LEVEL_FILE, raceLevel } from './helpers/race-level.js';
import { fileTestServer, type FileTestServer } from './helpers/server.js';

let t: FileTestServer | undefined;
afterEach(async () => {
  await t?.server.close();
  t = undefined;
});

describe('a room played at a difficulty', () => {
  it('gives every player the same harder level, says so in the lobby and results, keeps it in the log, and exports a plan that replays at it', async () => {
    t = await fileTestServer();
    const level = raceLevel();
    const { code, hostToken } = t.server.rooms.create(level, level.seed, undefined, 'hard');
    const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken });
    const [ada, bob] = await Promise.all([joinRoom(t.url, code, 'ada'), joinRoom(t.url, code, 'bob')]);
    // Everyone is given the same level, the difficulty applied, and told the difficulty.
    for (const w of [ada.welcome, bob.welcome, host.welcome]) {
      expect(w.level).toMatchObject({ budget: level.budget * HARD_BUDGET_FACTOR, backgroundFailures: true });
      expect(w.room.difficulty).toBe('hard');
    }
    await host.client.next('room', (m) => m.room.players.length === 2);
    host.client.send({ type: 'start' });
    await ada.client.next('sync');
    ada.client.send({ type: 'act', seq: 1, action: { type: 'scale', node: 'app', by: 1 } });
    expect(await ada.client.next('ack')).toMatchObject({ ok: true });
    const results = await host.client.next('results');
    expect(results.difficulty).toBe('hard');
    expect((await ada.client.next('results')).difficulty).toBe('hard');

    // The room log says it, and a restart restores it.
    const log = readFileSync(roomLogFile(t.dataDir, code), 'utf8').split('\n')[0]!;
    expect(JSON.parse(log)).toMatchObject({ t: 'create', difficulty: 'hard', level: { budget: level.budget * HARD_BUDGET_FACTOR } });
    const restored = restoreRoomLog(roomLogFile(t.dataDir, code), { speed: 1, maxPlayers: 10, maxSpectators: 10 }, false);
    expect(restored.ok && restored.room.difficulty).toBe('hard');

    // The results file, the export, and a plan that replays at the same difficulty to the same numbers.
    const file = new FileStorage(t.dataDir).readResults({ game: `${code}-1`, room: code, round: 1, where: join(t.dataDir, 'results', `${code}-1.json`) });
    expect(file).toMatchObject({ difficulty: 'hard', level: applyDifficulty(level, 'hard') });
    expect(nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'md').stdout).toContain(`## ${code}-1: race (target 99%, hard)`);
    const plan = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'plan', '--player', 'ada');
    expect(plan.stderr).toBe('nines results: 1 action(s); replay with: nines simulate --level race --difficulty hard --plan <file>\n');
    const planFile = join(t.dataDir, 'ada.json');
    writeFileSync(planFile, plan.stdout);
    const row = results.rows.find((r) => r.name === 'ada')!;
    const sim = JSON.parse(nines('simulate', '--level', RACE_LEVEL_FILE, '--difficulty', 'hard', '--plan', planFile, '--json').stdout) as SimulationReport;
    expect(sim.result).toMatchObject({ availability: tidy(row.availability), score: row.score, cost: tidy(row.cost) });
    const normal = JSON.parse(nines('simulate', '--level', RACE_LEVEL_FILE, '--plan', planFile, '--json').stdout) as SimulationReport;
    expect(normal.result.availability).toBeGreaterThan(sim.result.availability);
  }, 15_000);

  it('names a bad --difficulty of simulate, host and play, with the choices', () => {
    for (const command of ['simulate', 'host', 'play']) {
      const r = nines(command, '--level', 'tutorial', '--difficulty', 'brutal');
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`nines ${command}: --difficulty: expected one of easy, normal, hard, got "brutal"`);
    }
  });
});
