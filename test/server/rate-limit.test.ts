import { describe, expect, it } from 'vitest';
import { MessageBucket } from '../../server/rate-limit.js';

describe('MessageBucket', () => {
  it('lets a burst through, then one message per refill interval', () => {
    const bucket = new MessageBucket(3, 10, 0);
    expect([0, 0, 0, 0].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.take(50)).toBe(false);
    expect(bucket.take(100)).toBe(true);
    expect(bucket.take(100)).toBe(false);
  });

  it('refills no further than the burst after a long silence', () => {
    const bucket = new MessageBucket(2, 10, 0);
    const taken = Array.from({ length: 5 }, () => bucket.take(60_000)).filter(Boolean).length;
    expect(taken).toBe(2);
  });
});
