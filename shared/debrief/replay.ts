import type { Action } from '../action.js';
import { act, advance, newGame, type Game } from '../game.js';
import type { GameLog } from '../game-log.js';
import type { Level } from '../level.js';
import { createEngine } from '../sim/tick.js';

/** A game part-way through its log: the next entry to apply is `next`. */
export interface Replay {
  game: Game;
  log: GameLog;
  next: number;
}

export function startReplay(level: Level, log: GameLog): Replay {
  return { game: newGame(level, log.seed), log, next: 0 };
}

/**
 * An independent copy of a replay: the engine keeps only caches, so a copy of the state and a fresh
 * engine carry on exactly as the original would.
 */
export function forkReplay(r: Replay): Replay {
  const { rt } = r.game;
  return { game: { rt, engine: createEngine(rt), state: structuredClone(r.game.state) }, log: r.log, next: r.next };
}

/** Applies the log's entries due at the current tick, as the room did: actions through the rules, live events into the game. */
function applyDue(r: Replay): void {
  const { entries } = r.log;
  const state = r.game.state;
  while (r.next < entries.length && entries[r.next]!.tick <= state.tick) {
    const e = entries[r.next++]!;
    if ('action' in e) act(r.game, e.action);
    else state.fired.push({ ...e.event });
  }
}

/**
 * Plays on until `untilTick` (at most the log's end): the entries due at a tick apply before it runs,
 * and `observe` sees the game after each tick. It stops with the entries due at `untilTick` applied
 * and that tick not yet run: where a what-if adds its change.
 */
export function playTo(r: Replay, untilTick: number, observe?: (game: Game) => void): void {
  const end = Math.min(untilTick, r.log.endTick);
  applyDue(r);
  while (r.game.state.tick < end) {
    advance(r.game);
    observe?.(r.game);
    applyDue(r);
  }
}

/** Applies a what-if's actions now, through the rules; false when they refuse one (a kind the level does not allow, the budget). */
export function applyChange(r: Replay, actions: readonly Action[]): boolean {
  return actions.every((a) => act(r.game, a).ok);
}
