import type { Action } from '../../../shared/action.js';
import { act, advance, newGame, type Game } from '../../../shared/game.js';
import type { Level } from '../../../shared/level.js';

export interface TimedAction {
  tick: number;
  action: Action;
}

/** The uninterrupted game: the level played alone, each action at the tick the server acked it. */
export function playAlone(level: Level, actions: readonly TimedAction[], toTick: number): Game {
  const game = newGame(level, level.seed);
  const pending = [...actions].sort((a, b) => a.tick - b.tick);
  for (;;) {
    while (pending.length && pending[0]!.tick <= game.state.tick) {
      const r = act(game, pending.shift()!.action);
      if (!r.ok) throw new Error(`replay: expected the action to be accepted, got ${r.error.code}: ${r.error.message}`);
    }
    if (game.state.tick >= toTick) return game;
    advance(game);
  }
}
