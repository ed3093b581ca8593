// Per-tick rate limiters over a fluid flow of requests. Counts are expected
// values and may be fractional. A population of n identical clients, each
// limited at rate r with burst b and each sending an equal share of the flow,
// admits exactly what one limiter of rate n*r and burst n*b admits on the
// whole flow, so the game keeps one aggregate limiter per client population.

import type { RateLimitState } from '../state.js';

export type RateLimitAlgorithm = 'token-bucket' | 'fixed-window' | 'sliding-window';

export interface RateLimitConfig {
  readonly algorithm: RateLimitAlgorithm;
  /** Sustained requests per second (token refill rate, or window limit divided by its length). */
  readonly ratePerSecond: number;
  /** Token-bucket size in requests; unused by the window algorithms. */
  readonly burst: number;
  /** Window length in seconds; unused by the token bucket. */
  readonly windowSeconds: number;
}

export function createRateLimitState(config: RateLimitConfig): RateLimitState {
  // Buckets start full: a freshly deployed limiter lets the first burst through.
  return { tokens: config.burst, windowIndex: -1, current: 0, previous: 0 };
}

/** The aggregate limiter equivalent to `clients` copies of a per-client limiter. */
export function aggregateRateLimit(perClient: RateLimitConfig, clients: number): RateLimitConfig {
  return {
    algorithm: perClient.algorithm,
    ratePerSecond: perClient.ratePerSecond * clients,
    burst: perClient.burst * clients,
    windowSeconds: perClient.windowSeconds,
  };
}

/**
 * Windows are whole numbers of ticks so that boundaries depend only on the
 * integer tick: a window that is not a multiple of dt is rounded to the
 * nearest tick count (at least one).
 */
function ticksPerWindow(windowSeconds: number, dtSeconds: number): number {
  const ticks = Math.round(windowSeconds / dtSeconds);
  return ticks >= 1 ? ticks : 1;
}

/** Moves the window counters to the window containing `tick`. */
function advanceWindow(state: RateLimitState, windowIndex: number): void {
  if (windowIndex === state.windowIndex) return;
  state.previous = windowIndex === state.windowIndex + 1 ? state.current : 0;
  state.current = 0;
  state.windowIndex = windowIndex;
}

/**
 * Admits part of `offeredCount` requests arriving during tick `tick` (which
 * spans dtSeconds) and returns how many were admitted, in [0, offeredCount].
 * Mutates `state`; does not allocate.
 */
export function admit(
  state: RateLimitState,
  config: RateLimitConfig,
  offeredCount: number,
  dtSeconds: number,
  tick: number,
): number {
  let room: number;
  switch (config.algorithm) {
    case 'token-bucket': {
      const refilled = state.tokens + config.ratePerSecond * dtSeconds;
      state.tokens = refilled < config.burst ? refilled : config.burst;
      room = state.tokens;
      break;
    }
    case 'fixed-window': {
      const perWindow = ticksPerWindow(config.windowSeconds, dtSeconds);
      advanceWindow(state, Math.floor(tick / perWindow));
      room = config.ratePerSecond * perWindow * dtSeconds - state.current;
      break;
    }
    case 'sliding-window': {
      const perWindow = ticksPerWindow(config.windowSeconds, dtSeconds);
      const windowIndex = Math.floor(tick / perWindow);
      advanceWindow(state, windowIndex);
      // Elapsed fraction at the end of this tick, by which time its requests have
      // arrived; evaluating at the start would hold a flow at exactly the limit
      // to tpw/(tpw+1) of it.
      const elapsed = (tick - windowIndex * perWindow + 1) / perWindow;
      const estimate = state.previous * (1 - elapsed) + state.current;
      room = config.ratePerSecond * perWindow * dtSeconds - estimate;
      break;
    }
  }
  // Checked after the switch: an idle tick still refills tokens and rolls windows.
  if (!(offeredCount > 0) || !(room > 0)) return 0;
  const admitted = offeredCount < room ? offeredCount : room;
  if (config.algorithm === 'token-bucket') state.tokens -= admitted;
  else state.current += admitted;
  return admitted;
}
