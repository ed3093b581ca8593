import type { LeaderboardEntry } from './session.js';

/** Samples kept per row: the chart shows the newest that fit (10 minutes at one leaderboard a second). */
const MAX_SAMPLES = 600;

/**
 * What a spectator follows of a round without a game of its own: the round's clock and everyone's
 * availability over time, from the leaderboards the server sends once a second.
 */
export class RaceWatch {
  /** The round's tick as of the latest standings. */
  tick = 0;
  /** Availability so far of each row, one sample a leaderboard, oldest first, by row name. */
  readonly history: Record<string, number[]> = {};

  leaderboard(entries: readonly LeaderboardEntry[], tick: number): void {
    // A resent board (after a reconnect) or the final standings add no new moment to the race.
    if (tick <= this.tick && Object.keys(this.history).length) return;
    this.tick = tick;
    for (const e of entries) {
      const h = (this.history[e.name] ??= []);
      h.push(e.availability);
      if (h.length > MAX_SAMPLES) h.shift();
    }
  }
}
