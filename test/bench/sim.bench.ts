// Cost of the simulation per architecture-tick: 100 architectures of 50 components each, the size of a
// classroom where everyone has built a lot, ticked together as the server will tick a room.
import { performance } from 'node:perf_hooks';
import { act, advance, newGame, type Game } from '../../shared/game.js';
import { levelSchema } from '../../shared/level.js';
import type { Action } from '../../shared/action.js';
import type { Kind } from '../../shared/catalog.js';

const ARCHITECTURES = 100;
const WARMUP_TICKS = 200;
const MEASURED_TICKS = 600;
/** The target, in microseconds per architecture-tick. */
const TARGET_US = 10;

const level = levelSchema.parse({
  id: 'bench', title: 'bench', durationSeconds: 600, regions: [{ id: 'east' }, { id: 'west' }], rttMs: [[2, 80], [80, 2]],
  traffic: { users: [{ region: 'east', clients: 50_000, rps: 20_000 }, { region: 'west', clients: 30_000, rps: 12_000 }], mix: { static: 0.2, read: 0.6, write: 0.1, deferrableWrite: 0.1 } },
  sloMs: 300, target: 0.99, budget: 1e9,
  events: [
    { type: 'celebrity', at: 5, duration: 30, multiplier: 5 },
    { type: 'ddos', at: 20, duration: 30, rps: 50_000, bots: 100 },
    { type: 'partition', at: 40, duration: 20, regions: ['east', 'west'] },
  ],
});

/** 50 components: DNS, an archive, and per region an edge, a gateway, a balancer, 10 app pools, a cache, a queue, 4 shards and 3 replicas. */
function buildPlan(): Action[] {
  const a: Action[] = [{ type: 'place', kind: 'dns', region: 'east', id: 'dns' }, { type: 'place', kind: 'storage', region: 'west', id: 'archive' }];
  for (const r of ['east', 'west']) {
    const p = (kind: Kind, id: string, config?: Record<string, unknown>) =>
      a.push({ type: 'place', kind, region: r, id: `${id}-${r}`, ...(config ? { config } : {}) });
    const l = (from: string, to: string) => a.push({ type: 'link', from: from === 'dns' ? 'dns' : `${from}-${r}`, to: `${to}-${r}` });
    p('cdn', 'cdn'); p('storage', 'st'); p('gateway', 'gw', { limiter: 'token-bucket', ratePerClient: 5, burstPerClient: 10, filter: true });
    p('lb', 'lb'); p('cache', 'cache'); p('queue', 'q'); p('shards', 'sh');
    l('dns', 'cdn'); l('cdn', 'st'); l('cdn', 'gw'); l('gw', 'lb');
    for (let d = 1; d <= 4; d++) { p('db', `db${d}`); l('sh', `db${d}`); l('q', `db${d}`); }
    l('cache', 'sh');
    for (let i = 1; i <= 3; i++) { p('replica', `rep${i}`, { primary: `db1-${r}` }); l('cache', `rep${i}`); }
    for (let i = 1; i <= 10; i++) {
      p('app', `app${i}`); l('lb', `app${i}`); l(`app${i}`, 'cache'); l(`app${i}`, 'q'); l(`app${i}`, 'sh');
      a.push({ type: 'scale', node: `app${i}-${r}`, by: 2 });
    }
  }
  return a;
}

function setup(): Game[] {
  const plan = buildPlan();
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
