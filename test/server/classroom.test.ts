import { afterAll, describe, expect, it } from 'vitest';
import { FAILURE_REASONS } from '../../shared/reasons.js';
import { csvRecords } from '../helpers/csv-parse.js';
import { nines } from '../client/cli/run-cli.js';
import { join as joinRoom, type TestClient } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { fileTestServer, type FileTestServer } from './helpers/server.js';

/** A class: thirty students on their own connections. */
const STUDENTS = 30;
const level = raceLevel();

let t: FileTestServer | undefined;
afterAll(async () => {
  await t?.server.close();
});

describe('a classroom round, end to end', () => {
  it('thirty scripted players: lobby, start, pause and resume, a live event for all, results, and a CSV export that matches', async () => {
    t = await fileTestServer();
    const { code, hostToken } = t.server.rooms.create(level);
    const host = (await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken })).client;
    const students: { client: TestClient; id: string }[] = [];
    for (let i = 0; i < STUDENTS; i++) {
      const { client, welcome } = await joinRoom(t.url, code, `student${i + 1}`, i % 10 === 0 ? { team: `row${i / 10}` } : {});
      students.push({ client, id: welcome.playerId! });
    }
    await host.next('room', (m) => m.room.players.length === STUDENTS);
    for (const s of students) s.client.send({ type: 'ready', ready: true });
    await host.next('room', (m) => m.room.players.every((p) => p.ready));
    host.send({ type: 'start' });
    await Promise.all(students.map((s) => s.client.next('sync')));
    // Every third student upgrades the app servers: the ranking has something to tell apart.
    for (const [i, s] of students.entries()) if (i % 3 === 0) s.client.send({ type: 'act', seq: 1, action: { type: 'upgrade', node: 'app', tier: 'large' } });
    host.send({ type: 'pause' });
    await Promise.all(students.map((s) => s.client.next('room', (m) => m.room.phase === 'paused')));
    host.send({ type: 'resume' });
    await Promise.all(students.map((s) => s.client.next('room', (m) => m.room.phase === 'running')));
    host.send({ type: 'fire', event: { type: 'latency', at: 0, duration: 2, factor: 2, announce: 0 } });
    const announced = await Promise.all(students.map((s) => s.client.next('announce', (m) => m.live)));
    expect(new Set(announced.map((a) => `${a.tick} ${a.event.type}`)).size).toBe(1);
    const results = await Promise.all([host, ...students.map((s) => s.client)].map((c) => c.next('results')));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    const rows = results[0]!.rows;
    expect(rows).toHaveLength(STUDENTS);
    expect(rows.map((r) => r.rank)).toEqual(Array.from({ length: STUDENTS }, (_, i) => i + 1));
    // Every student there from the start made its game itself and replayed it: no snapshot at all.
    for (const s of students) expect(s.client.all('snapshot')).toEqual([]);

    const csv = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'csv');
    expect(csv.status).toBe(0);
    const records = csvRecords(csv.stdout);
    expect(records).toHaveLength(STUDENTS);
    for (const [i, row] of rows.entries()) {
      const rec = records[i]!;
      expect([rec.rank, rec.name, rec.team, rec.score, rec.passed]).toEqual([String(row.rank), row.name, row.team ?? '', String(row.score), String(row.passed)]);
      expect(Number(rec.availability)).toBeCloseTo(row.availability, 6);
      expect(Number(rec.cost)).toBeCloseTo(row.cost, 2);
      expect(Number(rec.good)).toBe(Math.round(row.good));
      for (const reason of FAILURE_REASONS) expect(Number(rec[`failed_${reason.replace(/-/g, '_')}`])).toBe(Math.round(row.failed[reason] ?? 0));
    }
    await Promise.all(students.map((s) => s.client.close()));
  });
});
