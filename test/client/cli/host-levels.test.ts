import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { join as joinRoom } from '../../server/helpers/client.js';
import { spawnHost, type HostProcess } from '../../server/helpers/host-process.js';
import { RACE_LEVEL_FILE } from '../../server/helpers/race-level.js';
import { FIXTURE_LEVEL, nines } from './run-cli.js';

let hosts: HostProcess[] = [];
afterEach(() => {
  for (const h of hosts) h.child.kill('SIGKILL');
  hosts = [];
});

describe('nines host --levels', () => {
  it('plays the levels in turn: next moves along the series and the results carry the totals', async () => {
    const h = await spawnHost(['--levels', `${RACE_LEVEL_FILE},${FIXTURE_LEVEL}`, '--speed', '10', '--data-dir', mkdtempSync(join(tmpdir(), 'nines-levels-'))]);
    hosts.push(h);
    expect(h.first.level).toBe('race');
    const host = await joinRoom(h.url, h.first.room, 'teacher', { spectate: true, hostToken: h.first.hostToken });
    const ada = await joinRoom(h.url, h.first.room, 'ada');
    host.client.send({ type: 'start' });
    await ada.client.next('sync');
    host.client.send({ type: 'end' });
    const results = await ada.client.next('results');
    expect(results.series).toMatchObject({ level: 1, of: 2, final: false, totals: [{ rank: 1, name: 'ada', rounds: 1 }] });
    host.client.send({ type: 'next' });
    const next = await ada.client.next('level');
    expect(next.level.id).toBe('small-shop');
  });

  it('refuses --level with --levels', () => {
    const r = nines('host', '--level', 'tutorial', '--levels', 'tutorial,ddos');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--level and --levels');
  });
});
