import { describe, expect, it } from 'vitest';
import { act, advance, newGame, type Game } from '../../shared/game.js';
import { advanceGuide, goalHolds, goalSchema, type Goal, type GuideFacts } from '../../shared/guide.js';
import { levelSchema } from '../../shared/level.js';
import { labLevel, link, place } from '../helpers/lab-level.js';
import { readFileSync } from 'node:fs';

function game(): Game {
  return newGame(labLevel({
    traffic: { users: [{ region: 'here', clients: 10, rps: 10 }], mix: { read: 1 } },
    budget: 5000,
    target: 0.99,
    allowed: ['lb', 'app', 'db'],
    initial: [place('app', 'app1'), place('db', 'db1'), link('app1', 'db1')],
  }));
}

function facts(g: Game, ui: Partial<Pick<GuideFacts, 'selected' | 'inspecting'>> = {}): GuideFacts {
  return { state: g.state, tickSeconds: g.rt.level.tickMs / 1000, target: g.rt.level.target, selected: ui.selected, inspecting: ui.inspecting ?? false };
}

const tutorialLevel = () => levelSchema.parse(JSON.parse(readFileSync(new URL('../../levels/tutorial.json', import.meta.url), 'utf8')));

const goal = (g: unknown): Goal => goalSchema.parse(g);

function ok(g: Game, action: unknown): void {
  const r = act(g, action);
  if (!r.ok) throw new Error(`${JSON.stringify(action)} refused: ${r.error.message}`);
}

function runSeconds(g: Game, seconds: number): void {
  for (let i = 0; i < (seconds * 1000) / g.rt.level.tickMs; i++) advance(g);
}

describe('guide goals', () => {
  it('select: only the node under the cursor', () => {
    const g = game();
    const sel = goal({ type: 'select', node: 'app1' });
    expect(goalHolds(sel, facts(g, { selected: 'app1' }))).toBe(true);
    expect(goalHolds(sel, facts(g, { selected: 'db1' }))).toBe(false);
    expect(goalHolds(sel, facts(g))).toBe(false);
  });

  it('inspect: the node selected and the inspector focused, not either alone', () => {
    const g = game();
    const ins = goal({ type: 'inspect', node: 'app1' });
    expect(goalHolds(ins, facts(g, { selected: 'app1', inspecting: true }))).toBe(true);
    expect(goalHolds(ins, facts(g, { selected: 'app1', inspecting: false }))).toBe(false);
    expect(goalHolds(ins, facts(g, { selected: 'db1', inspecting: true }))).toBe(false);
  });

  it('units counts warming instances; serving waits for them to warm up', () => {
    const g = game();
    const units = goal({ type: 'units', node: 'app1', atLeast: 2 });
    const serving = goal({ type: 'serving', node: 'app1', atLeast: 2 });
    expect(goalHolds(units, facts(g))).toBe(false);
    ok(g, { type: 'scale', node: 'app1', by: 1 });
    expect(goalHolds(units, facts(g))).toBe(true);
    expect(goalHolds(serving, facts(g))).toBe(false);
    runSeconds(g, 21);
    expect(goalHolds(serving, facts(g))).toBe(true);
  });

  it('a kind goal needs every node of the kind, and one at least', () => {
    const g = game();
    const each = goal({ type: 'units', kind: 'app', atLeast: 2 });
    ok(g, { type: 'scale', node: 'app1', by: 1 });
    expect(goalHolds(each, facts(g))).toBe(true);
    ok(g, { type: 'place', kind: 'app', region: 'here' });
    expect(goalHolds(each, facts(g))).toBe(false);
    ok(g, { type: 'scale', node: 'app2', by: 1 });
    expect(goalHolds(each, facts(g))).toBe(true);
    expect(goalHolds(goal({ type: 'units', kind: 'lb', atLeast: 1 }), facts(g))).toBe(false);
  });

  it('place and link count nodes and links by kind', () => {
    const g = game();
    const lb = goal({ type: 'place', kind: 'lb' });
    const lbApp = goal({ type: 'link', from: 'lb', to: 'app' });
    const appDb2 = goal({ type: 'link', from: 'app', to: 'db', atLeast: 2 });
    expect(goalHolds(lb, facts(g))).toBe(false);
    ok(g, { type: 'place', kind: 'lb', region: 'here' });
    expect(goalHolds(lb, facts(g))).toBe(true);
    expect(goalHolds(lbApp, facts(g))).toBe(false);
    ok(g, { type: 'link', from: 'lb1', to: 'app1' });
    expect(goalHolds(lbApp, facts(g))).toBe(true);
    ok(g, { type: 'place', kind: 'app', region: 'here' });
    expect(goalHolds(appDb2, facts(g))).toBe(false);
    ok(g, { type: 'link', from: 'app2', to: 'db1' });
    expect(goalHolds(appDb2, facts(g))).toBe(true);
  });

  it('survive: the moment reached with availability at the target', () => {
    const g = game();
    const survive = goal({ type: 'survive', at: 5 });
    runSeconds(g, 4);
    expect(goalHolds(survive, facts(g))).toBe(false);
    runSeconds(g, 2);
    expect(goalHolds(survive, facts(g))).toBe(true);
    g.state.totals.failed[0] = g.state.totals.good;
    expect(goalHolds(survive, facts(g))).toBe(false);
  });

  it('a node goal names a node or a kind, not both and not neither', () => {
    expect(() => goal({ type: 'units', atLeast: 2 })).toThrow(/either a node or a kind, got neither/);
    expect(() => goal({ type: 'serving', node: 'app1', kind: 'app', atLeast: 2 })).toThrow(/got both/);
  });
});

