import { describe, expect, it } from 'vitest';
import { act, advance, isOver, newGame } from '../../../shared/game.js';
import { isLegit } from '../../../shared/sim/classes.js';
import type { GameState } from '../../../shared/state.js';
import { busyLevel } from '../../helpers/busy-level.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

/** Legitimate requests inside the architecture: queued or in service, and AP writes awaiting reconciliation. */
function backlog(s: GameState): number {
  let b = 0;
  for (const n of s.nodes) {
    n.x.forEach((x, k) => { if (isLegit(k)) b += x; });
    b += n.apPending;
  }
  return b;
}

const settled = (s: GameState) => s.totals.good + s.totals.failed.reduce((a, b) => a + b, 0);

describe('conservation of requests', () => {
  it('holds every tick overall: offered = good + failed + change in backlog, through every event', () => {
    const game = newGame(busyLevel());
    const s = game.state;
    let ticks = 0;
    while (!isOver(game)) {
      const before = { offered: s.totals.offered, settled: settled(s), backlog: backlog(s) };
      advance(game);
      const offered = s.totals.offered - before.offered;
      const accounted = settled(s) - before.settled + backlog(s) - before.backlog;
      expect(Math.abs(offered - accounted), `tick ${s.tick}: offered ${offered}, accounted ${accounted}`).toBeLessThan(1e-6 * Math.max(1, offered));
      ticks++;
    }
    expect(ticks).toBe(1200);
    // The run went through trouble, so the invariant was tested where it is hard.
    const failed = s.totals.failed;
    expect(failed.filter((f) => f > 0).length).toBeGreaterThanOrEqual(4);
  });

  it('holds per node in a chain: arrivals = served + shed + change in queue, in overload and after', () => {
    const level = labLevel({
      durationSeconds: 60,
      traffic: { users: [{ region: 'here', clients: 1000, rps: 500 }], mix: { read: 1 } },
      events: [{ type: 'ramp', at: 10, duration: 10, from: 1, to: 4 }, { type: 'ramp', at: 40, duration: 1, from: 1, to: 1 }],
      initial: [place('lb', 'lb1'), place('app', 'app1'), place('db', 'db1', { config: {} }), link('lb1', 'app1'), link('app1', 'db1')],
      overrides: { db: { servers: 1, serviceMs: 0.6 } },
    });
    const game = newGame(level);
    const dt = game.rt.dt;
    let sawShedding = false;
    while (!isOver(game)) {
      const held = new Map(game.state.nodes.map((n) => [n.id, n.metrics.inSystem]));
      advance(game);
      for (const n of game.state.nodes) {
        const m = n.metrics;
        const change = m.inSystem - held.get(n.id)!;
        const balance = m.arrivalRps * dt - (m.servedRps * dt + m.droppedRps * dt + change);
        expect(Math.abs(balance), `${n.id} at tick ${game.state.tick}`).toBeLessThan(1e-6 * Math.max(1, m.arrivalRps));
        if (m.droppedRps > 0) sawShedding = true;
      }
    }
    expect(sawShedding).toBe(true);
  });

  it('never yields negative queues or rates', () => {
    const game = newGame(busyLevel());
    act(game, { type: 'scale', node: 'app2', by: 2 });
    while (!isOver(game)) {
      advance(game);
      for (const n of game.state.nodes) {
        for (const x of n.x) expect(x).toBeGreaterThanOrEqual(0);
        for (const v of Object.values(n.metrics)) expect(v).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
