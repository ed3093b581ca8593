/** First wait before reconnecting; it doubles at every failed attempt. */
export const BACKOFF_FIRST_MS = 100;
/** Longest wait between two attempts. */
export const BACKOFF_MAX_MS = 5_000;
/** Share of a wait drawn at random, so a class dropped at once does not knock again all at once. */
const JITTER = 0.2;

/** The wait before reconnect attempt `attempt` (0 for the first): 100 ms doubling up to 5 s, less up to a fifth. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
  return Math.round(base * (1 - JITTER * random()));
}