describe('advanceGuide', () => {
  const steps = [
    { do: 'select', hint: 'h', goal: goal({ type: 'select', node: 'app1' }) },
    { do: 'scale', hint: 'h', goal: goal({ type: 'units', node: 'app1', atLeast: 2 }) },
    { do: 'lb', hint: 'h', goal: goal({ type: 'place', kind: 'lb' }) },
  ];

  it('goes step by step, in order, and never back', () => {
    const g = game();
    expect(advanceGuide(steps, 0, facts(g))).toBe(0);
    ok(g, { type: 'place', kind: 'lb', region: 'here' });
    // The lb is placed, but the steps before it are not done: nothing moves.
    expect(advanceGuide(steps, 0, facts(g))).toBe(0);
    expect(advanceGuide(steps, 0, facts(g, { selected: 'app1' }))).toBe(1);
    // Selecting something else later does not undo the step.
    expect(advanceGuide(steps, 1, facts(g, { selected: 'db1' }))).toBe(1);
    ok(g, { type: 'scale', node: 'app1', by: 1 });
    // The scale-out and the lb done: both pass at once.
    expect(advanceGuide(steps, 1, facts(g))).toBe(3);
    expect(advanceGuide(steps, 3, facts(g))).toBe(3);
  });
});

describe('a level guide', () => {
  it('the tutorial declares its steps', () => {
    const guide = tutorialLevel().guide!;
    expect(guide.map((s) => s.goal.type)).toEqual(['select', 'inspect', 'units', 'serving', 'place', 'link', 'place', 'units', 'link', 'link', 'survive']);
  });

  it('is validated with errors naming the step, the expected and the actual', () => {
    const base = { ...tutorialLevel() } as Record<string, unknown>;
    const bad = levelSchema.safeParse({ ...base, guide: [{ do: 'x', hint: 'y', goal: { type: 'select', node: 'app9' } }, { do: 'x', hint: 'y', goal: { type: 'survive', at: 999 } }] });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toContain('guide.0.goal.node: unknown node "app9"; a guide\'s goals name nodes of the initial architecture: app1, db1');
    expect(issues).toContain("guide.1.goal.at: expected at most the level's 240 s, got 999");
    const long = levelSchema.safeParse({ ...base, guide: [{ do: 'x'.repeat(57), hint: 'y', goal: { type: 'place', kind: 'lb' } }] });
    expect(long.error!.issues[0]!.path).toEqual(['guide', 0, 'do']);
  });
});
