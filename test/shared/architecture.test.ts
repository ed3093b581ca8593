import { describe, expect, it } from 'vitest';
import { act, newGame } from '../../shared/game.js';
import { RULE_ERRORS } from '../../shared/errors.js';
import { labLevel, link, place } from '../helpers/lab-level.js';

function game(extra: Parameters<typeof labLevel>[0] extends infer T ? Partial<T> : never = {}) {
  return newGame(labLevel({
    traffic: { users: [{ region: 'here', clients: 10, rps: 10 }], mix: { read: 1 } },
    budget: 2000,
    allowed: ['lb', 'app', 'cache', 'db', 'replica', 'queue'],
    initial: [place('app', 'app1'), place('db', 'db1'), link('app1', 'db1')],
    ...extra,
  }));
}

function refused(g: ReturnType<typeof game>, action: unknown) {
  const before = JSON.stringify(g.state);
  const r = act(g, action);
  expect(JSON.stringify(g.state)).toBe(before);
  if (r.ok) throw new Error(`expected ${JSON.stringify(action)} to be refused`);
  return r.error;
}

describe('actions', () => {
  it('places a node with the next free id, charges its build cost, and makes it wait to provision', () => {
    const g = game();
    const r = act(g, { type: 'place', kind: 'app', region: 'here' });
    expect(r).toEqual({ ok: true, cost: 100 });
    const app2 = g.state.nodes.find((n) => n.id === 'app2')!;
    expect(app2.readyTick).toBe(200);
    expect(g.state.built).toBe(100);
  });

  it('refuses, with a named code and a message naming the thing, and changes nothing', () => {
    const g = game();
    expect(refused(g, { type: 'place', kind: 'cdn', region: 'here' })).toMatchObject({ code: RULE_ERRORS.KIND_NOT_ALLOWED, message: expect.stringContaining('cdn') });
    expect(refused(g, { type: 'place', kind: 'app', region: 'mars' })).toMatchObject({ code: RULE_ERRORS.UNKNOWN_REGION, message: expect.stringContaining('mars') });
    expect(refused(g, { type: 'place', kind: 'app', region: 'here', id: 'app1' })).toMatchObject({ code: RULE_ERRORS.DUPLICATE_ID });
    expect(refused(g, { type: 'link', from: 'db1', to: 'app1' })).toMatchObject({ code: RULE_ERRORS.LINK_NOT_ALLOWED, message: 'db cannot call app; db calls nothing' });
    expect(refused(g, { type: 'link', from: 'app1', to: 'app1' })).toMatchObject({ code: RULE_ERRORS.SELF_LINK });
    expect(refused(g, { type: 'link', from: 'app1', to: 'db1' })).toMatchObject({ code: RULE_ERRORS.DUPLICATE_LINK });
    expect(refused(g, { type: 'link', from: 'app1', to: 'db9' })).toMatchObject({ code: RULE_ERRORS.UNKNOWN_NODE, message: expect.stringContaining('db9') });
    expect(refused(g, { type: 'unlink', from: 'db1', to: 'app1' })).toMatchObject({ code: RULE_ERRORS.NO_SUCH_LINK });
    expect(refused(g, { type: 'scale', node: 'db1', by: 1 })).toMatchObject({ code: RULE_ERRORS.BAD_SCALE });
    expect(refused(g, { type: 'scale', node: 'app1', by: -1 })).toMatchObject({ code: RULE_ERRORS.BAD_SCALE, message: expect.stringContaining('0 units') });
    expect(refused(g, { type: 'upgrade', node: 'app1', tier: 'small' })).toMatchObject({ code: RULE_ERRORS.BAD_TIER });
    expect(refused(g, { type: 'configure', node: 'db1', config: { standby: 'maybe' } })).toMatchObject({ code: RULE_ERRORS.INVALID_CONFIG, message: expect.stringContaining('standby') });
    expect(refused(g, { type: 'configure', node: 'db1', config: { colour: 'red' } })).toMatchObject({ code: RULE_ERRORS.INVALID_CONFIG });
    expect(refused(g, { type: 'promote', node: 'db1' })).toMatchObject({ code: RULE_ERRORS.NOT_PROMOTABLE });
    expect(refused(g, { type: 'teleport', node: 'db1' })).toMatchObject({ code: RULE_ERRORS.INVALID_ACTION });
    expect(refused(g, { type: 'scale', node: 'app1', by: 50 })).toMatchObject({ code: RULE_ERRORS.INSUFFICIENT_BUDGET, message: 'scale costs 5,000, budget left is 2,000' });
  });

  it('refuses a link that would close a loop', () => {
    const g = game({ allowed: ['lb', 'app', 'db'], initial: [place('lb', 'lb1'), place('lb', 'lb2'), link('lb1', 'lb2')] });
    expect(refused(g, { type: 'link', from: 'lb2', to: 'lb1' })).toMatchObject({ code: RULE_ERRORS.LINK_CYCLE });
  });

  it('removes a node with its links; scale-out units warm up before they serve', () => {
    const g = game();
    expect(act(g, { type: 'scale', node: 'app1', by: 2 }).ok).toBe(true);
    const app1 = g.state.nodes.find((n) => n.id === 'app1')!;
    expect(app1.units).toBe(1);
    expect(app1.warming).toEqual([[200, 2]]);
    expect(act(g, { type: 'remove', node: 'db1' }).ok).toBe(true);
    expect(g.state.links).toEqual([]);
  });

  it('upgrades cost the difference per unit, and promotion turns a replica into a primary that its peers follow', () => {
    const g = game({ initial: [place('app', 'app1'), place('db', 'db1'), place('replica', 'r1'), place('replica', 'r2')] });
    expect(act(g, { type: 'upgrade', node: 'db1' })).toEqual({ ok: true, cost: 300 });
    expect(g.state.nodes.find((n) => n.id === 'db1')!.tier).toBe('medium');
    expect(act(g, { type: 'promote', node: 'r1' }).ok).toBe(true);
    expect(g.state.nodes.find((n) => n.id === 'r1')!.kind).toBe('db');
    expect(g.state.nodes.find((n) => n.id === 'r2')!.config).toEqual({ primary: 'r1' });
  });
});
