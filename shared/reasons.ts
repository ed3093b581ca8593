/** Why a legitimate request failed. Every failure is attributed to one node and one of these. */
export const FAILURE_REASONS = [
  /** A server tier was full and shed the request (HTTP 503). */
  'overloaded',
  /** Served, but slower than the level's SLO. */
  'timed-out',
  /** A queue was full (back-pressure, HTTP 503). */
  'queue-full',
  /** A gateway's limiter refused a legitimate client. */
  'rate-limited',
  /** The node that had to serve it was down. */
  'node-down',
  /** Nothing downstream could serve this kind of request. */
  'no-route',
  /** The call had to cross a network partition. */
  'partitioned',
  /** A replica answered with data older than the last write. */
  'stale-read',
  /** A write taken during a partition conflicted when it healed. */
  'write-conflict',
  /** An acknowledged write an async standby had not received when it took over: lost in the failover. */
  'lost-write',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Index of each reason in per-reason arrays. */
export const REASON_INDEX = Object.fromEntries(FAILURE_REASONS.map((r, i) => [r, i])) as Record<FailureReason, number>;
