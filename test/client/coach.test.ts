import { describe, expect, it } from 'vitest';
import { Guide } from '../../client/guide.js';
import { memoryTips } from '../../client/tips.js';
import { handGame } from './helpers/game.js';
import { tutorialLevel } from './helpers/levels.js';

const logged = (g: ReturnType<typeof handGame>) => g.model.log.map((l) => l.text);

describe('the guide in the controller', () => {
  it('moves on with what the player selects and inspects, and logs each step done', () => {
    const g = handGame(tutorialLevel());
    g.controller.guide = Guide.of(tutorialLevel(), true);
    g.keys('j');
    expect(g.controller.guide!.done).toBe(1);
    // Inspecting db1 is not inspecting app1.
    g.keys('j', 'j', 'enter');
    expect(g.controller.guide!.done).toBe(1);
    g.keys('escape', 'k', 'k', 'enter');
    expect(g.controller.guide!.done).toBe(2);
    expect(logged(g)).toEqual(['step 1 of 11 done', 'step 2 of 11 done']);
    expect(g.controller.guide!.verdict()).toEqual({ type: 'missed', step: 3, steps: 11, do: 'Esc to the map, then > to add an instance to app1' });
  });

  it('S skips it, and a level without one has nothing to skip', () => {
    const g = handGame(tutorialLevel());
    g.controller.guide = Guide.of(tutorialLevel(), true);
    g.keys('S');
    expect(g.controller.guide!.verdict()).toEqual({ type: 'skipped' });
    expect(Guide.of(tutorialLevel(), false)).toBeUndefined();
    const h = handGame(tutorialLevel());
    h.keys('S');
    expect(h.controller.flash?.text).toBe('this level has no guide to skip');
  });
});

describe('first-time tips', () => {
  it('a refusal brings its tip once, above the message, and in the log', () => {
    const tips = memoryTips();
    const g = handGame(tutorialLevel(), { tips });
    g.keys('j', 'j', 'j', '>');
    g.flush();
    expect(g.controller.tip?.text).toBe('a refusal changes nothing; read its reason');
    expect(tips.seen('first-refusal')).toBe(true);
    g.keys('>');
    g.flush();
    expect(logged(g).filter((t) => t.startsWith('tip:'))).toEqual(['tip: a refusal changes nothing; read its reason (T: tips off)']);
  });

  it('the first announced event and the first failure each bring theirs; none when tips are off', () => {
    const on = handGame(tutorialLevel(), { tips: memoryTips() });
    const off = handGame(tutorialLevel(), { tips: memoryTips(false) });
    for (const g of [on, off]) {
      g.model.apply({ type: 'announce', tick: 0, phase: 'upcoming', event: { index: 0, type: 'ramp', at: 30, duration: 150, text: 'ramp' } });
      g.game.state.totals.failed[0] = 5;
      g.controller.sync();
    }
    expect(logged(on).filter((t) => t.startsWith('tip:'))).toEqual(['tip: failures name a node and a reason: Log (5) (T: tips off)', 'tip: Events (4) counts down; b tells what comes (T: tips off)']);
    expect(logged(off).some((t) => t.startsWith('tip:'))).toBe(false);
  });
});
