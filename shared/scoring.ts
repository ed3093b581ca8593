/** Most nines the score counts (99.999%). */
export const MAX_NINES = 5;
/** Points per nine of availability. */
export const POINTS_PER_NINE = 200;
/** Points for spending nothing; they fall linearly to 0 at the whole budget. */
export const THRIFT_POINTS = 300;
/** Most stars a game earns. */
export const MAX_STARS = 3;
/** Points for passing. */
export const PASS_POINTS = 200;

/** The formula, as the README and the results screen print it. */
export const SCORE_FORMULA =
  `score = ${POINTS_PER_NINE} x nines + ${THRIFT_POINTS} x max(0, 1 - cost/budget) + ${PASS_POINTS} if passed, ` +
  `where nines = -log10(1 - availability), at most ${MAX_NINES}`;

export interface Score {
  availability: number;
  passed: boolean;
  score: number;
  stars: number;
}

export function nines(availability: number): number {
  return Math.min(MAX_NINES, -Math.log10(Math.max(10 ** -MAX_NINES, 1 - availability)));
}

/**
 * Pass: availability meets the target within budget. Stars: one for passing, one for spending at
 * most three quarters of the budget, one for failing at most half as often as the target allows.
 */
export function scoreGame(good: number, offered: number, cost: number, target: number, budget: number): Score {
  const availability = offered > 0 ? Math.min(1, good / offered) : 1;
  const passed = availability >= target && cost <= budget;
  const score = Math.round(POINTS_PER_NINE * nines(availability) + THRIFT_POINTS * Math.max(0, 1 - cost / budget) + (passed ? PASS_POINTS : 0));
  const stars = passed ? 1 + (cost <= 0.75 * budget ? 1 : 0) + (1 - availability <= (1 - target) / 2 ? 1 : 0) : 0;
  return { availability, passed, score, stars };
}
