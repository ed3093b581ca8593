import { describe, expect, it } from 'vitest';
import { amount, duration, percent } from '../../../server/cli/format.js';

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
