import { afterEach, describe, expect, it } from 'vitest';
import { blockText, blockWidth, hasGlyphs } from '../../../client/dashboard/block-font.js';
import { dashboardKey, initialUi, type DashboardData, type DashUi } from '../../../client/dashboard/dashboard-model.js';
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
    for (const [key, type] of [['s', 'start'], ['p', 'pause'], ['r', 'resume'], ['e', 'end'], ['n', 'next']] as const) {
      expect(dashboardKey(initialUi(), data, key).control).toEqual({ type });
    }
    expect(dashboardKey(initialUi(), data, 'q').quit).toBe(true);
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

  it('fires at one player when Tab picks them, and says whom in the picker', () => {
    let ui = dashboardKey(initialUi(), data, 'f').ui;
    ui = dashboardKey(ui, data, 'tab').ui;
    const first = data.players[0]!;
    expect(render(dashboardFrame(data, ui, 100, 30), 100, 30)).toContain(`${first.name} (${first.id}) only`);
    const r = dashboardKey(ui, data, 'enter');
    expect(r.control).toEqual({ type: 'fire', event: FIRE_PRESETS[0]!.event, player: first.id });
    expect(hostControlSchema.safeParse(r.control).success).toBe(true);
    // Tab past the last player comes back to everyone.
    for (let i = 0; i < data.players.length; i++) ui = dashboardKey(ui, data, 'tab').ui;
    expect(dashboardKey(ui, data, 'enter').control).toEqual({ type: 'fire', event: FIRE_PRESETS[0]!.event });
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

  it('lists what fits and counts the rest; the kick picker follows the selection', () => {
    const text = render(dashboardFrame(many(), initialUi(), 80, 24), 80, 24);
    expect(text).toContain('p1 student1 ');
    expect(text).toMatch(/and \d+ more \(k lists them all\)/);
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
