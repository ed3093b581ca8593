import type { Strategy } from './strategy.js';

/** Joins, readies and watches: a seat on the leaderboard that never acts (load tests, crowds). */
export const idle: Strategy = () => [];
