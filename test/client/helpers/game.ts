import type { Action } from '../../../shared/action.js';
import { act, advance, newGame, type Game } from '../../../shared/game.js';
import type { Level } from '../../../shared/level.js';
import { GameController } from '../../../client/game-controller.js';
import { GameModel } from '../../../client/game-model.js';
import type { TipStore } from '../../../client/tips.js';

/**
 * A game driven by hand: the model and controller the screen uses, fed snapshots of a game stepped
 * in the test, and the actions the controller sent.
 */
export function handGame(level: Level, o: { tips?: TipStore } = {}) {
  const game: Game = newGame(level);
  const model = new GameModel(level, 'TEST');
  const sent: Action[] = [];
  let quits = 0;
  const controller = new GameController(model, { send: (a) => sent.push(a), quit: () => { quits++; }, ...(o.tips ? { tips: o.tips } : {}) });
  const snapshot = () => {
    model.apply({ type: 'snapshot', tick: game.state.tick, state: game.state });
    controller.sync();
  };
  model.apply({ type: 'connection', state: 'connected' });
  snapshot();
  return {
    game, model, controller, sent,
    quits: () => quits,
    keys(...keys: string[]) { for (const k of keys) controller.key(k); },
    /** Applies what the controller sent, as the session would, and reports each outcome. */
    flush() {
      for (const a of sent.splice(0)) {
        const r = act(game, a);
        const outcome = model.apply(r.ok ? { type: 'ack', seq: 0, action: a, cost: r.cost } : { type: 'error', seq: 0, action: a, code: r.error.code, message: r.error.message });
        if (outcome) controller.outcome(outcome);
      }
      snapshot();
    },
    step(ticks: number) {
      for (let i = 0; i < ticks; i++) advance(game);
      snapshot();
    },
  };
}
