import { afterEach, describe, expect, it } from 'vitest';
import { blockText, blockWidth, hasGlyphs } from '../../../client/dashboard/block-font.js';
import { dashboardKey } from '../../../client/dashboard/dashboard-keys.js';
import { initialUi, type DashboardData, type DashUi } from '../../../client/dashboard/dashboard-model.js';
import { dashboardFrame } from '../../../client/dashboard/dashboard-view.js';
import { FIRE_PRESETS } from '../../../client/dashboard/fire-presets.js';
import { raceChart } from '../../../client/dashboard/race-chart.js';
import { boxLines, type Frame } from '../../../client/frame.js';
import { lineText } from '../../../client/styled.js';
import { hostControlSchema, ROOM_CODE_ALPHABET, type LeaderboardRow } from '../../../shared/protocol.js';
import { headlessTerminal, until, type HeadlessTerminal } from '../helpers/headless-tui.js';

const row = (rank: number, name: string, availability: number, extra: Partial<LeaderboardRow> = {}): LeaderboardRow => ({
  rank, player: `p${rank}`, name, availability, score: 100 - rank, cost: 10, passed: true, nodes: 3, connected: true, ...extra,
});

const lobby = (): DashboardData => ({
  code: 'K7QXM', join: 'nines join 10.0.0.5:7777 K7QXM --name <name>', levelId: 'race', title: 'Race', phase: 'lobby', tick: 0,
  durationSeconds: 240, tickMs: 100, spectators: 1, levels: [{ id: 'race', title: 'Race' }, { id: 'ddos', title: 'DDoS' }, { id: 'tutorial', title: 'Tutorial' }], nextLevel: 'ddos',
  players: [
    { id: 'p1', name: 'ada', connected: true, ready: true },
    { id: 'p2', name: 'bob', team: 'blue', connected: false, ready: false },
  ],
  rows: [], history: {}, log: ['15:00:00 info room K7QXM: ada joined as p1'],
});

const running = (): DashboardData => ({
  ...lobby(), phase: 'running', tick: 120,
  players: [{ id: 'p1', name: 'ada', connected: true, ready: true, availability: 0.9995 }, { id: 'p2', name: 'bob', connected: false, ready: true, availability: 0.95 }],
  rows: [row(1, 'ada', 0.9995), row(2, 'bob', 0.95, { connected: false })],
  history: { ada: [1, 1, 0.999, 0.9995], bob: [1, 0.98, 0.96, 0.95] },
});

/** The frame as the screen would show it, boxes drawn back to front. */
function render(frame: Frame, cols: number, rows: number): string {
  const grid = Array.from({ length: rows }, () => Array<string>(cols).fill(' '));
  for (const b of frame.boxes) {
    boxLines(b).forEach((l, y) => [...lineText(l)].forEach((c, x) => {
      if (b.top + y < rows && b.left + x < cols) grid[b.top + y]![b.left + x] = c;
    }));
  }
  return grid.map((r) => r.join('')).join('\n');
}

/** The words of the box over the view, its lines joined by spaces. */
function overlayText(frame: Frame): string {
  return (frame.boxes.find((b) => b.id === 'overlay')?.lines ?? []).map((l) => lineText(l).trim()).join(' ');
}

describe('block font', () => {
  it('draws every room-code character in five rows of equal width', () => {
    expect(hasGlyphs(ROOM_CODE_ALPHABET)).toBe(true);
    const rows = blockText('K7QXM');
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(r).toHaveLength(blockWidth('K7QXM'));
    expect(rows.join('')).toContain('\u2588');
    // Each glyph differs from every other: none reads as another.
    const glyphs = [...ROOM_CODE_ALPHABET].map((c) => blockText(c).join('\n'));
    expect(new Set(glyphs).size).toBe(ROOM_CODE_ALPHABET.length);
  });
});

