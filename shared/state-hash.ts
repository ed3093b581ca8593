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

/** The hash server and client compare to catch a desync: of the state's canonical JSON. */
export function stateHash(state: GameState): string {
  return hashText(canonicalJson(state));
}
