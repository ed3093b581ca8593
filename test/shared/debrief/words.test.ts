import { describe, expect, it } from 'vitest';
import { availabilityText, clock, shareText } from '../../../shared/debrief/words.js';

describe('debrief words', () => {
  it('writes game time as m:ss', () => {
    expect(clock(65)).toBe('1:05');
    expect(clock(0)).toBe('0:00');
    expect(clock(600)).toBe('10:00');
  });

  it('writes availability with the nines visible, never rounding a failure up to 100%', () => {
    expect(availabilityText(0.99613)).toBe('99.61%');
    expect(availabilityText(0.449188)).toBe('44.9%');
    expect(availabilityText(0.99999)).toBe('99.99%');
    expect(availabilityText(1)).toBe('100%');
  });

  it('writes a sliver as <1%', () => {
    expect(shareText(0.004)).toBe('<1%');
    expect(shareText(0.38)).toBe('38%');
  });
});
