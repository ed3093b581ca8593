import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, ERROR_CODES, boardRow, boardRowSchema, clientMessageSchema, roomCodeSchema, rulesHash } from '../../shared/protocol.js';

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

describe('leaderboard rows on the wire', () => {
  const row = { rank: 3, player: 'p7', name: 'ada', availability: 0.987654321, score: 612, cost: 1234.5678, passed: false, nodes: 7, connected: true };

  it('keeps what the screens show: availability truncated, never up to a perfect 1, cost in whole units', () => {
    expect(boardRow(row)).toEqual({ rank: 3, id: 'p7', name: 'ada', avail: 0.987654, score: 612, cost: 1235 });
    expect(boardRow({ ...row, availability: 0.99999999 }).avail).toBe(0.999999);
    expect(boardRow({ ...row, availability: 1 }).avail).toBe(1);
    expect(boardRowSchema.parse(boardRow(row))).toEqual(boardRow(row));
  });

  it('marks a row whose players are all away, and keeps a team\'s members', () => {
    expect(boardRow({ ...row, connected: false, team: 'red', members: ['p7', 'p9'] })).toMatchObject({ away: true, members: ['p7', 'p9'] });
    expect(JSON.stringify(boardRow(row)).length).toBeLessThan(JSON.stringify(row).length * 0.6);
  });
});
