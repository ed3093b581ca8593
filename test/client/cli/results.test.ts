import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../../shared/action.js';
import { FAILURE_REASONS } from '../../../shared/reasons.js';
import type { ServerMessageOf } from '../../../shared/protocol.js';
import { csvRecords } from '../../helpers/csv-parse.js';
import { join as joinRoom } from '../../server/helpers/client.js';
import { raceLevel } from '../../server/helpers/race-level.js';
import { fileTestServer, type FileTestServer } from '../../server/helpers/server.js';
import { STACK_FRAME, nines } from './run-cli.js';

const level = raceLevel();
/** What each player does at the start: one upgrades the app servers, one the database (not the bottleneck), two nothing (a tie). */
const PLAYS: Record<string, Action | undefined> = {
  ada: { type: 'upgrade', node: 'app', tier: 'large' },
  bob: { type: 'upgrade', node: 'db' },
  cy: undefined,
  dee: undefined,
};

let t: FileTestServer;
let code: string;
let results: ServerMessageOf<'results'>;

/** A real round on a real server, played to its end: what `nines results` exports. */
beforeAll(async () => {
  t = await fileTestServer();
  const room = t.server.rooms.create(level);
  code = room.code;
  const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken: room.hostToken });
  const players = await Promise.all(Object.keys(PLAYS).map((name) => joinRoom(t.url, code, name)));
  await host.client.next('room', (m) => m.room.players.length === 4);
  host.client.send({ type: 'start' });
  for (const [i, action] of Object.values(PLAYS).entries()) {
    if (!action) continue;
    await players[i]!.client.next('sync');
    players[i]!.client.send({ type: 'act', seq: 1, action });
    expect(await players[i]!.client.next('ack')).toMatchObject({ ok: true });
  }
  results = await host.client.next('results');
  await Promise.all(players.map((p) => p.client.next('results')));
});

afterAll(async () => {
  await t.server.close();
});

describe('nines results', () => {
  it('lists the games kept in the data directory', () => {
    const r = nines('results', '--data-dir', t.dataDir);
    expect(r.status).toBe(0);
    // The date as a person reads it ("2 Dec 18:42"), the day's, not an ISO string.
    const now = new Date();
    const time = `${String(now.getHours()).padStart(2, '0')}:`;
    expect(r.stdout).toMatch(new RegExp(`^game\\s+level\\s+rows\\s+ended\\n${code}-1\\s+race\\s+4\\s+${now.getDate()} [A-Z][a-z]{2} (${time}|\\d\\d:)\\d\\d\\n$`));
    expect(r.stdout).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('exports one CSV row per player, in rank order, with the numbers the server sent', () => {
    const r = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'csv');
    expect(r.status).toBe(0);
    const records = csvRecords(r.stdout);
    expect(Object.keys(records[0]!)).toEqual([
      'room', 'round', 'level', 'rank', 'name', 'team', 'members', 'availability', 'target', 'passed', 'score', 'stars', 'cost', 'budget',
      'offered', 'good', 'failed', ...FAILURE_REASONS.map((x) => `failed_${x.replace(/-/g, '_')}`), 'actions', 'first_failure', 'reason', 'debrief',
      'complete', 'tie_break', 'difficulty',
    ]);
    expect(records.map((x) => x.name)).toEqual(results.rows.map((x) => x.name));
    for (const [i, row] of results.rows.entries()) {
      const rec = records[i]!;
      expect(rec).toMatchObject({ room: code, round: '1', level: 'race', rank: String(row.rank), members: row.name, passed: String(row.passed), score: String(row.score), stars: String(row.stars) });
      expect(Number(rec.availability)).toBeCloseTo(row.availability, 6);
      expect(Number(rec.cost)).toBeCloseTo(row.cost, 2);
      expect(Number(rec.good)).toBe(Math.round(row.good));
      expect(Number(rec.offered)).toBe(Math.round(row.offered));
      for (const reason of FAILURE_REASONS) expect(Number(rec[`failed_${reason.replace(/-/g, '_')}`])).toBe(Math.round(row.failed[reason] ?? 0));
      expect(rec.actions).toBe(PLAYS[row.name] ? '1' : '0');
      expect(rec.complete).toBe('true');
      expect(rec.difficulty).toBe('normal');
    }
    // cy and dee played the same game: the earlier joiner ranks first, and the row says so.
    const [cy, dee] = [records.findIndex((x) => x.name === 'cy'), records.findIndex((x) => x.name === 'dee')];
    expect(dee).toBe(cy + 1);
    expect(records[cy]!.tie_break).toBe('');
    expect(records[dee]!.tie_break).toBe('tie: joined later');
  });

  it('gives each player the debrief headline: the component that failed first and why', () => {
    const records = csvRecords(nines('results', code.toLowerCase(), '--data-dir', t.dataDir).stdout);
    // Doing nothing, cy's one small app server is what gives way under the flash sale.
    const cy = records.find((x) => x.name === 'cy')!;
    expect(cy).toMatchObject({ first_failure: 'app (app servers) in home', reason: 'timed-out' });
    expect(cy.debrief).toMatch(/^app \(app servers\) in home saturated, 100% busy, from 0:0\d to 0:1\d during the flash sale; \d+% of requests timed out/);
    const ada = records.find((x) => x.name === 'ada')!;
    expect(ada).toMatchObject({ first_failure: '', reason: '', debrief: 'no incident: availability stayed above the 99% target' });
  });

  it('exports JSON and Markdown too', () => {
    const json = JSON.parse(nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'json').stdout) as { name: string; failedBy: Record<string, number> }[];
    expect(json.map((x) => x.name)).toEqual(results.rows.map((x) => x.name));
    expect(Object.keys(json[0]!.failedBy)).toEqual([...FAILURE_REASONS]);
    const md = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'md').stdout;
    expect(md).toContain(`## ${code}-1: race (target 99%)`);
    expect(md).toMatch(/\n\| 1 \| \w+ \| \w+ \| [\d.]+% \| (yes|no) \|/);
    expect(md).toContain('- **cy**: app (app servers) in home saturated');
    expect(md).toContain('- **ada**: no incident');
    expect(md).toMatch(/\| dee \|.*\| tie: joined later \|\n/);
  });

  it('names an unknown game and the games there are, and a bad format, without a stack trace', () => {
    const unknown = nines('results', 'ZZZZZ-9', '--data-dir', t.dataDir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(`nines results: no game "ZZZZZ-9" in ${t.dataDir}: the games kept are ${code}-1`);
    const format = nines('results', `${code}-1`, '--data-dir', t.dataDir, '--format', 'xls');
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('--format: expected one of csv, json, md, plan, got "xls"');
    expect(unknown.stderr + format.stderr).not.toMatch(STACK_FRAME);
  });
});
