import type { Action } from '../../shared/action.js';
import { LINKABLE, type Kind } from '../../shared/catalog.js';
import type { GameEvent } from '../../shared/level.js';
import { isKind, type GameState, type NodeState } from '../../shared/state.js';
import { projectedCost } from './greedy-model.js';
import type { BotView, Draft } from './strategy.js';

/** Share of the budget that capacity (and getting ready for announced events) may bring the projected cost to. */
export const SPEND_CEILING = 0.97;
/** Share of the budget up to which the greedy bot buys redundancy nobody asked for yet. */
export const SPARE_CEILING = 0.7;

/** One decision of the greedy bot: what it sees, what it has drafted so far, the events it knows of, and the time (s). */
export interface Turn {
  view: BotView;
  draft: Draft;
  events: GameEvent[];
  t: number;
}

/** Accepts a drafted state whose projected cost stays within the given share of the budget. */
export function within(turn: Turn, share: number): (after: Readonly<GameState>) => boolean {
  const { rt } = turn.view;
  return (after) => projectedCost(after, rt) <= share * rt.level.budget;
}

export function allowed(turn: Turn, kind: Kind): boolean {
  return turn.view.rt.allowed.has(kind);
}

/** Whether a known event is not over yet. */
export function pending(turn: Turn, e: GameEvent): boolean {
  return e.at + e.duration > turn.t;
}

/** Links from each caller and to each callee of `id`, as far as the rules let that kind call. */
export function linksAround(id: string, kind: Kind, callers: readonly Pick<NodeState, 'id' | 'kind'>[], callees: readonly NodeState[]): Action[] {
  return [
    ...callers.filter((c) => LINKABLE[c.kind].includes(kind)).map((c): Action => ({ type: 'link', from: c.id, to: id })),
    ...callees.filter((c) => LINKABLE[kind].includes(c.kind)).map((c): Action => ({ type: 'link', from: id, to: c.id })),
  ];
}

/** A node placed with `units` units: the place, then the scale for the units beyond the first. */
export function placeWithUnits(kind: Kind, region: string, id: string, units: number, config?: Record<string, unknown>): Action[] {
  return [
    { type: 'place', kind, region, id, ...(config ? { config } : {}) },
    ...(units > 1 ? [{ type: 'scale', node: id, by: units - 1 } as const] : []),
  ];
}

/** The read replicas that follow a primary. */
export function replicasOf(state: Readonly<GameState>, db: NodeState): NodeState[] {
  return state.nodes.filter((n) => isKind(n, 'replica') && n.config.primary === db.id);
}

/** Adds `by` units to a node, or as many as the budget allows. */
export function scaleWithin(turn: Turn, node: string, by: number, share: number): void {
  for (let n = by; n >= 1; n = Math.floor(n / 2)) if (turn.draft.try([{ type: 'scale', node, by: n }], within(turn, share))) return;
}
