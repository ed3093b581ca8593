import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curriculumLevel, curriculumPlan } from '../helpers/level-plans.js';
import { allMechanics, mechanicUsage, unplayed } from '../helpers/mechanics.js';

/** Mechanics built but taught by no level yet, each with why. */
const EXPERIMENTAL: Record<string, string> = {
  'action:remove': 'taking a node away saves upkeep but teaches nothing on its own',
  'config:dns.policy=latency': 'runs the same routing code as geo (shared/sim/entry.ts), so no level can tell them apart',
  'config:dns.policy=weighted': 'active-active across regions is still to get its level',
  'config:gateway.limiter=fixed-window': 'the boundary burst of a fixed window is not yet shown by any level',
  'config:gateway.limiter=sliding-window': 'taught with the other limiter kinds once a level compares them',
  'config:lb.algorithm=consistent-hash': 'inert across separate nodes: the load-balancing issue gives it a level',
  'config:lb.algorithm=ip-hash': 'affinity is not modelled, so it routes like round-robin',
  'config:lb.algorithm=least-connections': 'inert across separate nodes: the load-balancing issue gives it a level',
  'config:shards.algorithm=consistent-hash': 'the remapping cost of mod-N is not modelled, so it plays like hash',
  'kind:storage': 'object storage behind a CDN is taught by the caching chapter, still to come',
};

const ids = readdirSync(new URL('../../levels/', import.meta.url)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.replace(/\.json$/, ''));
const curriculum = ids.map(curriculumLevel).filter((l) => l.order !== undefined).map((level) => ({ level, plan: curriculumPlan(level.id, 'reference') }));
const usage = mechanicUsage(curriculum);

describe('every built mechanic is played by a curriculum level', () => {
  it('reads kinds, config values, events and actions from the schemas', () => {
    const all = allMechanics();
    for (const m of ['kind:shards', 'config:dns.policy=weighted', 'config:app.autoscale', 'config:gateway.limiter=token-bucket', 'config:db.standby=sync', 'event:diurnal', 'event:region-failure', 'action:upgrade', 'background-failures']) expect(all).toContain(m);
    // Numbers (a TTL, a rate) tune a mechanic, they are not one.
    expect(all.some((m) => m.includes('ttlSeconds'))).toBe(false);
  });

  it('each one is used by a level (its file or its reference plan) or marked experimental with a reason', () => {
    const table = [...usage].map(([m, levels]) => `${m.padEnd(40)} ${levels.join(' ') || `EXPERIMENTAL: ${EXPERIMENTAL[m] ?? '-'}`}`).join('\n');
    expect(unplayed(usage, EXPERIMENTAL), table).toEqual([]);
    for (const [m, reason] of Object.entries(EXPERIMENTAL)) {
      expect(usage.has(m), `${m} is not a mechanic the schemas define`).toBe(true);
      expect(usage.get(m), `${m} is played by a level: take it out of EXPERIMENTAL`).toEqual([]);
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('catches a mechanic that no level plays', () => {
    const withoutDiurnal = curriculum.map(({ level, plan }) => ({ level: { ...level, events: level.events.filter((e) => e.type !== 'diurnal') }, plan }));
    expect(unplayed(mechanicUsage(withoutDiurnal), EXPERIMENTAL)).toContain('event:diurnal: no curriculum level uses it, and it is not in EXPERIMENTAL');
  });
});
