import { levelSchema, type Level } from '../../shared/level.js';

/**
 * Two regions, every kind of component, and every kind of event: the level the invariants are
 * checked on. Noise is on unless asked off.
 */
export function busyLevel(noise = true): Level {
  return levelSchema.parse({
    id: 'busy',
    title: 'busy',
    durationSeconds: 120,
    regions: [{ id: 'east' }, { id: 'west' }],
    rttMs: [[2, 80], [80, 2]],
    traffic: {
      users: [{ region: 'east', clients: 5000, rps: 3000 }, { region: 'west', clients: 3000, rps: 2000 }],
      mix: { static: 0.2, read: 0.6, write: 0.1, deferrableWrite: 0.1 },
    },
    sloMs: 300,
    target: 0.99,
    budget: 100_000,
    noise,
    initial: [
      { type: 'place', kind: 'dns', region: 'east' },
      { type: 'place', kind: 'cdn', region: 'east' },
      { type: 'place', kind: 'storage', region: 'east' },
      { type: 'place', kind: 'gateway', region: 'east', config: { limiter: 'token-bucket', ratePerClient: 2, burstPerClient: 5, filter: true } },
      { type: 'place', kind: 'lb', region: 'east' },
      { type: 'place', kind: 'app', region: 'east' },
      { type: 'place', kind: 'app', region: 'west' },
      { type: 'place', kind: 'cache', region: 'east' },
      { type: 'place', kind: 'queue', region: 'east' },
      { type: 'place', kind: 'db', region: 'east', config: { consistency: 'ap' } },
      { type: 'place', kind: 'replica', region: 'west' },
      { type: 'place', kind: 'lb', region: 'west' },
      { type: 'link', from: 'dns1', to: 'cdn1' },
      { type: 'link', from: 'dns1', to: 'lb2' },
      { type: 'link', from: 'cdn1', to: 'storage1' },
      { type: 'link', from: 'cdn1', to: 'gateway1' },
      { type: 'link', from: 'gateway1', to: 'lb1' },
      { type: 'link', from: 'lb1', to: 'app1' },
      { type: 'link', from: 'lb2', to: 'app2' },
      { type: 'link', from: 'app1', to: 'cache1' },
      { type: 'link', from: 'app1', to: 'queue1' },
      { type: 'link', from: 'app1', to: 'db1' },
      { type: 'link', from: 'cache1', to: 'db1' },
      { type: 'link', from: 'queue1', to: 'db1' },
      { type: 'link', from: 'app2', to: 'replica1' },
      { type: 'link', from: 'app2', to: 'db1' },
      { type: 'scale', node: 'app1', by: 3 },
      { type: 'scale', node: 'app2', by: 1 },
    ],
    events: [
      { type: 'celebrity', at: 10, duration: 20, multiplier: 8 },
      { type: 'flash-sale', at: 20, duration: 15, multiplier: 10 },
      { type: 'ddos', at: 30, duration: 15, rps: 20_000, bots: 50 },
      { type: 'partition', at: 45, duration: 20, regions: ['east', 'west'] },
      { type: 'db-failure', at: 70, duration: 20 },
      { type: 'zone-failure', at: 95, duration: 10, region: 'east' },
      { type: 'latency', at: 100, duration: 10, factor: 3, kind: 'cache' },
    ],
  });
}
