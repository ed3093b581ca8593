import type { GameState } from './state.js';

// FNV-1a 64 in pure JS, the same on server and client, no node:crypto. It catches desyncs
// (accidental differences); it is not meant to resist someone forging a state.

/** FNV-1a 64 offset basis, as four 16-bit words from the lowest. */
const OFFSET = [0x2325, 0x8422, 0x9ce4, 0xcbf2] as const;
/** The FNV 64-bit prime is 2^40 + 0x1b3: its only non-zero 16-bit words are these two. */
const PRIME_W0 = 0x1b3;
const PRIME_W2 = 0x100;

/**
 * JSON with object keys sorted at every level, so equal data gives equal text whatever order its
 * fields were set in. Undefined fields are left out and non-finite numbers become null, as
 * JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === 'function') continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** FNV-1a 64 of a text's UTF-8 bytes, as 16 hex digits. */
export function hashText(text: string): string {
  // Four 16-bit words keep every product below 2^31: small-integer arithmetic, no doubles.
  let h0: number = OFFSET[0];
  let h1: number = OFFSET[1];
  let h2: number = OFFSET[2];
  let h3: number = OFFSET[3];
  const step = (byte: number) => {
    h0 ^= byte;
    const t0 = h0 * PRIME_W0;
    const t1 = h1 * PRIME_W0 + (t0 >>> 16);
    const t2 = h2 * PRIME_W0 + h0 * PRIME_W2 + (t1 >>> 16);
    const t3 = h3 * PRIME_W0 + h1 * PRIME_W2 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      // step(c), written out: JSON is nearly all ASCII and this loop is the hash's whole cost.
      h0 ^= c;
      const t0 = h0 * PRIME_W0;
      const t1 = h1 * PRIME_W0 + (t0 >>> 16);
      const t2 = h2 * PRIME_W0 + h0 * PRIME_W2 + (t1 >>> 16);
      h3 = (h3 * PRIME_W0 + h1 * PRIME_W2 + (t2 >>> 16)) & 0xffff;
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (c < 0x800) {
      step(0xc0 | (c >> 6));
    } else if (c < 0x10000) {
      step(0xe0 | (c >> 12));
      step(0x80 | ((c >> 6) & 0x3f));
    } else {
      step(0xf0 | (c >> 18));
      step(0x80 | ((c >> 12) & 0x3f));
      step(0x80 | ((c >> 6) & 0x3f));
    }
    step(0x80 | (c & 0x3f));
  }
  const hex = (w: number) => w.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

// The state's digest walks the value itself instead of writing its JSON: every number as its
// float64 bits, every string by its UTF-16 code units, object keys sorted, with a tag before each
// value so that equal data gives equal digests whatever order its fields were set in. It sees the
// state as its JSON would (undefined fields left out, non-finite numbers and -0 as JSON writes them),
// so the client's copy parsed from a snapshot digests the same as the server's state.

/** Tags that keep differently shaped values apart (a string "1" and a number 1, [] and {}). */
const TAG_NULL = 1;
const TAG_FALSE = 2;
const TAG_TRUE = 3;
const TAG_NUMBER = 4;
const TAG_STRING = 5;
const TAG_ARRAY = 6;
const TAG_OBJECT = 7;

/** Seeds of the digest's two independent 32-bit lanes. */
const LANE_SEEDS = [0x9747b28c, 0x3c6ef372] as const;

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
/** Which word of a float64 holds its low bits on this machine, so that every machine digests alike. */
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** Field names kept memoised; past it (records keyed by node ids, say) names are digested each time. */
const KEY_MEMO_LIMIT = 4096;
const keyWords = new Map<string, number>();

/** Two murmur3-style 32-bit lanes fed the same words with different seeds: a 64-bit digest. */
class Digest {
  a: number = LANE_SEEDS[0];
  b: number = LANE_SEEDS[1];

  word(w: number): void {
    let k = Math.imul(w, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    let a = this.a ^ k;
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = this.b ^ Math.imul(k, 0x85ebca6b);
    b = (b << 17) | (b >>> 15);
    this.b = (Math.imul(b, 9) + 0x4cf5ad43) | 0;
  }

  number(x: number): void {
    if (!Number.isFinite(x)) return this.word(TAG_NULL);
    this.word(TAG_NUMBER);
    // -0 is written 0 in JSON, and the client's copy comes from JSON.
    float[0] = x === 0 ? 0 : x;
    this.word(words[LOW]!);
    this.word(words[1 - LOW]!);
  }

  string(s: string): void {
    this.word(TAG_STRING);
    this.word(s.length);
    let i = 0;
    for (; i + 1 < s.length; i += 2) this.word(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    if (i < s.length) this.word(s.charCodeAt(i));
  }

  /** A field name, by its memoised digest: a state has a few dozen names, met thousands of times. */
  key(k: string): void {
    let w = keyWords.get(k);
    if (w === undefined) {
      const d = new Digest();
      d.string(k);
      w = fmix(d.a ^ Math.imul(d.b, 0x27d4eb2d));
      if (keyWords.size < KEY_MEMO_LIMIT) keyWords.set(k, w);
    }
    this.word(TAG_STRING);
    this.word(w);
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'number': return this.number(v);
      case 'string': return this.string(v);
      case 'boolean': return this.word(v ? TAG_TRUE : TAG_FALSE);
      case 'object': break;
      default: return this.word(TAG_NULL);
    }
    if (v === null) return this.word(TAG_NULL);
    if (Array.isArray(v)) {
      this.word(TAG_ARRAY);
      this.word(v.length);
      for (let i = 0; i < v.length; i++) this.value(v[i]);
      return;
    }
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record);
    if (!isSorted(keys)) keys.sort();
    this.word(TAG_OBJECT);
    for (let i = 0; i < keys.length; i++) {
      const item = record[keys[i]!];
      if (item === undefined || typeof item === 'function') continue;
      this.key(keys[i]!);
      this.value(item);
    }
    // The end of an object, so that {a:{}, b:1} and {a:{b:1}} differ.
    this.word(TAG_OBJECT);
  }

  hex(): string {
    return fmix(this.a ^ this.b).toString(16).padStart(8, '0') + fmix(this.b + Math.imul(this.a, 3)).toString(16).padStart(8, '0');
  }
}

function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** murmur3's finaliser: every input bit moves every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The hash server and client compare to catch a desync: a digest of the state as its JSON holds it. */
export function stateHash(state: GameState): string {
  const d = new Digest();
  d.value(state);
  return d.hex();
}
