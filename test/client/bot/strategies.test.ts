import { describe, expect, it } from 'vitest';
import { decisionTicks } from '../../../client/bot/bot-runner.js';
import { greedy } from '../../../client/bot/greedy.js';
import { idle } from '../../../client/bot/idle.js';
import { randomStrategy } from '../../../client/bot/random-strategy.js';
import type { Strategy } from '../../../client/bot/strategy.js';
import type { Action } from '../../../shared/action.js';
import { act, advance, isOver, newGame, resultOf, type GameResult } from '../../../shared/game.js';
import type { Level } from '../../../shared/level.js';
import { Random } from '../../../shared/random.js';
import { curriculumLevel } from '../../helpers/level-plans.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

interface Played {
  result: GameResult;
  /** Every action the strategy sent, with the tick it decided at. */
  sent: { tick: number; action: Action }[];
  refused: { tick: number; action: Action; error: string }[];
}

/**
 * A level played headless as a bot plays it on a server: a decision every decisionTicks on a copy
 * of the state, its actions applied at the next tick boundary, in order.
 */
function play(level: Level, strategy: Strategy, seed = 1, untilTick = Number.POSITIVE_INFINITY): Played {
  const game = newGame(level);
  const random = new Random(seed);
  const every = decisionTicks(game.rt);
  const sent: Played['sent'] = [];
  const refused: Played['refused'] = [];
  while (!isOver(game) && game.state.tick < untilTick) {
    const decided = game.state.tick % every === 0 ? strategy({ level, rt: game.rt, state: structuredClone(game.state) }, random) : [];
    const tick = game.state.tick;
    advance(game);
    for (const action of decided) {
      sent.push({ tick, action });
      const r = act(game, action);
      if (!r.ok) refused.push({ tick, action, error: r.error.message });
    }
  }
  return { result: resultOf(game), sent, refused };
}

