import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { act, advance, newGame, type Game } from '../../../shared/game.js';
import { eventSchema, levelSchema, type Level } from '../../../shared/level.js';
import { nodeOutages, nodesOut } from '../../../shared/sim/outage.js';
import { ROOT } from '../../client/helpers/levels.js';

const level = (id: string): Level => levelSchema.parse(JSON.parse(readFileSync(join(ROOT, 'levels', `${id}.json`), 'utf8')));

/** Ticks of one game second in `level`. */
const second = (l: Level) => 1000 / l.tickMs;

/** Fires an event live, as a host does: it joins the game at the current tick. */
function fire(game: Game, event: Record<string, unknown>): void {
  game.state.fired.push(eventSchema.parse({ announce: 0, at: game.state.tick * (game.rt.level.tickMs / 1000), ...event }));
}

/**
 * Steps the game and checks, at every tick, that the outages a screen shows are what the tick did:
 * a node is down or failing over exactly when the simulation held it down (up = 0).
 */
function stepChecked(game: Game, ticks: number): number {
  let downTicks = 0;
  for (let i = 0; i < ticks; i++) {
    advance(game);
    const compiled = game.engine.compiled()!;
    for (const n of game.state.nodes) {
      if (game.state.tick - 1 < n.readyTick) continue;
      const down = nodeOutages(game.rt.level, game.state, n).some((o) => o.type === 'down' || o.type === 'failing-over');
      expect({ tick: game.state.tick, id: n.id, down }).toEqual({ tick: game.state.tick, id: n.id, down: compiled.byId.get(n.id)!.up === 0 });
      if (down) downTicks++;
    }
  }
  return downTicks;
}

describe('nodeOutages', () => {
  it('says a primary is down exactly while the tick holds it down: a live db-failure, with no standby then with one', () => {
    const l = level('db-failover');
    const game = newGame(l);
    stepChecked(game, 5 * second(l));
    fire(game, { type: 'db-failure', duration: 20 });
    expect(stepChecked(game, 25 * second(l))).toBe(20 * second(l));
    expect(act(game, { type: 'configure', node: 'db1', config: { standby: 'async' } }).ok).toBe(true);
    fire(game, { type: 'db-failure', duration: 60 });
    advance(game);
    const [o] = nodeOutages(l, game.state, game.state.nodes.find((n) => n.id === 'db1')!);
    expect(o).toMatchObject({ type: 'failing-over', since: 30 });
    expect(o?.type === 'failing-over' && o.readyIn).toBeCloseTo(44.9, 6);
    // Down for the 45 s of the failover, then its standby serves.
    expect(stepChecked(game, 50 * second(l))).toBe(45 * second(l) - 1);
    expect(nodeOutages(l, game.state, game.state.nodes.find((n) => n.id === 'db1')!)).toMatchObject([{ type: 'failed-over', since: 30 }]);
  });

  it('agrees with the tick on node, zone and region failures, from the timeline and fired live', () => {
    const l = level('load-balancing');
    const game = newGame(l);
    const region = l.regions[0]!.id;
    fire(game, { type: 'node-failure', kind: 'app', duration: 3 });
    stepChecked(game, 5 * second(l));
    fire(game, { type: 'zone-failure', region, duration: 3 });
    stepChecked(game, 5 * second(l));
    fire(game, { type: 'region-failure', region, duration: 3 });
    expect(stepChecked(game, 5 * second(l))).toBe(3 * second(l) * game.state.nodes.length);
  });

  it('says which region a partition cuts a node off from: its users and its callers there', () => {
    const l = level('regional-partition');
    const game = newGame(l);
    for (let i = 0; i < second(l); i++) advance(game);
    fire(game, { type: 'partition', regions: ['us-east', 'eu-west'], duration: 10 });
    advance(game);
    const outages = Object.fromEntries(game.state.nodes.map((n) => [n.id, nodeOutages(l, game.state, n)]));
    // DNS answers users everywhere; app1 is where eu-west's users are sent; db1 is called from us-east only.
    expect(outages).toMatchObject({ dns1: [], app1: [{ type: 'unreachable', from: ['eu-west'], since: 1 }], db1: [] });
    expect(nodesOut(l, game.state)).toBe(1);
    expect(game.state.failedByNode['app1']![6]).toBeGreaterThan(0);
  });

  it('counts nothing out before the first tick and after the events end', () => {
    const l = level('db-failover');
    const game = newGame(l);
    expect(nodesOut(l, game.state)).toBe(0);
    fire(game, { type: 'db-failure', duration: 1 });
    advance(game);
    expect(nodesOut(l, game.state)).toBe(1);
    for (let i = 0; i < second(l); i++) advance(game);
    expect(nodesOut(l, game.state)).toBe(0);
  });
});
