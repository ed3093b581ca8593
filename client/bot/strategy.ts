import type { Action } from '../../shared/action.js';
import { applyAction } from '../../shared/architecture.js';
import type { Level } from '../../shared/level.js';
import type { LevelRuntime } from '../../shared/level-runtime.js';
import type { Random } from '../../shared/random.js';
import type { GameState, NodeState } from '../../shared/state.js';

/** What a bot knows when it decides: the round's level and its own architecture as last told. */
export interface BotView {
  level: Level;
  rt: LevelRuntime;
  /** The player's state as the session shows it (its game tick is `state.tick`); never changed. */
  state: Readonly<GameState>;
}

/**
 * A bot's way of playing: what to send now, given what it sees. Pure: the same view and the same
 * random draws give the same actions, and the view is left as it was.
 */
export type Strategy = (view: BotView, random: Random) => Action[];

/** A node with its own config and warming units; spreading the node as it is keeps its kind and config together. */
function ownCopy<N extends NodeState>(n: N): N {
  return { ...n, config: { ...n.config }, warming: n.warming.map((w): [number, number] => [w[0], w[1]]) };
}

/** The state's parts the rules change, copied deep enough that applying actions to the copy leaves the original alone. */
function planningCopy(state: Readonly<GameState>): GameState {
  const nodes = state.nodes.map(ownCopy);
  return { ...state, nodes, links: state.links.map((l) => ({ ...l })) };
}

/**
 * Actions a strategy means to send, each checked by the rules against the state the ones before
 * it leave: whatever a draft holds, the server accepts in that order (unless the game moved on).
 */
export class Draft {
  readonly actions: Action[] = [];
  private current: GameState;

  constructor(readonly view: BotView) {
    this.current = planningCopy(view.state);
  }

  /** The state with the drafted actions applied. */
  get state(): Readonly<GameState> {
    return this.current;
  }

  /**
   * Drafts the actions if the rules accept every one of them, in order, and `accept` (if given)
   * likes the state they lead to; otherwise drafts none of them. Returns whether they were drafted.
   */
  try(actions: readonly Action[], accept?: (after: Readonly<GameState>) => boolean): boolean {
    const next = planningCopy(this.current);
    for (const a of actions) if (!applyAction(next, a, { rt: this.view.rt }).ok) return false;
    if (accept && !accept(next)) return false;
    this.current = next;
    this.actions.push(...actions);
    return true;
  }
}