describe('dashboard view', () => {
  it('shows the code in block letters, the join command, the players, the log and the keys', () => {
    const text = render(dashboardFrame(lobby(), initialUi(), 100, 30), 100, 30);
    expect(text).toContain('room K7QXM');
    expect(text).toContain(blockText('K7QXM')[0]);
    expect(text).toContain('players join with: nines join 10.0.0.5:7777 K7QXM --name <name>');
    expect(text).toMatch(/p1 ada\s+connected ready/);
    expect(text).toMatch(/p2 bob \[blue\]\s+away/);
    expect(text).toContain('ada joined as p1');
    expect(text).toMatch(/s start.*p pause.*f fire.*k kick.*v projector/);
  });

  it('fits 80x24 and shows availability once the round runs', () => {
    const text = render(dashboardFrame(running(), initialUi(), 80, 24), 80, 24);
    expect(text.split('\n')).toHaveLength(24);
    expect(text).toMatch(/ada .*99\.9[0-9]%/);
    expect(text).toContain('running');
  });

  it('projector: the leaderboard in large print and the availability race', () => {
    const ui: DashUi = { ...initialUi(), mode: 'projector' };
    const text = render(dashboardFrame(running(), ui, 100, 36), 100, 36);
    expect(text).toMatch(/1\. ADA.*99\.9[0-9]%/);
    expect(text).toMatch(/2\. BOB\s+\(away\).*95\.00%/);
    expect(text).toContain('Availability race');
    expect(text).toMatch(/1 ada\s+2 bob/);
    expect(text).toContain(blockText('K7QXM')[2]);
    // A tie on availability and score shows what broke it, as everywhere else.
    const tied = { ...running(), rows: [row(1, 'ada', 0.95, { score: 90 }), row(2, 'bob', 0.95, { score: 90, tie: 'finished', finishedAt: 65 })] };
    expect(render(dashboardFrame(tied, ui, 100, 36), 100, 36)).toMatch(/2= BOB .*tie: finished later, at 1:05 +95\.00%/);
  });

  it('race chart: the leader on top, the lowest value at the bottom', () => {
    const lines = raceChart([{ name: 'ada', values: [1, 1] }, { name: 'bob', values: [1, 0.8] }], 20, 5).map(lineText);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/100\.0% \u2502\s*11$/);
    expect(lines[3]).toMatch(/80\.0% \u2502\s*2$/);
  });
});

