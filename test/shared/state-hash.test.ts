import { describe, expect, it } from 'vitest';
import { advance, newGame } from '../../shared/game.js';
import { canonicalJson, hashText, stateHash } from '../../shared/state-hash.js';
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
