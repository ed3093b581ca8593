import { describe, expect, it } from 'vitest';
import { advance, newGame } from '../../../shared/game.js';
import { eventSchema } from '../../../shared/level.js';
import { effectsAt, emptyEffects } from '../../../shared/sim/events.js';
import { labLevel, place } from '../../helpers/lab-level.js';

const ev = (e: unknown) => eventSchema.parse(e);

describe('events', () => {
  it('a ramp moves traffic linearly and then stays at its end level', () => {
    const events = [ev({ type: 'ramp', at: 10, duration: 10, from: 1, to: 3 })];
    expect(effectsAt(events, 5, 0.1, emptyEffects()).legit).toBe(1);
    expect(effectsAt(events, 15, 0.1, emptyEffects()).legit).toBeCloseTo(2, 9);
    expect(effectsAt(events, 60, 0.1, emptyEffects()).legit).toBe(3);
  });

  it('a celebrity spike puts its extra reads on the hot key', () => {
    const fx = effectsAt([ev({ type: 'celebrity', at: 0, duration: 10, multiplier: 10, hotKeyShare: 1, rampSeconds: 0 })], 1, 0.1, emptyEffects());
    expect(fx.reads).toBe(10);
    expect(fx.hotShare).toBeCloseTo(0.9, 9);
  });

  it('failures are active only while they last, and say when they began', () => {
    const events = [ev({ type: 'region-failure', at: 10, duration: 5, region: 'here' })];
    expect(effectsAt(events, 9.9, 0.1, emptyEffects()).failures).toEqual([]);
    expect(effectsAt(events, 12, 0.1, emptyEffects()).failures).toEqual([{ event: events[0], startTick: 100, index: 0 }]);
    expect(effectsAt(events, 15, 0.1, emptyEffects()).failures).toEqual([]);
  });

  it('an event a host fires takes effect from its time, like a scheduled one', () => {
    const game = newGame(labLevel({
      durationSeconds: 30,
      traffic: { users: [{ region: 'here', clients: 100, rps: 100 }], mix: { static: 1 } },
      initial: [place('app', 'app1')],
    }));
    for (let i = 0; i < 50; i++) advance(game);
    expect(game.state.totals.maliciousOffered).toBe(0);
    game.state.fired.push(ev({ type: 'ddos', at: 5, duration: 10, rps: 1000, bots: 10 }));
    for (let i = 0; i < 10; i++) advance(game);
    expect(game.state.totals.maliciousOffered).toBeCloseTo(1000, 6);
  });
});
