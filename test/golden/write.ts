// `npm run golden`: regenerates the pinned state-hash traces after a deliberate change to what a tick computes.
import { writeFileSync } from 'node:fs';
import { GOLDEN_FILE, goldenTraces } from '../helpers/golden-traces.js';

const golden = goldenTraces();
writeFileSync(GOLDEN_FILE, `${JSON.stringify(golden, null, 2)}\n`);
console.log(`wrote ${Object.keys(golden.traces).length} traces at simulation revision ${golden.simRevision} to ${GOLDEN_FILE}`);