describe('dashboard keys', () => {
  const data = lobby();
  it('maps the control keys to host controls the schema accepts', () => {
    for (const [key, type] of [['s', 'start'], ['p', 'pause'], ['r', 'resume'], ['e', 'end']] as const) {
      expect(dashboardKey(initialUi(), data, key).control).toEqual({ type });
      expect(hostControlSchema.safeParse({ type }).success).toBe(true);
    }
    const nobody = { ...data, players: data.players.map((p) => ({ ...p, connected: false })), spectators: 0 };
    expect(dashboardKey(initialUi(), nobody, 'q').quit).toBe(true);
    expect(dashboardKey(initialUi(), data, 'C-c').quit).toBe(true);
  });

  it('asks before ending a round or quitting while players are connected, in the main view and on the projector', () => {
    const live = running();
    for (const from of ['main', 'projector'] as const) {
      const start: DashUi = { ...initialUi(), mode: from };
      const quit = dashboardKey(start, live, 'q');
      expect(quit.quit).toBeUndefined();
      expect(quit.ui).toMatchObject({ mode: 'confirm', confirm: { what: 'quit', from } });
      expect(overlayText(dashboardFrame(live, quit.ui, 80, 24))).toContain('Quit? This stops the server: 1 player(s) connected and 1 watching will be told the host closed the room.');
      expect(dashboardKey(quit.ui, live, 'n')).toEqual({ ui: start });
      expect(dashboardKey(quit.ui, live, 'y')).toEqual({ ui: start, quit: true });
      const end = dashboardKey(start, live, 'e');
      expect(end.control).toBeUndefined();
      expect(overlayText(dashboardFrame(live, end.ui, 80, 24))).toContain('End the round now? 1 player(s) connected');
      if (from === 'projector') expect(dashboardFrame(live, end.ui, 80, 24).boxes.map((b) => b.id)).toContain('p-board');
      expect(dashboardKey(end.ui, live, 'escape')).toEqual({ ui: start });
      expect(dashboardKey(end.ui, live, 'y')).toEqual({ ui: start, control: { type: 'end' } });
    }
    // With nobody connected there is nobody to cut off.
    const empty = { ...live, players: live.players.map((p) => ({ ...p, connected: false })), spectators: 0 };
    expect(dashboardKey(initialUi(), empty, 'e').control).toEqual({ type: 'end' });
    expect(dashboardKey(initialUi(), empty, 'q').quit).toBe(true);
  });

  it('n picks the next level from a list, starting on the series\' next', () => {
    const ui = dashboardKey({ ...initialUi(), mode: 'main' }, { ...data, phase: 'ended' }, 'n').ui;
    expect(ui).toMatchObject({ mode: 'next', levelIndex: 1 });
    const picker = render(dashboardFrame({ ...data, phase: 'ended' }, ui, 80, 24), 80, 24);
    expect(picker).toMatch(/> ddos\s+DDoS\s+\(next\)/);
    expect(picker).toMatch(/ {2}tutorial\s+Tutorial/);
    expect(dashboardKey(ui, data, 'enter').control).toEqual({ type: 'next', level: 'ddos' });
    const down = dashboardKey(ui, data, 'down').ui;
    const r = dashboardKey(down, data, 'enter');
    expect(r).toMatchObject({ ui: { mode: 'main' }, control: { type: 'next', level: 'tutorial' } });
    expect(hostControlSchema.safeParse(r.control).success).toBe(true);
    expect(dashboardKey(ui, data, 'escape').control).toBeUndefined();
    // A long title is shown whole where the screen has room for it.
    const long = { ...data, phase: 'ended' as const, levels: data.levels.map((l, i) => (i === 0 ? { ...l, title: 'Regional partition: three regions, one network, and a long way between them' } : l)) };
    expect(render(dashboardFrame(long, ui, 160, 48), 160, 48)).toContain('race  Regional partition: three regions, one network, and a long way between them');
  });

  it('t shows the host token, or why a restored room has none to show', () => {
    const ui = dashboardKey(initialUi(), data, 't').ui;
    expect(render(dashboardFrame({ ...data, hostToken: 'V1StGXR8_Z5jdHi6B-myT' }, ui, 80, 24), 80, 24)).toContain('host token: V1StGXR8_Z5jdHi6B-myT');
    expect(render(dashboardFrame(data, ui, 80, 24), 80, 24)).toContain('restored from its log');
    expect(dashboardKey(ui, data, 'x').ui.mode).toBe('main');
  });

  it('fires a picked event to everyone', () => {
    let ui = dashboardKey(initialUi(), data, 'f').ui;
    expect(ui.mode).toBe('fire');
    ui = dashboardKey(ui, data, 'down').ui;
    const r = dashboardKey(ui, data, 'enter');
    expect(r.ui.mode).toBe('main');
    expect(r.control).toEqual({ type: 'fire', event: FIRE_PRESETS[1]!.event });
    for (const p of FIRE_PRESETS) expect(hostControlSchema.safeParse({ type: 'fire', event: p.event }).success).toBe(true);
    expect(dashboardKey(dashboardKey(initialUi(), data, 'f').ui, data, 'escape')).toEqual({ ui: { ...initialUi(), mode: 'main' } });
  });

  it('aims at one player by typing part of a name after Tab, and says whom in the picker', () => {
    const data = { ...lobby(), players: [...lobby().players, { id: 'p3', name: 'adele', connected: true, ready: false }] };
    let ui = dashboardKey(initialUi(), data, 'f').ui;
    ui = dashboardKey(ui, data, 'tab').ui;
    for (const k of 'ad') ui = dashboardKey(ui, data, k).ui;
    const picker = render(dashboardFrame(data, ui, 100, 30), 100, 30);
    expect(picker).toMatch(/> ada \(p1\)/);
    expect(picker).toMatch(/ {6}adele \(p3\)/);
    expect(picker).not.toContain('bob (p2)');
    ui = dashboardKey(ui, data, 'down').ui;
    const r = dashboardKey(ui, data, 'enter');
    expect(r.control).toEqual({ type: 'fire', event: FIRE_PRESETS[0]!.event, player: 'p3' });
    expect(hostControlSchema.safeParse(r.control).success).toBe(true);
    // A name that matches nobody fires at nobody, and says so; rubbed out, it is everyone again.
    for (const k of 'zz') ui = dashboardKey(ui, data, k).ui;
    expect(render(dashboardFrame(data, ui, 100, 30), 100, 30)).toContain('no player\'s name has "adzz"');
    expect(dashboardKey(ui, data, 'enter')).toEqual({ ui });
    for (let i = 0; i < 4; i++) ui = dashboardKey(ui, data, 'backspace').ui;
    expect(dashboardKey(ui, data, 'enter').control).toEqual({ type: 'fire', event: FIRE_PRESETS[0]!.event });
    // Letters typed into the name are not the event list's j and k.
    ui = dashboardKey(dashboardKey(dashboardKey(initialUi(), data, 'f').ui, data, 'tab').ui, data, 'j').ui;
    expect(ui).toMatchObject({ whom: 'j', fireIndex: 0 });
  });

  it('puts the selected player in a team typed by name, in the lobby only, and shows the teams\' keys', () => {
    const withTeams = { ...data, teams: [{ name: 'blue', key: 'Q7MZ4K' }] };
    let ui = dashboardKey(initialUi(), withTeams, 'a').ui;
    expect(ui).toMatchObject({ mode: 'team', teamTarget: 'p1', teamName: '' });
    for (const key of ['b', 'l', 'u', 'e', 'backspace', 'e']) ui = dashboardKey(ui, withTeams, key).ui;
    const shown = render(dashboardFrame(withTeams, ui, 80, 24), 80, 24);
    expect(shown).toContain('Put ada (p1) in team:');
    expect(shown).toContain('> blue_');
    expect(shown).toContain('blue (key Q7MZ4K)');
    const done = dashboardKey(ui, withTeams, 'enter');
    expect(done.control).toEqual({ type: 'team', player: 'p1', team: 'blue' });
    expect(hostControlSchema.safeParse(done.control).success).toBe(true);
    expect(done.ui).toMatchObject({ mode: 'main', teamName: '' });
    // Empty: to play alone. Esc: nothing. During a round: the key does nothing.
    expect(dashboardKey(dashboardKey(initialUi(), withTeams, 'a').ui, withTeams, 'enter').control).toEqual({ type: 'team', player: 'p1' });
    expect(dashboardKey(dashboardKey(initialUi(), withTeams, 'a').ui, withTeams, 'escape').control).toBeUndefined();
    expect(dashboardKey(initialUi(), { ...withTeams, phase: 'running' }, 'a').ui.mode).toBe('main');
  });

  it('kicks only after a confirmation', () => {
    let ui = dashboardKey(initialUi(), data, 'k').ui;
    ui = dashboardKey(ui, data, 'down').ui;
    ui = dashboardKey(ui, data, 'enter').ui;
    expect(ui).toMatchObject({ mode: 'confirm-kick', kickTarget: 'p2' });
    expect(render(dashboardFrame(data, ui, 80, 24), 80, 24)).toContain('Kick bob (p2) for good?');
    expect(dashboardKey(ui, data, 'n')).toEqual({ ui: { ...initialUi(), playerIndex: 1 } });
    expect(dashboardKey(ui, data, 'y').control).toEqual({ type: 'kick', player: 'p2' });
  });

  it('toggles the projector with v and still takes the round controls there', () => {
    const ui = dashboardKey(initialUi(), data, 'v').ui;
    expect(ui.mode).toBe('projector');
    expect(dashboardKey(ui, data, 's').control).toEqual({ type: 'start' });
    expect(dashboardKey(ui, data, 'v').ui.mode).toBe('main');
  });
});

