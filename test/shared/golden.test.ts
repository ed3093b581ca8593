import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIM_REVISION } from '../../shared/sim/revision.js';
import { GOLDEN_FILE, traceOf, type GoldenTraces } from '../helpers/golden-traces.js';

const pinned = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as GoldenTraces;

// A tick that computes something new must say so: bump SIM_REVISION, then `npm run golden`.
describe('golden traces', () => {
  it(`were written at the current simulation revision (${SIM_REVISION}); after a bump, run npm run golden`, () => {
    expect(pinned.simRevision).toBe(SIM_REVISION);
  });

  it.each(Object.keys(pinned.traces))('%s plays to the pinned state hashes', (key) => {
    const [id, plan] = key.split('.') as [string, string];
    const actual = traceOf(id, plan);
    expect(actual, `${key} changed at revision ${SIM_REVISION}: if the change is meant, bump SIM_REVISION and run npm run golden`).toEqual(pinned.traces[key]);
  });
});
