import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, ERROR_CODES, clientMessageSchema, roomCodeSchema, rulesHash } from '../../shared/protocol.js';

describe('protocol constants', () => {
  it('keeps every close code of ours in the 4000 range, distinct', () => {
    const ours = Object.entries(CLOSE_CODES).filter(([name]) => name !== 'MESSAGE_TOO_BIG').map(([, code]) => code);
    expect(ours.every((c) => c >= 4000 && c <= 4999)).toBe(true);
    expect(new Set(Object.values(CLOSE_CODES)).size).toBe(Object.values(CLOSE_CODES).length);
  });

  it('names each error code by itself', () => {
    for (const [name, code] of Object.entries(ERROR_CODES)) expect(code).toBe(name);
  });
});

describe('rulesHash', () => {
  it('is a stable 64-bit hex hash', () => {
    const before = rulesHash();
    expect(rulesHash()).toBe(before);
    expect(before).toMatch(/^[0-9a-f]{16}$/);
  });

});

describe('client messages', () => {
  it('normalises room codes as people type them', () => {
    expect(roomCodeSchema.parse(' k7qx3 ')).toBe('K7QX3');
  });

  it('refuses names with control characters and ignores unknown fields', () => {
    const hello = { type: 'hello', protocol: 1, rulesHash: 'x', room: 'ABCDE' };
    expect(clientMessageSchema.safeParse({ ...hello, name: 'ada\u001b[2J' }).success).toBe(false);
    expect(clientMessageSchema.parse({ ...hello, name: 'ada', extra: 1 })).toEqual({ ...hello, name: 'ada' });
  });
});
