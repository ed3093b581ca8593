import type { GameState } from './state.js';

// FNV-1a 64, computed on two 32-bit lanes: pure JS, the same on server and client, no node:crypto.
// It catches desyncs (accidental differences); it is not meant to resist someone forging a state.

/** FNV-1a 64 offset basis, high and low 32 bits. */
const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
/** The FNV 64-bit prime is 2^40 + PRIME_LOW: the multiply is a small product plus a 40-bit shift. */
const PRIME_LOW = 0x1b3;
const TWO_POW_32 = 4294967296;

/**
 * JSON with object keys sorted at every level, so equal data gives equal text whatever order its
 * fields were set in. Undefined fields are left out and non-finite numbers become null, as
 * JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** FNV-1a 64 of a text's UTF-8 bytes, as 16 hex digits. */
export function hashText(text: string): string {
  let hi = OFFSET_HI;
  let lo = OFFSET_LO;
  const step = (byte: number) => {
    lo ^= byte;
    // (hi, lo) * (2^40 + PRIME_LOW) mod 2^64: lo * PRIME_LOW < 2^41 is exact in a double.
    const low = lo * PRIME_LOW;
    const carry = Math.floor(low / TWO_POW_32);
    hi = (Math.imul(hi, PRIME_LOW) + carry + (lo << 8)) >>> 0;
    lo = low >>> 0;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      step(c);
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
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The hash server and client compare to catch a desync: of the state's canonical JSON. */
export function stateHash(state: GameState): string {
  return hashText(canonicalJson(state));
}