describe('dashboard on a headless screen', () => {
  let term: HeadlessTerminal | undefined;
  afterEach(() => term?.destroy());

  it('draws, and keys typed into the terminal switch views', async () => {
    term = headlessTerminal(100, 30);
    let ui = initialUi();
    const t = term;
    const draw = () => t.tui.draw(dashboardFrame(running(), ui, t.tui.cols(), t.tui.rows()));
    t.tui.onKey((key) => { ui = dashboardKey(ui, running(), key).ui; draw(); });
    draw();
    await until(() => t.screen().includes('players join with'), t.screen);
    t.input.write('v');
    await until(() => t.screen().includes('Availability race'), t.screen);
    expect(t.screen()).toMatch(/1\. ADA/);
    t.input.write('v');
    await until(() => t.screen().includes('players join with'), t.screen);
    t.input.write('f');
    await until(() => t.screen().includes('Fire an event'), t.screen);
    expect(t.screen()).toContain('> ramp: traffic x3');
  });
});

describe('projector podium', () => {
  it('shows the cumulative top three between the rounds of a series, and the final podium after the last', () => {
    const totals = [
      { rank: 1, player: 'p1', name: 'ada', score: 180, rounds: 2 },
      { rank: 2, player: 'p2', name: 'bob', score: 150, rounds: 2 },
    ];
    const ui: DashUi = { ...initialUi(), mode: 'projector' };
    const between = render(dashboardFrame({ ...running(), phase: 'ended', series: { played: 1, of: 3, totals } }, ui, 100, 36), 100, 36);
    expect(between).toContain('PODIUM after level 1 of 3');
    expect(between).toMatch(/1st\s+ADA\s+180 points in 2 round\(s\)/);
    expect(between).toMatch(/2nd\s+BOB\s+150 points/);
    const final = render(dashboardFrame({ ...running(), phase: 'ended', series: { played: 3, of: 3, totals } }, ui, 100, 36), 100, 36);
    expect(final).toContain('FINAL PODIUM after 3 levels');
    const playing = render(dashboardFrame({ ...running(), series: { played: 1, of: 3, totals } }, ui, 100, 36), 100, 36);
    expect(playing).not.toContain('PODIUM');
  });
});

