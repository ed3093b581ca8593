// Cost of the simulation per architecture-tick: 100 architectures of 50 components each, the size of a
// classroom where everyone has built a lot, ticked together as the server will tick a room.
//
// The machine's caches are shared with whatever else runs on it, so one long measurement swings by a
// third from run to run. The ticks are measured in rounds, and the median round is the figure. The
// baseline of the same run is a twin of the 100 games ticked ten at a time, each ten for a whole round
// (they then stay in the processor's caches): the same work, so the gap is time spent waiting for
// memory, not computing.
import { act, advance, newGame, type Game } from '../../shared/game.js';
import { levelSchema } from '../../shared/level.js';
import { fiftyNodeActions, fiftyNodeLevel } from './fifty-nodes.js';

const ARCHITECTURES = 100;
/** How many architectures the in-cache baseline ticks together: about 3 MB of data. */
const IN_CACHE = 10;
const WARMUP_TICKS = 200;
/** Ticks a few games play first, through every event the rounds will see, so the code is compiled for all of them. */
const JIT_TICKS = 800;
const ROUNDS = 7;
/** Ticks per round. */
const ROUND_TICKS = 80;
/** The target, in microseconds per architecture-tick. */
const TARGET_US = 10;

const base = fiftyNodeLevel('bench', 'bench');
// A partition on top, so routing around cut links is measured too.
const level = levelSchema.parse({ ...base, events: [...(base.events ?? []), { type: 'partition', at: 40, duration: 20, regions: ['east', 'west'] }] });

function setup(count: number, warmup = WARMUP_TICKS): Game[] {
  const plan = fiftyNodeActions();
  const games: Game[] = [];
  for (let i = 0; i < count; i++) {
    const g = newGame(level, i + 1);
    for (const action of plan) {
      const r = act(g, action);
      if (!r.ok) throw new Error(`bench plan: ${action.type} refused: ${r.error.message}`);
    }
    games.push(g);
  }
  for (let t = 0; t < warmup; t++) for (const g of games) advance(g);
  return games;
}

/** CPU time (it does not count what other processes took) per architecture-tick, in microseconds. */
function round(games: Game[], ticks: number, together: number): number {
  const start = process.cpuUsage();
  for (let from = 0; from < games.length; from += together) {
    const group = games.slice(from, from + together);
    for (let t = 0; t < ticks; t++) for (const g of group) advance(g);
  }
  const cpu = process.cpuUsage(start);
  return (cpu.user + cpu.system) / (ticks * games.length);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

setup(2, JIT_TICKS);
const all = setup(ARCHITECTURES);
const twin = setup(ARCHITECTURES);
const components = all[0]!.state.nodes.length;
const cold: number[] = [];
const warm: number[] = [];
// Alternating, so a busy spell on the machine falls on both.
for (let r = 0; r < ROUNDS; r++) {
  cold.push(round(all, ROUND_TICKS, ARCHITECTURES));
  warm.push(round(twin, ROUND_TICKS, IN_CACHE));
}
const us = median(cold);
const inCache = median(warm);
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}`;
console.log(`simulation: ${ARCHITECTURES} architectures x ${components} components, ${ROUNDS} rounds of ${ROUND_TICKS} ticks`);
console.log(`  ${us.toFixed(2)} us per architecture-tick (median; rounds ${range(cold)}), target ${TARGET_US}: ratio to target ${(us / TARGET_US).toFixed(2)}`);
console.log(`  ${((us * 1000) / components).toFixed(0)} ns per component-tick, ${((us * ARCHITECTURES) / 1000).toFixed(2)} ms per room tick of ${ARCHITECTURES} players`);
console.log(`  baseline, the same ticks ${IN_CACHE} architectures at a time (in cache): ${inCache.toFixed(2)} us (rounds ${range(warm)}); ratio ${(us / inCache).toFixed(2)}, so ${(100 * (1 - inCache / us)).toFixed(0)}% of the cost is waiting for memory`);
