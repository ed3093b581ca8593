import { greedy } from './greedy.js';
import { idle } from './idle.js';
import { randomStrategy } from './random-strategy.js';
import type { Strategy } from './strategy.js';

/** The ways a bot can play, by the name `--strategy` takes. */
export const STRATEGIES = { idle, random: randomStrategy, greedy } as const satisfies Record<string, Strategy>;
export type StrategyName = keyof typeof STRATEGIES;
export const STRATEGY_NAMES = Object.keys(STRATEGIES) as StrategyName[];

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGIES, name);
}
