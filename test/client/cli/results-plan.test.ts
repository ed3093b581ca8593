import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSchema } from '../../../shared/action.js';
import type { ServerMessageOf } from '../../../shared/protocol.js';
import { tidy, type SimulationReport } from '../../../shared/simulate.js';
import { FileStorage } from '../../../server/file-storage.js';
import { join as joinRoom } from '../../server/helpers/client.js';
import { raceLevel } from '../../server/helpers/race-level.js';
import { fileTestServer, type FileTestServer } from '../../server/helpers/server.js';
import { nines, ROOT, STACK_FRAME } from './run-cli.js';

const MAIN = joinPath(ROOT, 'dist', 'client', 'cli', 'main.js');

/** Runs `nines bot ...` without blocking this process, whose server it talks to. */
function spawnBots(args: string[]): Promise<number | null> {
  const child = spawn(process.execPath, [MAIN, 'bot', ...args], { stdio: 'ignore' });
  return new Promise((resolve) => child.on('close', resolve));
}

let t: FileTestServer;
let code: string;
let results: ServerMessageOf<'results'>;
const work = mkdtempSync(joinPath(tmpdir(), 'nines-plan-'));
/** The round's level as a file: the race fixture is not a level of the curriculum, so simulate is given its file. */
const levelFile = joinPath(work, 'race.json');

/** A real round on a real server, played by bots: random players acting all through it, and a greedy team of two. */
beforeAll(async () => {
  t = await fileTestServer();
  const room = t.server.rooms.create(raceLevel());
  code = room.code;
  const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken: room.hostToken });
  const address = `127.0.0.1:${t.server.port}`;
  const random = spawnBots([address, code, '--count', '2', '--strategy', 'random', '--name', 'rnd', '--seed', '3']);
  await host.client.next('room', (m) => m.room.players.length === 2 && m.room.players.every((p) => p.ready));
  const team = spawnBots([address, code, '--count', '2', '--strategy', 'greedy', '--name', 'grd', '--team', 'blue']);
  await host.client.next('room', (m) => m.room.players.length === 4 && m.room.players.every((p) => p.ready));
  host.client.send({ type: 'start' });
  results = await host.client.next('results');
  expect(await Promise.all([random, team])).toEqual([0, 0]);
  host.client.ws.terminate();
  const kept = new FileStorage(t.dataDir).readResults({ game: `${code}-1`, room: code, round: 1, where: joinPath(t.dataDir, 'results', `${code}-1.json`) });
  writeFileSync(levelFile, JSON.stringify(kept.level));
}, 20_000);

afterAll(async () => {
  await t.server.close();
});

function exportPlan(name: string): { file: string; stderr: string } {
  const r = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'plan', '--player', name);
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.status).toBe(0);
  const file = joinPath(work, `${name}.plan.json`);
  writeFileSync(file, r.stdout);
  return { file, stderr: r.stderr };
}

describe('nines results --format plan', () => {
  it('writes each row as a plan that nines simulate plays to the very numbers the server gave', () => {
    expect(results.rows.map((r) => r.name).sort()).toEqual(['blue', 'rnd-1', 'rnd-2']);
    const ticks = new Set<number>();
    for (const row of results.rows) {
      const { file, stderr } = exportPlan(row.name);
      const plan = planSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      // Every accepted action of the row is in the plan: the team's two members' included.
      expect(plan.actions).toHaveLength(row.actions!);
      for (const a of plan.actions) ticks.add(a.at);
      expect(stderr).toBe(`nines results: ${row.actions} action(s); replay with: nines simulate --level race --plan <file>\n`);
      const sim = nines('simulate', '--level', levelFile, '--plan', file, '--json');
      expect(sim.status).toBe(0);
      const report = JSON.parse(sim.stdout) as SimulationReport;
      expect(report.rejected).toEqual([]);
      expect({ name: row.name, ...report.result }).toMatchObject({
        name: row.name, availability: tidy(row.availability), score: row.score, stars: row.stars, passed: row.passed,
        cost: tidy(row.cost), good: tidy(row.good), offered: tidy(row.offered),
      });
    }
    // The bots act at several moments of the round, not only at its start: each tick must come back right.
    expect(ticks.size).toBeGreaterThan(2);
  });

  it('names an unknown player with the rows there are, and a game that is not one round, changing nothing', () => {
    const names = results.rows.map((r) => r.name).join(', ');
    const unknown = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'plan', '--player', 'zed');
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(`nines results: --player: no player or team "zed" in ${code}-1: expected one of ${names}; see nines results --help\n`);
    const round = nines('results', 'ZZZZZ-9', '--data-dir', t.dataDir, '--format', 'plan', '--player', 'rnd-1');
    expect(round.status).toBe(2);
    expect(round.stderr).toContain(`no game "ZZZZZ-9" in ${t.dataDir}: the games kept are ${code}-1`);
    const room = nines('results', code, '--data-dir', t.dataDir, '--format', 'plan', '--player', 'rnd-1');
    expect(room.stderr).toBe(`nines results: --format plan: expected one round, <CODE>-<round>, got "${code}" (its rounds: ${code}-1); see nines results --help\n`);
    const noPlayer = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'plan');
    expect(noPlayer.stderr).toBe('nines results: --format plan: missing --player <name>: the player or team whose actions to write; see nines results --help\n');
    const csvPlayer = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--player', 'rnd-1');
    expect(csvPlayer.stderr).toBe('nines results: --player: only with --format plan, got --format (none); see nines results --help\n');
  });
});
