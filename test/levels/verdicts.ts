// `npm run verdicts`: every level's reference and naive plans on seeds 1-10, a table and the problems.
import { readdirSync } from 'node:fs';
import { verdictProblem, verdicts } from '../helpers/level-verdicts.js';

const seeds = Array.from({ length: 10 }, (_, i) => i + 1);
const ids = [...new Set(readdirSync(new URL('../../levels/plans/', import.meta.url)).filter((f) => f.endsWith('.naive.json')).map((f) => f.replace(/\.naive\.json$/, '')))].sort();
const problems: string[] = [];
for (const id of ids) {
  const vs = verdicts(id, seeds);
  const pct = (plan: string) => vs.filter((v) => v.plan === plan).map((v) => (v.availability * 100).toFixed(2));
  console.log(`${id.padEnd(20)} target ${(vs[0]!.target * 100).toFixed(1)}%  reference ${pct('reference').join(' ')}`);
  console.log(`${''.padEnd(20)}               naive     ${pct('naive').join(' ')}`);
  for (const v of vs) {
    const p = verdictProblem(v);
    if (p) problems.push(p);
  }
}
console.log(problems.length ? `\n${problems.join('\n')}` : `\nevery verdict holds on seeds ${seeds[0]}-${seeds.at(-1)}`);
process.exitCode = problems.length ? 1 : 0;