describe('greedy', () => {
  it.each([
    'tutorial', 'load-balancing', 'read-heavy', 'celebrity', 'flash-sale', 'ddos', 'db-failover', 'regional-partition',
    'zone-failure', 'series-parallel', 'slow-database', 'sharding', 'vertical-ceiling', 'hot-key', 'region-failure', 'autoscaling',
    'manual-failover',
  ])('passes %s within its budget, every action accepted', (id) => {
    const level = curriculumLevel(id);
    const { result, refused } = play(level, greedy);
    expect(refused).toEqual([]);
    expect(result.availability).toBeGreaterThanOrEqual(level.target);
    expect(result.cost).toBeLessThanOrEqual(level.budget);
    expect(result.passed).toBe(true);
  });

  it('plays the lesson of each early level: scaling out, a second pool behind the balancer, a cache for reads', () => {
    const kinds = (id: string) => play(curriculumLevel(id), greedy).sent.map(({ action: a }) => (a.type === 'place' ? `place ${a.kind}` : a.type));
    expect(new Set(kinds('tutorial'))).toEqual(new Set(['scale']));
    expect(kinds('load-balancing').slice(0, 4)).toEqual(['place app', 'scale', 'link', 'link']);
    expect(kinds('read-heavy')).toContain('place cache');
    expect(kinds('ddos')).toContain('place gateway');
    expect(kinds('flash-sale')).toContain('place queue');
  });

  it('puts a load balancer and a second pool in front of a pool that cannot grow enough', () => {
    const level = labLevel({
      traffic: { users: [{ region: 'here', clients: 1000, rps: 3000 }], mix: { read: 1 } },
      overrides: { app: { maxUnits: 2, provisionSeconds: 0 } },
      initial: [place('app', 'app1'), place('db', 'db1'), link('app1', 'db1')],
      durationSeconds: 30,
    });
    const { sent, refused, result } = play(level, greedy);
    expect(refused).toEqual([]);
    expect(sent.map((s) => s.action)).toEqual(expect.arrayContaining([
      { type: 'place', kind: 'lb', region: 'here', id: 'lb1' },
      { type: 'link', from: 'lb1', to: 'app1' },
      { type: 'place', kind: 'app', region: 'here', id: 'app2' },
      { type: 'link', from: 'lb1', to: 'app2' },
    ]));
    expect(result.availability).toBeGreaterThan(0.9);
  });

  it('doubles a pool that a coming zone failure will halve, and gives the primary a standby', () => {
    const level = labLevel({
      traffic: { users: [{ region: 'here', clients: 1000, rps: 1500 }], mix: { read: 1 } },
      overrides: { app: { provisionSeconds: 0 } },
      allowed: ['app', 'db'],
      initial: [place('app', 'app1'), { type: 'scale', node: 'app1', by: 1 }, place('db', 'db1'), link('app1', 'db1')],
      events: [{ type: 'zone-failure', at: 20, duration: 20, region: 'here', announce: 10 }],
      durationSeconds: 60,
    });
    const { sent, refused } = play(level, greedy);
    expect(refused).toEqual([]);
    // 1,500 req/s needs two instances at the survivors' utilization: four, so that two are left.
    expect(sent.filter((s) => s.action.type === 'scale').reduce((a, s) => a + (s.action as { by: number }).by, 2)).toBe(4);
    expect(sent.map((s) => s.action)).toContainEqual({ type: 'configure', node: 'db1', config: { standby: 'sync' } });
  });

  it('gives each pool a second unit when units fail in the background: a pair is down only when both are', () => {
    const level = labLevel({
      traffic: { users: [{ region: 'here', clients: 1000, rps: 300 }], mix: { read: 1 } },
      target: 0.999,
      backgroundFailures: true,
      initial: [place('app', 'app1'), place('cache', 'cache1'), place('db', 'db1'), link('app1', 'cache1'), link('cache1', 'db1')],
      durationSeconds: 30,
    });
    const { sent, refused } = play(level, greedy);
    expect(refused).toEqual([]);
    expect(sent.map((s) => s.action)).toEqual(expect.arrayContaining([{ type: 'scale', node: 'app1', by: 1 }, { type: 'scale', node: 'cache1', by: 1 }]));
  });

  it('autoscales with room for a doubling once traffic jumps without warning, and leaves the scaling to it', () => {
    const level = labLevel({
      traffic: { users: [{ region: 'here', clients: 1000, rps: 1000 }], mix: { read: 1 } },
      allowed: ['app', 'db'],
      initial: [place('app', 'app1'), { type: 'scale', node: 'app1', by: 1 }, place('db', 'db1'), link('app1', 'db1')],
      events: [{ type: 'ramp', at: 10, duration: 2, from: 1, to: 1.5, announce: 0 }],
      durationSeconds: 40,
    });
    const { sent, refused } = play(level, greedy);
    expect(refused).toEqual([]);
    const configure = sent.find((s) => s.action.type === 'configure');
    // Not before the jump (no swing was known), at the first decision after it: 90% over a doubling.
    expect(configure?.tick).toBe(100);
    expect(configure?.action).toEqual({ type: 'configure', node: 'app1', config: { autoscale: true, targetUtilization: 0.45, minInstances: 2, maxInstances: 100 } });
    expect(sent.filter((s) => s.action.type === 'scale' && s.tick > 100)).toEqual([]);
  });

  it('puts a cache in front of a database before an announced slowdown of it, not after', () => {
    const { sent } = play(curriculumLevel('slow-database'), greedy);
    const cache = sent.find((s) => s.action.type === 'place' && s.action.kind === 'cache');
    // The slowdown begins at 2:30 (tick 1,500); the cache needs its warm-up and a few seconds to fill.
    expect(cache?.tick).toBeLessThan(1_400);
  });

  it('decides the same on the same view', () => {
    const level = curriculumLevel('read-heavy');
    expect(play(level, greedy).sent).toEqual(play(level, greedy).sent);
  });
});

describe('random', () => {
  it.each([['regional-partition', 2], ['ddos', 3], ['db-failover', 4]] as const)('sends only actions the rules accept on %s (seed %i)', (id, seed) => {
    const { sent, refused } = play(curriculumLevel(id), randomStrategy, seed);
    expect(refused).toEqual([]);
    expect(sent.length).toBeGreaterThan(50);
  });

  it('sends actions of many kinds, spending slowly', () => {
    const level = curriculumLevel('celebrity');
    const { sent, refused, result } = play(level, randomStrategy, 5);
    expect(refused).toEqual([]);
    expect(sent.length).toBeGreaterThan(50);
    expect(new Set(sent.map((s) => s.action.type)).size).toBeGreaterThanOrEqual(6);
    // Spending keeps pace with the clock: a minute into five, well under half the budget is gone.
    const early = play(level, randomStrategy, 5, 600).result;
    expect(early.cost).toBeGreaterThan(0);
    expect(early.cost).toBeLessThan(level.budget * (60 / 300 + 0.15));
    expect(result.cost).toBeLessThanOrEqual(level.budget * 1.05);
  });

  it('plays the same for a seed and differently for another', () => {
    const level = curriculumLevel('flash-sale');
    const a = play(level, randomStrategy, 9).sent;
    expect(play(level, randomStrategy, 9).sent).toEqual(a);
    expect(play(level, randomStrategy, 10).sent).not.toEqual(a);
  });
});

describe('idle', () => {
  it('sends nothing, ever', () => {
    expect(play(curriculumLevel('tutorial'), idle).sent).toEqual([]);
  });
});
