import { describe, expect, it } from 'vitest';
import { act, newGame } from '../../../shared/game.js';
import { CATALOG, LINKABLE } from '../../../shared/catalog.js';
import { KIND_FACTS, KINDS, kindConfigSchema, kindsWhere } from '../../../shared/kinds/index.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

describe('each kind has one entry', () => {
  it('gives every kind a unique picker letter, calls only kinds that exist, and a config whose defaults parse', () => {
    const keys = KINDS.map((k) => KIND_FACTS[k].key);
    expect(new Set(keys).size).toBe(KINDS.length);
    for (const k of KINDS) {
      for (const callee of KIND_FACTS[k].calls) expect(KINDS).toContain(callee);
      // The union on kind holds the same schema as the entry: a fresh node of the kind gets its defaults.
      expect(kindConfigSchema.parse({ kind: k, config: {} })).toEqual({ kind: k, config: KIND_FACTS[k].config.parse({}) });
      // Scaling by units means a node may have more than one.
      if (KIND_FACTS[k].units) expect(KIND_FACTS[k].params.maxUnits).toBeGreaterThan(1);
    }
  });

  it('is what the catalog and the link rules sent to clients are read from', () => {
    for (const k of KINDS) {
      expect(CATALOG[k]).toBe(KIND_FACTS[k].params);
      expect(LINKABLE[k]).toBe(KIND_FACTS[k].calls);
    }
    expect(Object.keys(CATALOG)).toEqual([...KINDS]);
    expect(kindsWhere((f) => f.pooled)).toEqual(['app', 'queue', 'cache']);
  });

  it('checks a config by its kind and names the setting, not the wrapper, in the refusal', () => {
    const g = newGame(labLevel({
      traffic: { users: [{ region: 'here', clients: 10, rps: 10 }], mix: { read: 1 } },
      budget: 2000,
      allowed: ['app', 'db'],
      initial: [place('app', 'app1'), place('db', 'db1'), link('app1', 'db1')],
    }));
    const bad = act(g, { type: 'configure', node: 'db1', config: { standby: 'maybe' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/^db config: standby: /);
    const extra = act(g, { type: 'configure', node: 'db1', config: { colour: 'red' } });
    expect(!extra.ok && extra.error.message).toMatch(/^db config: \(root\): .*colour/);
    const scale = act(g, { type: 'scale', node: 'db1', by: 1 });
    expect(!scale.ok && scale.error.message).toBe('db does not scale by units; scalable: app, queue, cache');
    expect(act(g, { type: 'configure', node: 'db1', config: { standby: 'sync' } }).ok).toBe(true);
    const db = g.state.nodes.find((n) => n.id === 'db1');
    expect(db?.kind === 'db' && db.config).toEqual({ standby: 'sync', consistency: 'cp' });
  });
});