describe('a big class', () => {
  const many = (): DashboardData => ({
    ...lobby(),
    players: Array.from({ length: 100 }, (_, i) => ({ id: `p${i + 1}`, name: `student${i + 1}`, connected: true, ready: false })),
  });

  it('lists what fits and says where the window is; the kick picker follows the selection', () => {
    const text = render(dashboardFrame(many(), initialUi(), 80, 24), 80, 24);
    expect(text).toContain('p1 student1 ');
    expect(text).toMatch(/1-10 of 100: Up\/Dn PgUp\/PgDn, o order, \/ find/);
    const ui: DashUi = { ...initialUi(), mode: 'kick', playerIndex: 80 };
    const picker = render(dashboardFrame(many(), ui, 80, 24), 80, 24);
    expect(picker).toMatch(/>p81 student81/);
  });

  it('draws a hundred players in well under a frame', () => {
    const data = { ...many(), phase: 'running' as const, rows: Array.from({ length: 100 }, (_, i) => row(i + 1, `student${i + 1}`, 0.99)), history: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`student${i + 1}`, Array<number>(600).fill(0.99)])) };
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      dashboardFrame(data, initialUi(), 120, 40);
      dashboardFrame(data, { ...initialUi(), mode: 'projector' }, 120, 40);
    }
    const perFrame = (performance.now() - started) / 200;
    expect(perFrame).toBeLessThan(16);
  });
});

