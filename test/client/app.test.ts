import { afterEach, describe, expect, it } from 'vitest';
import { App, FRAME_MS } from '../../client/app.js';
import { FIRE_PRESETS } from '../../client/dashboard/fire-presets.js';
import { LocalSession } from './helpers/local-session.js';
import { WsSession } from '../../client/ws-session.js';
import type { Level } from '../../shared/level.js';
import { join as joinRoom } from '../server/helpers/client.js';
import { raceLevel } from '../server/helpers/race-level.js';
import { testServer, type TestServer } from '../server/helpers/server.js';
import { FakeClock } from './helpers/fake-clock.js';
import { headlessTerminal, until, type HeadlessTerminal } from './helpers/headless-tui.js';
import { shortLevel, tutorialLevel } from './helpers/levels.js';

let term: HeadlessTerminal | undefined;
afterEach(() => term?.destroy());

function app(options: { start?: Level; cols?: number; rows?: number; mono?: boolean; mouse?: boolean } = {}) {
  const clock = new FakeClock();
  term = headlessTerminal(options.cols ?? 80, options.rows ?? 24, { mono: options.mono, mouse: options.mouse });
  let exits = 0;
  const recorded: [string, { passed: boolean; availability: number; stars: number; score: number }][] = [];
  const a = new App({
    tui: term.tui,
    mode: {
      type: 'solo',
      levels: () => [tutorialLevel(), shortLevel()],
      start: options.start,
      newSession: (level) => new LocalSession(level, { clock }),
      completed: () => new Set(['short']),
      bests: () => new Map([['short', { passed: true, availability: 0.99912, stars: 2, score: 900 }]]),
      record: (id, result) => { recorded.push([id, result]); },
    },
    exit: () => { exits++; },
    clock,
  });
  clock.advance(0);
  const t = term;
  return { app: a, clock, term: t, exits: () => exits, screen: () => t.screen(), recorded };
}

/** Keys written to the terminal's input, as a player types them. */
async function type(t: HeadlessTerminal, clock: FakeClock, screenHas: string, ...keys: string[]) {
  for (const k of keys) t.input.write(k);
  await until(() => { clock.advance(FRAME_MS); return t.screen().includes(screenHas); }, () => t.screen());
}

