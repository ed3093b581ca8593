// What a debrief costs per player: the replay of the game's log with per-second samples, then up to
// MAX_WHAT_IFS re-runs of the rest of the game with one change each. Every curriculum level, played
// by its naive plan (it fails: incidents and what-ifs) and by its reference plan (little to explain).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { debrief, MAX_WHAT_IFS } from '../../shared/debrief.js';
import { planLog } from '../../shared/game-log.js';
import { prepareLevel } from '../../shared/level-runtime.js';
import { listLevels, loadPlanFile, resolveLevel } from '../../server/levels-store.js';
import { plansDir } from '../../server/package-root.js';

/** Debriefs of each game timed, after one untimed to warm the JIT up. */
const RUNS = 3;

function timed(run: () => void): number {
  run();
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) run();
  return (performance.now() - start) / RUNS;
}

const rows: string[] = [];
let worst = 0;
for (const { id } of listLevels().levels) {
  for (const plan of ['naive', 'reference']) {
    const file = join(plansDir(), `${id}.${plan}.json`);
    if (!existsSync(file)) continue;
    const level = resolveLevel(id);
    const log = planLog(loadPlanFile(file), level.seed, level.tickMs, prepareLevel(level).totalTicks);
    const d = debrief(level, log);
    const incidentsOnly = timed(() => debrief(level, log, { whatIfs: 0 }));
    const whole = timed(() => debrief(level, log));
    worst = Math.max(worst, whole);
    rows.push(`${`${id} ${plan}`.padEnd(30)} ${String(d.incidents.length).padStart(9)} ${String(d.whatIfs.length).padStart(8)} ${incidentsOnly.toFixed(0).padStart(14)} ${whole.toFixed(0).padStart(10)}`);
  }
}
console.log(`debrief per player (ms; at most ${MAX_WHAT_IFS} what-ifs, mean of ${RUNS} runs)`);
console.log(`${'game'.padEnd(30)} incidents what-ifs incidents only with what-ifs`);
for (const r of rows) console.log(r);
console.log(`worst: ${worst.toFixed(0)} ms per player; a class of 100 takes about ${((worst * 100) / 1000).toFixed(0)} s of CPU at worst`);