describe('the player list of a class', () => {
  // Availability and score spread so that the struggling ones are neither first nor last joined.
  const avail = (i: number) => 0.9 + ((i * 37 + 11) % 100) / 1000;
  const many = (): DashboardData => ({
    ...running(), spectators: 3,
    players: Array.from({ length: 100 }, (_, i) => ({
      id: `p${i + 1}`, name: `student${String(i + 1).padStart(3, '0')}`, connected: i % 10 !== 3, ready: i % 4 === 0, availability: avail(i), score: 500 + i,
    })),
  });
  const listed = (text: string) => [...text.matchAll(/[ >](p\d+) student/g)].map((m) => m[1]);

  it('counts players, ready, away and spectators, and the header shows the time left, not the tick', () => {
    const text = render(dashboardFrame(many(), initialUi(), 80, 24), 80, 24);
    expect(text).toContain('100 players, 25 ready, 10 away, 3 watching');
    expect(text.split('\n')[0]).toMatch(/running, 3:48 left $/);
    expect(text).not.toMatch(/tick/);
    expect(render(dashboardFrame({ ...many(), phase: 'paused' }, { ...initialUi(), mode: 'projector' }, 80, 24), 80, 24)).toContain('paused, 3:48 left');
    expect(render(dashboardFrame({ ...lobby(), phase: 'countdown', startsIn: 2.2 }, initialUi(), 80, 24), 80, 24)).toContain('starts in 3s');
  });

  it('scrolls with Up/Down and PgUp/PgDn, the selection always in view', () => {
    const data = many();
    let ui = initialUi();
    expect(listed(render(dashboardFrame(data, ui, 80, 24), 80, 24))[0]).toBe('p1');
    ui = dashboardKey(ui, data, 'pagedown', 10).ui;
    ui = dashboardKey(ui, data, 'pagedown', 10).ui;
    ui = dashboardKey(ui, data, 'down', 10).ui;
    expect(ui.playerIndex).toBe(21);
    const text = render(dashboardFrame(data, ui, 80, 24), 80, 24);
    expect(text).toMatch(/>p22 student022/);
    expect(listed(text)).not.toContain('p1');
    expect(text).toMatch(/\d+-\d+ of 100/);
    ui = dashboardKey(ui, data, 'pageup', 10).ui;
    expect(ui.playerIndex).toBe(11);
    for (let i = 0; i < 30; i++) ui = dashboardKey(ui, data, 'up', 10).ui;
    expect(ui.playerIndex).toBe(0);
    ui = dashboardKey(ui, data, 'end', 10).ui;
    expect(render(dashboardFrame(data, ui, 80, 24), 80, 24)).toMatch(/>p100 student100/);
  });

  it('o sorts the struggling first (the ranking from the bottom), then by name, then back to join order', () => {
    const data = many();
    let ui = dashboardKey(initialUi(), data, 'o').ui;
    expect(ui.order).toBe('availability');
    const text = render(dashboardFrame(data, ui, 80, 24), 80, 24);
    expect(text).toContain('Players by lowest availability first');
    const expected = [...data.players].sort((a, b) => a.availability! - b.availability! || a.score! - b.score!).map((p) => p.id);
    expect(listed(text)).toEqual(expected.slice(0, listed(text).length));
    expect(listed(text)[0]).not.toBe('p1');
    // The leaderboard's ranking from the bottom: equal availability, the lower score first; equal
    // score too, the later finisher; finished together, the later joiner.
    const tied: DashboardData = { ...data, players: [
      { id: 'p1', name: 'amy', connected: true, ready: true, availability: 0.9, score: 10, finishedAt: 30 },
      { id: 'p2', name: 'zed', connected: true, ready: true, availability: 0.9, score: 10, finishedAt: 10 },
      { id: 'p3', name: 'bea', connected: true, ready: true, availability: 0.9, score: 5 },
      { id: 'p4', name: 'cal', connected: true, ready: true },
      { id: 'p5', name: 'abe', connected: true, ready: true, availability: 0.9, score: 10, finishedAt: 10 },
    ] };
    expect(listed(render(dashboardFrame(tied, ui, 100, 30), 100, 30).replace(/ (zed|amy|bea|cal|abe)/g, ' student$1'))).toEqual(['p3', 'p1', 'p5', 'p2', 'p4']);
    ui = dashboardKey(ui, data, 'o').ui;
    expect(ui.order).toBe('name');
    ui = dashboardKey(ui, data, 'o').ui;
    expect(ui.order).toBe('join');
  });

  it('/ filters by name as the host types; Esc clears it', () => {
    const data = many();
    let ui = dashboardKey(initialUi(), data, '/').ui;
    for (const k of 'student04') ui = dashboardKey(ui, data, k).ui;
    let text = render(dashboardFrame(data, ui, 80, 24), 80, 24);
    expect(text).toContain('find: student04_ (10 match)');
    const matching = Array.from({ length: 10 }, (_, i) => `p${40 + i}`);
    expect(listed(text).length).toBeGreaterThanOrEqual(9);
    expect(listed(text)).toEqual(matching.slice(0, listed(text).length));
    ui = dashboardKey(ui, data, 'enter').ui;
    expect(ui).toMatchObject({ mode: 'main', filter: 'student04' });
    // Keys act on the list as filtered: k picks among the matches.
    ui = dashboardKey(dashboardKey(ui, data, 'down').ui, data, 'k').ui;
    expect(dashboardKey(ui, data, 'enter').ui.kickTarget).toBe('p41');
    ui = dashboardKey(dashboardKey(ui, data, 'escape').ui, data, 'escape').ui;
    expect(ui).toMatchObject({ mode: 'main', filter: '' });
    text = render(dashboardFrame(data, dashboardKey(dashboardKey(initialUi(), data, '/').ui, data, 'x').ui, 80, 24), 80, 24);
    expect(text).toContain('no player matches "x"');
  });
});