describe('App on a terminal without a tty', () => {
  it('opens on the level picker, the tutorial first, passed levels marked', () => {
    const { screen } = app();
    expect(screen()).toContain('Pick a level');
    expect(screen()).toMatch(/>\s+1\.\s+Tutorial: scale out/);
    expect(screen()).toMatch(/2\. \+ Short test level\s+99\.91% \[\*\*-\]/);
  });

  it('draws every panel of the game in 80x24, inside the screen', () => {
    const { screen, term: t } = app({ start: tutorialLevel() });
    const rows = t.tui.text();
    expect(rows).toHaveLength(24);
    for (const title of ['1 Map', '2 Inspector', '3 Availability', '4 Events', '5 Log', '6 Leaderboard']) expect(screen()).toContain(title);
    expect(rows[0]).toMatch(/LOCAL.*left.*connected.*99\.0%.*\$1,200/);
    expect(rows[23]).toMatch(/\? help.*q quit/);
  });

  it('plays the picked level on Enter, read from the input stream', async () => {
    const { clock, term: t } = app();
    await type(t, clock, '1 Map', '\r');
  });

  it('moves the cursor with the arrow keys and shows the node in the inspector', async () => {
    const { clock, term: t } = app({ start: tutorialLevel() });
    await type(t, clock, 'app servers, us-east', '\x1b[B');
    expect(t.screen()).toMatch(/state\s+[+!#] (healthy|busy|overloaded)/);
  });

  it('shows actions, events and failures in the log, and the countdown of an announced event', async () => {
    const { clock, term: t, screen } = app({ start: shortLevel() });
    await type(t, clock, 'done: scale app1 +1', '\x1b[B', '>');
    clock.advance(1_500);
    expect(screen()).toMatch(/! in \d+s\s+│/);
    expect(screen()).toContain('1 app node(s) fail');
    expect(screen()).toMatch(/scale app1 \+1 \(cost/);
    clock.advance(8_000);
    expect(screen()).toMatch(/app1 node-down:/);
  });

  it('redraws for a new size', () => {
    const { clock, term: t } = app({ start: tutorialLevel() });
    t.resize(160, 48);
    clock.advance(FRAME_MS);
    const rows = t.tui.text();
    expect(rows).toHaveLength(48);
    expect(rows[47]).toMatch(/q quit/);
    expect(rows[0]).toContain('Tutorial: scale out');
  });

  it('draws at most ten frames a second, and none while nothing changes', () => {
    const { app: a, clock } = app({ start: tutorialLevel() });
    const before = a.frames;
    clock.advance(1_000);
    expect(a.frames - before).toBeLessThanOrEqual(1_000 / FRAME_MS);
    expect(a.frames - before).toBeGreaterThan(0);
    const { app: idle, clock: idleClock } = app();
    const drawn = idle.frames;
    idleClock.advance(1_000);
    expect(idle.frames).toBe(drawn);
  });

  it('shows the results at the end, and plays again on Enter', async () => {
    const { clock, term: t, screen, recorded } = app({ start: shortLevel() });
    clock.advance(10_500);
    expect(screen()).toContain('x FAILED');
    expect(screen()).toMatch(/node-down\s+\S+\s+app1/);
    // The game is kept for the picker's best result, failed or not.
    expect(recorded).toEqual([['short', expect.objectContaining({ passed: false, stars: 0 })]]);
    expect(recorded[0]![1].availability).toBeLessThan(0.99);
    await type(t, clock, '1 Map', '\r');
  });

  it('writes no colour in monochrome', () => {
    const { term: t } = app({ start: tutorialLevel(), mono: true });
    expect(t.written()).not.toMatch(/\x1b\[[0-9;]*(3[0-7]|38;5;\d+)m/);
  });

  it('takes clicks: a level row chooses it, a second click plays it', async () => {
    const { clock, term: t, screen } = app({ mouse: true });
    const row = t.tui.text().findIndex((r) => r.includes('Short test level'));
    const click = (x: number, y: number) => t.input.write(`\x1b[<0;${x + 1};${y + 1}M\x1b[<0;${x + 1};${y + 1}m`);
    click(10, row);
    await until(() => { clock.advance(FRAME_MS); return /> +2\./.test(screen()); }, screen);
    click(10, row);
    await until(() => { clock.advance(FRAME_MS); return screen().includes('1 Map'); }, screen);
  });

  it('presses the key of a hint of the bottom bar that is clicked', async () => {
    const { clock, term: t, screen } = app({ start: tutorialLevel(), mouse: true });
    const x = t.tui.text()[23]!.indexOf('? help');
    t.input.write(`\x1b[<0;${x + 1};24M\x1b[<0;${x + 1};24m`);
    await until(() => { clock.advance(FRAME_MS); return screen().includes('Help (Esc closes)'); }, screen);
  });

  it('selects a node and focuses its panel on a click', async () => {
    const { clock, term: t, screen } = app({ start: tutorialLevel(), mouse: true });
    const y = t.tui.text().findIndex((r) => r.includes('db1'));
    const x = t.tui.text()[y]!.indexOf('db1');
    t.input.write(`\x1b[<0;${x + 1};${y + 1}M\x1b[<0;${x + 1};${y + 1}m`);
    await until(() => { clock.advance(FRAME_MS); return screen().includes('db1  database primary'); }, screen);
  });

  it('restores the terminal and exits once on q from the picker', async () => {
    const { term: t, exits } = app();
    t.input.write('q');
    await until(() => exits() === 1, () => t.screen());
    expect(t.written()).toContain('\x1b[?1049l');
  });
});

describe('App in a room on a real server', () => {
  const servers: TestServer[] = [];
  const sessions: WsSession[] = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.close();
    await Promise.all(servers.splice(0).map((t) => t.server.close()));
  });

  /** A room of the race level, the app joined to it as ana, and what the app gave as its reason to exit. */
  async function joined(options: { code?: string; spectate?: boolean } = {}) {
    const t = await testServer();
    servers.push(t);
    const { code } = t.server.rooms.create(raceLevel());
    const session = new WsSession({ url: t.url, room: options.code ?? code, name: 'ana', spectate: options.spectate });
    sessions.push(session);
    term = headlessTerminal(80, 24);
    const ended: (string | undefined)[] = [];
    const a = new App({ tui: term.tui, mode: { type: 'room', session }, exit: (error) => { ended.push(error); } });
    const tt = term;
    const see = (text: string | RegExp) => until(() => (typeof text === 'string' ? tt.screen().includes(text) : text.test(tt.screen())), () => tt.screen());
    return { t, code, app: a, term: tt, see, ended, start: () => t.server.rooms.input(code, { type: 'control', now: performance.now(), control: { type: 'start' } }) };
  }

  it('shows the lobby: code, level, players and their ready state, what to wait for; r toggles ready', async () => {
    const { t, code, term: tt, see } = await joined();
    const bo = await joinRoom(t.url, code, 'bo');
    await see(/\[ \] ana \(you\)/);
    await see('[ ] bo');
    expect(tt.screen()).toContain(`Room ${code}`);
    expect(tt.screen()).toContain('A short race');
    expect(tt.screen()).toContain('waiting for the host to start - press r when you are ready');
    tt.input.write('r');
    await see(/\[x\] ana \(you\)/);
    await see('you are ready');
    tt.input.write('r');
    await see(/\[ \] ana \(you\)/);
    await bo.client.close();
  });

  it('counts down, then plays with the room code and the connection in the top bar, then ranks the results', async () => {
    const { t, code, term: tt, see, start } = await joined();
    const bo = await joinRoom(t.url, code, 'bo');
    await see('[ ] bo');
    start();
    await see(/starting in \ds/);
    await see('6 Leaderboard');
    expect(tt.tui.text()[0]).toMatch(new RegExp(`${code}.*left.*\\+ connected`));
    // Neither acts: the same game, ranked by who joined first, and the tie shown.
    await see(/>1\. ana/);
    await see(/ 2= bo/);
    await see('Results');
    expect(tt.screen()).toMatch(/Rank\s+\d of 2/);
    expect(tt.screen()).toContain('the host starts the next round');
    await bo.client.close();
  });

  it('says the host closed the room on the results screen when the server stops, instead of waiting for a next round', async () => {
    const { t, see, term: tt, start } = await joined();
    await see(/\[ \] ana \(you\)/);
    start();
    await see('6 Leaderboard');
    await see('the host starts the next round');
    await t.server.close();
    await see('the host closed the room (its server stopped)');
    expect(tt.screen()).not.toContain('the host starts the next round');
  });

  it('gives a spectator the whole of why the connection is down, at 80x24', async () => {
    const { t, see, term: tt } = await joined({ spectate: true });
    await see('watching');
    await t.server.close();
    await see('the host closed the room (its server stopped)');
    expect(tt.screen()).toMatch(/reconnecting/);
  });

  it('lets a spectator watch the round: the clock, the standings, the events and the availability race', async () => {
    const { t, code, see, term: tt, start } = await joined({ spectate: true });
    await see('watching');
    const bo = await joinRoom(t.url, code, 'bo');
    await see('Players   [ ] bo');
    start();
    await see(/Standings \(1\)/);
    await see(/ 1\. bo /);
    await see(/\d+s left/);
    expect(tt.screen()).toContain('Availability race');
    t.server.rooms.input(code, { type: 'control', now: performance.now(), control: { type: 'fire', event: { ...FIRE_PRESETS.find((f) => f.event.type === 'ddos')!.event, duration: 60 } } });
    await see(/# \d+s left\s+DDoS/);
    await see(/1 bo/);
    await see('Final standings (1)');
    await bo.client.close();
  });

  it('exits with the reason, terminal restored, when the room cannot be joined', async () => {
    const { t, term: tt, ended } = await joined({ code: 'ZZZZZ' });
    await until(() => ended.length === 1, () => tt.screen());
    expect(ended).toEqual([`no room ZZZZZ at ${t.url}: check the code the host gave (5 characters; never 0, O, 1, I or L)`]);
    expect(tt.written()).toContain('\x1b[?1049l');
  });
});
