// Cost of the simulation per architecture-tick: 100 architectures of 50 components each, the size of a
// classroom where everyone has built a lot, ticked together as the server will tick a room.
import { performance } from 'node:perf_hooks';
import { act, advance, newGame, type Game } from '../../shared/game.js';
import { levelSchema } from '../../shared/level.js';
import { fiftyNodeActions, fiftyNodeLevel } from './fifty-nodes.js';

const ARCHITECTURES = 100;
const WARMUP_TICKS = 200;
const MEASURED_TICKS = 600;
/** The target, in microseconds per architecture-tick. */
const TARGET_US = 10;

const base = fiftyNodeLevel('bench', 'bench');
// A partition on top, so routing around cut links is measured too.
const level = levelSchema.parse({ ...base, events: [...(base.events ?? []), { type: 'partition', at: 40, duration: 20, regions: ['east', 'west'] }] });

function setup(): Game[] {
  const plan = fiftyNodeActions();
  const games: Game[] = [];
  for (let i = 0; i < ARCHITECTURES; i++) {
    const g = newGame(level, i + 1);
    for (const action of plan) {
      const r = act(g, action);
      if (!r.ok) throw new Error(`bench plan: ${action.type} refused: ${r.error.message}`);
    }
    games.push(g);
  }
  return games;
}

const games = setup();
const components = games[0]!.state.nodes.length;
for (let t = 0; t < WARMUP_TICKS; t++) for (const g of games) advance(g);
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let t = 0; t < MEASURED_TICKS; t++) for (const g of games) advance(g);
const cpu = process.cpuUsage(cpuStart);
const elapsedMs = performance.now() - start;
// CPU time, not wall time: it does not count what other processes on the machine took.
const perArchTickUs = (cpu.user + cpu.system) / (MEASURED_TICKS * ARCHITECTURES);
console.log(`simulation: ${ARCHITECTURES} architectures x ${components} components, ${MEASURED_TICKS} ticks`);
console.log(`  ${perArchTickUs.toFixed(2)} us per architecture-tick (target ${TARGET_US}), ${((perArchTickUs * 1000) / components).toFixed(0)} ns per component-tick`);
console.log(`  wall time ${((elapsedMs * 1000) / (MEASURED_TICKS * ARCHITECTURES)).toFixed(2)} us per architecture-tick`);
console.log(`  ${(perArchTickUs * ARCHITECTURES / 1000).toFixed(2)} ms per room tick of ${ARCHITECTURES} players; ratio to target ${(perArchTickUs / TARGET_US).toFixed(2)}`);