describe('the projector at 80x24 and 160x48', () => {
  const board = (n: number): DashboardData => ({
    ...running(),
    rows: Array.from({ length: n }, (_, i) => row(i + 1, `student${i + 1}`, 1 - i * 0.01)),
    history: Object.fromEntries(Array.from({ length: n }, (_, i) => [`student${i + 1}`, Array.from({ length: 200 }, (_, k) => 1 - (k * i) / 20_000)])),
  });
  const ui: DashUi = { ...initialUi(), mode: 'projector' };
  const boxOf = (f: Frame, id: string) => f.boxes.find((b) => b.id === id)!;

  it('at 80x24: whole block digits clear of the last column, and a row a player with no blank lines between', () => {
    const frame = dashboardFrame(board(12), ui, 80, 24);
    const text = render(frame, 80, 24).split('\n');
    const digits = blockText('100.00%');
    for (let y = 0; y < digits.length; y++) {
      expect(text[y]!.endsWith(`${digits[y]} `)).toBe(true);
    }
    const rows = text.filter((l) => /^\u2502\s+\d+\. STUDENT/.test(l));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const first = text.findIndex((l) => /1\. STUDENT1 /.test(l));
    expect(text[first + 1]).toMatch(/2\. STUDENT2 /);
    expect(boxOf(frame, 'p-chart').height).toBeGreaterThanOrEqual(10);
  });

  it('at 160x48: a taller race chart, and every player of a dozen listed', () => {
    const small = boxOf(dashboardFrame(board(12), ui, 80, 24), 'p-chart').height;
    const frame = dashboardFrame(board(12), ui, 160, 48);
    const text = render(frame, 160, 48);
    for (let i = 1; i <= 12; i++) expect(text).toMatch(new RegExp(`${i}\\. STUDENT${i} `));
    const chart = boxOf(frame, 'p-chart').height;
    expect(chart).toBeGreaterThanOrEqual(2 * small);
    // The chart takes what the board does not need: no empty board rows.
    expect(boxOf(frame, 'p-board').height).toBe(12 + 2);
  });
});
