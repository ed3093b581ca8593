import { describe, expect, it } from 'vitest';
import { GameReplica } from '../../client/game-replica.js';
import { act, advance, newGame } from '../../shared/game.js';
import type { GameEvent } from '../../shared/level.js';
import { canonicalJson, stateHash } from '../../shared/state-hash.js';
import { playedByPlan } from '../helpers/level-plans.js';
import { raceLevel } from '../server/helpers/race-level.js';

const CURRICULUM = ['tutorial', 'load-balancing', 'read-heavy', 'flash-sale', 'celebrity', 'ddos', 'db-failover', 'regional-partition'];
/** Ticks each copy follows the game after its base. */
const FOLLOW_TICKS = 60;
/** Ticks between two comparisons of a copy with the game. */
const CHECK_EVERY = 10;
const LIVE: GameEvent = { type: 'latency', at: 0, duration: 3, announce: 0, factor: 2 };

describe('GameReplica', () => {
  // The whole design rests on this: a state sent as canonical JSON, parsed, and stepped by a fresh
  // engine goes on exactly as the server's long-running game does.
  it.each(CURRICULUM)('follows %s from a snapshot taken in the middle of each event, through actions and a live event', (id) => {
    const { level, log } = playedByPlan(id, 'reference');
    const total = Math.round((level.durationSeconds * 1000) / level.tickMs);
    const bases = [...new Set(level.events.map((e) => Math.round(((e.at + e.duration / 2) * 1000) / level.tickMs)))].filter((t) => t + FOLLOW_TICKS < total);
    const lastAction = log.entries.at(-1)!.tick;
    bases.push(Math.min(lastAction, total - FOLLOW_TICKS - 1));
    const end = Math.max(...bases) + FOLLOW_TICKS;
    const fireAt = bases[0]! + 5;
    const game = newGame(level, log.seed);
    const followers: GameReplica[] = [];
    let entry = 0;
    let compared = 0;
    for (let tick = 0; tick <= end; tick++) {
      for (; entry < log.entries.length && log.entries[entry]!.tick === tick; entry++) {
        const e = log.entries[entry]!;
        if (!('action' in e)) continue;
        const ok = act(game, e.action).ok;
        for (const f of followers) expect(f.act(tick, e.action)).toBe(ok);
      }
      if (tick === fireAt) {
        game.state.fired.push({ ...LIVE, at: (tick * level.tickMs) / 1000 });
        for (const f of followers) expect(f.fire(tick, { ...LIVE, at: (tick * level.tickMs) / 1000 })).toBe(true);
      }
      if (bases.includes(tick)) {
        const f = new GameReplica(level, log.seed);
        f.base(JSON.parse(canonicalJson(game.state)));
        followers.push(f);
      }
      if (tick % CHECK_EVERY === 0) {
        const hash = stateHash(game.state);
        for (const f of followers) {
          expect(f.stepTo(tick)).toBe(true);
          expect(f.matches(hash)).toBe(true);
          compared++;
        }
      }
      advance(game);
    }
    expect(compared).toBeGreaterThanOrEqual(bases.length * (FOLLOW_TICKS / CHECK_EVERY));
  });

  it('makes the round\'s first state as the server does, and cannot follow without a base or into the past', () => {
    const level = raceLevel();
    const replica = new GameReplica(level, level.seed);
    expect(replica.stepTo(5)).toBe(false);
    expect(replica.act(0, { type: 'upgrade', node: 'app' })).toBe(false);
    replica.fresh();
    expect(replica.matches(stateHash(newGame(level, level.seed).state))).toBe(true);
    expect(replica.stepTo(10)).toBe(true);
    expect(replica.stepTo(9)).toBe(false);
    expect(replica.fire(3, LIVE)).toBe(false);
    // An action the rules refuse is a copy gone astray: the server only sends the accepted ones.
    expect(replica.act(10, { type: 'upgrade', node: 'nope' })).toBe(false);
    replica.drop();
    expect(replica.state).toBeUndefined();
    expect(replica.matches(stateHash(newGame(level, level.seed).state))).toBe(false);
  });
});
