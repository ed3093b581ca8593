/**
 * A connection's message allowance: a token bucket over wall time, whole messages only. (The game's
 * own limiter in shared/sim admits fractional fluid flows per tick; a socket needs yes or no.)
 */
export class MessageBucket {
  private tokens: number;
  private last: number;

  constructor(private readonly burst: number, private readonly perSecond: number, now: number) {
    this.tokens = burst;
    this.last = now;
  }

  /** Spends one message; false when the connection has none left. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
