import { describe, expect, it } from 'vitest';
import { amount, duration, percent, readableDate } from '../../../client/cli/format.js';

describe('percent', () => {
  it('never rounds up to a better availability than was reached', () => {
    expect(percent(0.999996)).toBe('99.999%');
    expect(percent(0.9999999)).toBe('99.999%');
  });

  it('shows exact shares exactly, despite binary fractions', () => {
    expect(percent(0.99)).toBe('99%');
    expect(percent(0.999)).toBe('99.9%');
    expect(percent(1)).toBe('100%');
  });

  it('keeps every decimal in a column so the points line up', () => {
    expect(percent(0.99, { column: true })).toBe('99.000%');
  });
});

describe('amount', () => {
  it('groups large amounts and keeps cents on small ones', () => {
    expect(amount(1234567.8)).toBe('1,234,568');
    expect(amount(0.349)).toBe('0.35');
    expect(amount(12.5)).toBe('12.5');
  });
});

describe('duration', () => {
  it('uses minutes for whole minutes only', () => {
    expect(duration(240)).toBe('4 min');
    expect(duration(90)).toBe('90 s');
    expect(duration(30)).toBe('30 s');
  });
});

describe('readableDate', () => {
  it('says a day and a time as people write them, in local time, with the year only when it is not this one', () => {
    const now = new Date(2026, 11, 3, 9, 0);
    expect(readableDate(new Date(2026, 11, 2, 18, 42), now)).toBe('2 Dec 18:42');
    expect(readableDate(new Date(2026, 0, 15, 7, 5), now)).toBe('15 Jan 07:05');
    expect(readableDate(new Date(2025, 10, 30, 23, 59), now)).toBe('30 Nov 2025 23:59');
  });
});
