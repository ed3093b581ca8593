import { describe, expect, it } from 'vitest';
import { advance, newGame } from '../../shared/game.js';
import { canonicalJson, hashText, stateHash } from '../../shared/state-hash.js';
import { playTo, startReplay } from '../../shared/debrief/replay.js';
import type { GameState } from '../../shared/state.js';
import { playedByPlan } from '../helpers/level-plans.js';
import { busyLevel } from '../helpers/busy-level.js';

describe('hashText', () => {
  it('is FNV-1a 64 (the published test vectors)', () => {
    expect(hashText('')).toBe('cbf29ce484222325');
    expect(hashText('a')).toBe('af63dc4c8601ec8c');
    expect(hashText('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes of the text, as a BigInt reference does', () => {
    const reference = (text: string) => {
      let h = 0xcbf29ce484222325n;
      for (const byte of Buffer.from(text, 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
      return h.toString(16).padStart(16, '0');
    };
    for (const text of ['é', '日本語', 'emoji 😀 and ascii', JSON.stringify({ name: 'ünïcödé', n: [1, 2.5, -3e-7] })]) {
      expect(hashText(text)).toBe(reference(text));
    }
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"z":1}]},"b":1}');
  });

  it('writes numbers as JSON does', () => {
    expect(canonicalJson([0.1 + 0.2, -0, 1e21, Number.NaN])).toBe(JSON.stringify([0.1 + 0.2, -0, 1e21, null]));
  });
});

describe('stateHash', () => {
  it('is the same for a state and its JSON copy, and changes with any number', () => {
    const game = newGame(busyLevel(false));
    for (let i = 0; i < 20; i++) advance(game);
    const copy = JSON.parse(JSON.stringify(game.state)) as typeof game.state;
    expect(stateHash(copy)).toBe(stateHash(game.state));
    copy.totals.good += 1e-9;
    expect(stateHash(copy)).not.toBe(stateHash(game.state));
  });
});

describe('stateHash as a digest of the state', () => {
  const played = (['tutorial', 'db-failover', 'regional-partition', 'ddos'] as const).map((id) => {
    const { level, log } = playedByPlan(id, 'reference');
    const replay = startReplay(level, log);
    playTo(replay, Math.round(log.endTick / 2));
    return { id, state: replay.game.state };
  });

  it.each(played.map((p) => [p.id, p.state] as const))('%s: the client\'s copy parsed from a snapshot digests as the server\'s state', (_id, state) => {
    expect(stateHash(JSON.parse(canonicalJson(state)) as GameState)).toBe(stateHash(state));
  });

  it('changes when any one number of a played state changes', () => {
    const state = played[1]!.state;
    const base = stateHash(state);
    const seen = new Set([base]);
    let leaves = 0;
    const visit = (holder: Record<string, unknown> | unknown[], key: string | number) => {
      const v = (holder as Record<string | number, unknown>)[key];
      if (typeof v === 'number') {
        leaves++;
        (holder as Record<string | number, unknown>)[key] = v + 1;
        const h = stateHash(state);
        (holder as Record<string | number, unknown>)[key] = v;
        expect(h, `changing ${String(key)}`).not.toBe(base);
        seen.add(h);
      } else if (v !== null && typeof v === 'object') {
        for (const k of Object.keys(v)) visit(v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k);
      }
    };
    visit({ state }, 'state');
    expect(leaves).toBeGreaterThan(100);
    expect(seen.size).toBe(leaves + 1);
    expect(stateHash(state)).toBe(base);
  });

  it('tells apart values JSON tells apart, and only those', () => {
    const h = (v: unknown) => stateHash(v as GameState);
    expect(h({ b: 1, a: 2 })).toBe(h({ a: 2, b: 1 }));
    expect(h({ a: 1, u: undefined })).toBe(h({ a: 1 }));
    expect(h([-0, Number.NaN, Number.POSITIVE_INFINITY])).toBe(h(JSON.parse(JSON.stringify([-0, Number.NaN, Number.POSITIVE_INFINITY]))));
    const distinct = [{ a: {}, b: 1 }, { a: { b: 1 } }, [], {}, '1', 1, [1, 2], [2, 1], 'ab', 'ba', { ab: 'c' }, { a: 'bc' }, true, false, null, [[]], [[], []]];
    expect(new Set(distinct.map(h)).size).toBe(distinct.length);
  });
});
