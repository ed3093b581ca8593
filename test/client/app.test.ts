import { afterEach, describe, expect, it } from 'vitest';
import { App, FRAME_MS } from '../../client/app.js';
import { LocalSession } from '../../client/local-session.js';
import type { Level } from '../../shared/level.js';
import { FakeClock } from './helpers/fake-clock.js';
import { headlessTerminal, until, type HeadlessTerminal } from './helpers/headless-tui.js';
import { shortLevel, tutorialLevel } from './helpers/levels.js';

let term: HeadlessTerminal | undefined;
afterEach(() => term?.destroy());

function app(options: { start?: Level; cols?: number; rows?: number; mono?: boolean; mouse?: boolean } = {}) {
  const clock = new FakeClock();
  term = headlessTerminal(options.cols ?? 80, options.rows ?? 24, { mono: options.mono, mouse: options.mouse });
  let exits = 0;
  const a = new App({
    tui: term.tui,
    levels: () => [tutorialLevel(), shortLevel()],
    start: options.start,
    newSession: (level) => new LocalSession(level, { clock }),
    completed: () => new Set(['short']),
    markPassed: () => {},
    exit: () => { exits++; },
    clock,
  });
  clock.advance(0);
  const t = term;
  return { app: a, clock, term: t, exits: () => exits, screen: () => t.screen() };
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
    expect(screen()).toMatch(/2\. \+ Short test level/);
  });

  it('draws every panel of the game in 80x24, inside the screen', () => {
    const { screen, term: t } = app({ start: tutorialLevel() });
    const rows = t.tui.text();
    expect(rows).toHaveLength(24);
    for (const title of ['1 Map', '2 Inspector', '3 Availability', '4 Events', '5 Log', '6 Leaderboard']) expect(screen()).toContain(title);
    expect(rows[0]).toMatch(/SOLO.*left.*connected.*99\.0%.*\$1,200/);
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
    const { clock, term: t, screen } = app({ start: shortLevel() });
    clock.advance(10_500);
    expect(screen()).toContain('x FAILED');
    expect(screen()).toMatch(/node-down\s+\S+\s+app1/);
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
