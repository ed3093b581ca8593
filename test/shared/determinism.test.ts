import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/simulate.js';
import { busyLevel } from '../helpers/busy-level.js';

const plan = {
  actions: [
    { at: 5, action: { type: 'scale' as const, node: 'app1', by: 2 } },
    { at: 12, action: { type: 'upgrade' as const, node: 'db1' } },
    { at: 50, action: { type: 'configure' as const, node: 'db1', config: { standby: 'sync' } } },
    { at: 80, action: { type: 'place' as const, kind: 'replica' as const, region: 'east' } },
    { at: 81, action: { type: 'link' as const, from: 'app1', to: 'replica2' } },
  ],
};

describe('determinism', () => {
  it('gives byte-identical reports for the same level, seed and plan', () => {
    const a = JSON.stringify(simulate(busyLevel(), plan, { seed: 42, everySeconds: 5 }));
    const b = JSON.stringify(simulate(busyLevel(), plan, { seed: 42, everySeconds: 5 }));
    expect(b).toBe(a);
  });

  it('draws different traffic for different seeds when the level has noise', () => {
    const a = simulate(busyLevel(), plan, { seed: 1 }).result;
    const b = simulate(busyLevel(), plan, { seed: 2 }).result;
    expect(a.offered).not.toBe(b.offered);
  });

  it('offers exactly the expected traffic when noise is off, whatever the seed', () => {
    const a = simulate(busyLevel(false), plan, { seed: 1 }).result;
    const b = simulate(busyLevel(false), plan, { seed: 2 }).result;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('applies every planned action (none rejected)', () => {
    expect(simulate(busyLevel(), plan).rejected).toEqual([]);
  });
});
