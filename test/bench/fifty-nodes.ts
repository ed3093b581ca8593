// The architecture the benchmarks measure: 50 components over two regions, every kind in use.
import type { Action } from '../../shared/action.js';
import type { Kind } from '../../shared/catalog.js';
import type { LevelInput } from '../../shared/level.js';

/** DNS, an archive, and per region an edge, a gateway, a balancer, 10 app pools, a cache, a queue, 4 shards and 3 replicas. */
export function fiftyNodeActions(): Action[] {
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

/** A 10-minute, two-region level busy enough to load every one of those components, with a spike and a DDoS. */
export function fiftyNodeLevel(id: string, title: string): LevelInput {
  return {
    id, title, durationSeconds: 600, regions: [{ id: 'east' }, { id: 'west' }], rttMs: [[2, 80], [80, 2]],
    traffic: { users: [{ region: 'east', clients: 50_000, rps: 20_000 }, { region: 'west', clients: 30_000, rps: 12_000 }], mix: { static: 0.2, read: 0.6, write: 0.1, deferrableWrite: 0.1 } },
    sloMs: 300, target: 0.99, budget: 1e9,
    events: [{ type: 'celebrity', at: 5, duration: 30, multiplier: 5 }, { type: 'ddos', at: 20, duration: 30, rps: 50_000, bots: 100 }],
  };
}
