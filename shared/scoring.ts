/** Most nines the score counts (99.999%). */
const MAX_NINES = 5;
/** Points per nine of availability. */
const POINTS_PER_NINE = 200;
/** Points for spending nothing; they fall linearly to 0 at the whole budget. */
const THRIFT_POINTS = 300;
/** Most stars a game earns. */
export const MAX_STARS = 3;
/** Points for passing. */
const PASS_POINTS = 200;

/** The formula, as the README and the results screen print it. */
export const SCORE_FORMULA =
  `score = ${POINTS_PER_NINE} x nines + ${THRIFT_POINTS} x max(0, 1 - cost/budget) + ${PASS_POINTS} if passed, ` +
  `where nines = -log10(1 - availability), at most ${MAX_NINES}`;

/** The thrift star: spend at most this share of the budget. */
const THRIFT_STAR_SHARE = 0.75;
/** The care star: fail at most this share of what the target allows. */
const CAREFUL_STAR_SHARE = 0.5;

const thriftStar = (cost: number, budget: number) => cost <= THRIFT_STAR_SHARE * budget;
const carefulStar = (availability: number, target: number) => 1 - availability <= (1 - target) * CAREFUL_STAR_SHARE;

/** What the care star asks: the availability to reach, 99.5% for a 99% target. */
function carefulAvailability(target: number): number {
  return 1 - (1 - target) * CAREFUL_STAR_SHARE;
}

/** Each star a game did not earn, as what it asks and what the game did. */
export interface MissedStar {
  star: 'pass' | 'thrift' | 'care';
  /** What was needed and what the game did, each a share: of the budget for thrift, availability otherwise. */
  needed: number;
  actual: number;
}

/** The stars a game missed, in the order they are earned; a pass missed hides the others (they need it). */
export function missedStars(s: Pick<Score, 'availability' | 'passed'> & { cost: number }, target: number, budget: number): MissedStar[] {
  if (!s.passed) return [{ star: 'pass', needed: target, actual: s.availability }];
  const missed: MissedStar[] = [];
  if (!thriftStar(s.cost, budget)) missed.push({ star: 'thrift', needed: THRIFT_STAR_SHARE, actual: s.cost / budget });
  if (!carefulStar(s.availability, target)) missed.push({ star: 'care', needed: carefulAvailability(target), actual: s.availability });
  return missed;
}

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
 * Pass: availability meets the target within budget, over the whole level (`complete`). Stars: one for
 * passing, one for spending at most three quarters of the budget, one for failing at most half as often
 * as the target allows.
 */
export function scoreGame(good: number, offered: number, cost: number, target: number, budget: number, complete = true): Score {
  const availability = offered > 0 ? Math.min(1, good / offered) : 1;
  const passed = complete && availability >= target && cost <= budget;
  const score = Math.round(POINTS_PER_NINE * nines(availability) + THRIFT_POINTS * Math.max(0, 1 - cost / budget) + (passed ? PASS_POINTS : 0));
  const stars = passed ? 1 + (thriftStar(cost, budget) ? 1 : 0) + (carefulStar(availability, target) ? 1 : 0) : 0;
  return { availability, passed, score, stars };
}
