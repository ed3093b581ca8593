import { afterEach, describe, expect, it } from 'vitest';
import { resolveLevel } from '../../../server/levels-store.js';
import { DashboardLog, hostDashboard } from '../../../client/cli/host-dashboard.js';
import { join as joinRoom } from '../../server/helpers/client.js';
import { raceLevel } from '../../server/helpers/race-level.js';
import { testServer } from '../../server/helpers/server.js';
import { headlessTerminal, until, type HeadlessTerminal } from '../helpers/headless-tui.js';

let cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const stop of cleanup.reverse()) await stop();
  cleanup = [];
});

describe('the host dashboard on a real room', () => {
  it('n offers the levels, on the series\' next, and Enter moves the room to the one picked', async () => {
    const t = await testServer();
    cleanup.push(() => t.server.close());
    const race = raceLevel();
    const { code, hostToken } = t.server.rooms.create(race, race.seed, [race, resolveLevel('tutorial')]);
    const term: HeadlessTerminal = headlessTerminal(100, 30);
    const dashboard = hostDashboard(t.server, code, `nines join x ${code} --name <name>`, term.tui, new DashboardLog(), hostToken);
    cleanup.push(() => dashboard.close());
    const see = (text: string | RegExp) => until(() => (typeof text === 'string' ? term.screen().includes(text) : text.test(term.screen())), () => term.screen());
    const ada = await joinRoom(t.url, code, 'ada');
    cleanup.push(() => ada.client.close());
    await see('1 players, 0 ready, 0 away, 0 watching');
    term.input.write('s');
    await ada.client.next('results');
    await see('round over');
    term.input.write('n');
    // The series' next level is the default; the levels folder's follow, each once.
    await see(/> tutorial\s+Tutorial: scale out\s+\(next\)/);
    expect(term.screen().match(/race {2}A short race/g)).toHaveLength(1);
    term.input.write('\x1b[B');
    await see(/> (?!tutorial)[a-z0-9-]+ /);
    const picked = /> ([a-z0-9-]+) /.exec(term.screen().split('\n').find((l) => /> (?!tutorial)[a-z0-9-]+ /.test(l))!)![1]!;
    term.input.write('\r');
    const level = await ada.client.next('level');
    expect(level.level.id).toBe(picked);
    expect(t.server.rooms.get(code)!.level.id).toBe(picked);
    await see(`> next ${picked}`);
  });
});
