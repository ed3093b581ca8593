import { applyAction, type ActionResult } from './architecture.js';
import type { Level } from './level.js';
import { prepareLevel, type LevelRuntime } from './level-runtime.js';
import { Random } from './random.js';
import { FAILURE_REASONS, type FailureReason } from './reasons.js';
import { scoreGame, type Score } from './scoring.js';
import { createEngine, type Engine } from './sim/tick.js';
import type { GameState } from './state.js';

/** A game in progress: the state that matters, and the engine that steps it. */
export interface Game {
  rt: LevelRuntime;
  engine: Engine;
  state: GameState;
}

export interface GameResult extends Score {
  /** Whether the game ran the level's whole duration: a game ended early is scored on the part played and never passes. */
  complete: boolean;
  offered: number;
  good: number;
  failed: Record<FailureReason, number>;
  cost: number;
  maliciousOffered: number;
  maliciousLeaked: number;
}

/** A new game of a level: its initial architecture is built for free and ready at once. */
export function newGame(level: Level, seed = level.seed): Game {
  const rt = prepareLevel(level);
  const state: GameState = {
    levelId: level.id, seed, tick: 0, rng: new Random(seed).state(), nodes: [], links: [], nextSeq: 0,
    built: 0, upkeep: 0, fired: [],
    totals: { offered: 0, good: 0, failed: FAILURE_REASONS.map(() => 0), maliciousOffered: 0, maliciousLeaked: 0 },
    victims: {}, failedByNode: {}, last: { offeredRps: 0, goodRps: 0, latencyMeanMs: 0, latency: { randomMean: 0, randomVar: 0, fixed: [0], weights: [1] } }, version: 0,
  };
  level.initial.forEach((action, i) => {
    const r = applyAction(state, action, { rt, free: true });
    if (!r.ok) throw new Error(`level ${level.id}: initial[${i}] (${action.type}) was refused: ${r.error.message}`);
  });
  return { rt, engine: createEngine(rt), state };
}

export function act(game: Game, action: unknown): ActionResult {
  return applyAction(game.state, action, { rt: game.rt });
}

export function advance(game: Game): void {
  game.engine.step(game.state);
}

export function isOver(game: Game): boolean {
  return game.state.tick >= game.rt.totalTicks;
}

/** The game's result so far: until its last tick, nothing is passed yet (no pass points, no stars). */
export function resultOf(game: Game): GameResult {
  const { totals, built, upkeep } = game.state;
  const cost = built + upkeep;
  const failed = totals.failed.reduce((a, b) => a + b, 0);
  const complete = isOver(game);
  // Requests still in flight when the level ends count neither way.
  const score = scoreGame(totals.good, totals.good + failed, cost, game.rt.level.target, game.rt.level.budget, complete);
  return {
    ...score,
    complete,
    offered: totals.offered,
    good: totals.good,
    failed: Object.fromEntries(FAILURE_REASONS.map((r, i) => [r, totals.failed[i]!])) as Record<FailureReason, number>,
    cost,
    maliciousOffered: totals.maliciousOffered,
    maliciousLeaked: totals.maliciousLeaked,
  };
}
