import { z } from 'zod';
import { plannedUnits } from './architecture.js';
import { kindSchema } from './catalog.js';
import type { GameState, NodeState } from './state.js';

/** Longest instruction of a guided step: one line of an 80-column screen, with `Step n/m` and the skip key. */
export const GUIDE_DO_MAX = 56;
/** Longest hint: one line of an 80-column screen, after `hint: `. */
export const GUIDE_HINT_MAX = 72;
/** Most steps a guided level declares. */
export const GUIDE_STEPS_MAX = 20;

/** A node goal names one node by id, or every node of a kind (at least one must exist). */
const target = {
  node: z.string().min(1).max(40).optional(),
  kind: kindSchema.optional(),
};

/**
 * What a step waits for, checked from the game state and from what the client shows (the selected
 * node, whether the inspector has the focus), so a step cannot be done by watching alone.
 */
export const goalSchema = z.discriminatedUnion('type', [
  /** The map's cursor is on the node. */
  z.object({ type: z.literal('select'), node: z.string().min(1).max(40) }).strict(),
  /** The node is selected and the inspector has the focus: the player is reading its numbers. */
  z.object({ type: z.literal('inspect'), node: z.string().min(1).max(40) }).strict(),
  /** The node (or every node of the kind) has at least this many units, serving or warming up. */
  z.object({ type: z.literal('units'), ...target, atLeast: z.number().int().min(1) }).strict(),
  /** The node (or every node of the kind) serves with at least this many warm units. */
  z.object({ type: z.literal('serving'), ...target, atLeast: z.number().int().min(1) }).strict(),
  /** At least this many nodes of the kind are placed. */
  z.object({ type: z.literal('place'), kind: kindSchema, atLeast: z.number().int().min(1).default(1) }).strict(),
  /** At least this many links go from nodes of one kind to nodes of another. */
  z.object({ type: z.literal('link'), from: kindSchema, to: kindSchema, atLeast: z.number().int().min(1).default(1) }).strict(),
  /** The game reached this second with availability so far at or above the level's target. */
  z.object({ type: z.literal('survive'), at: z.number().min(0) }).strict(),
]).superRefine((g, ctx) => {
  if ((g.type === 'units' || g.type === 'serving') && (g.node === undefined) === (g.kind === undefined)) {
    ctx.addIssue({ code: 'custom', message: `a ${g.type} goal names either a node or a kind, got ${g.node === undefined ? 'neither' : 'both'}` });
  }
});
export type Goal = z.infer<typeof goalSchema>;

export const guideStepSchema = z.object({
  /** What to do, as the step line says it. */
  do: z.string().min(1).max(GUIDE_DO_MAX),
  /** Where to look, as the hint line says it. */
  hint: z.string().min(1).max(GUIDE_HINT_MAX),
  goal: goalSchema,
}).strict();
export type GuideStep = z.infer<typeof guideStepSchema>;

export const guideSchema = z.array(guideStepSchema).min(1).max(GUIDE_STEPS_MAX);

/** What the client shows, which the state cannot know: passed in explicitly, so checking stays pure. */
export interface GuideFacts {
  state: Readonly<GameState>;
  /** Game seconds per tick. */
  tickSeconds: number;
  /** The level's availability target. */
  target: number;
  /** The node under the map's cursor. */
  selected: string | undefined;
  /** Whether the inspector has the focus. */
  inspecting: boolean;
}

/** Good over settled requests so far (1 before any settled). */
export function availabilitySoFar(state: Readonly<GameState>): number {
  const failed = state.totals.failed.reduce((a, b) => a + b, 0);
  const settled = state.totals.good + failed;
  return settled > 0 ? Math.min(1, state.totals.good / settled) : 1;
}

function targets(state: Readonly<GameState>, goal: { node?: string | undefined; kind?: string | undefined }): readonly NodeState[] {
  return state.nodes.filter((n) => (goal.node !== undefined ? n.id === goal.node : n.kind === goal.kind));
}

/** Every targeted node passes, and there is one at least. */
function all(nodes: readonly NodeState[], ok: (n: NodeState) => boolean): boolean {
  return nodes.length > 0 && nodes.every(ok);
}

/** Whether a goal holds now. */
export function goalHolds(goal: Goal, f: GuideFacts): boolean {
  const s = f.state;
  switch (goal.type) {
    case 'select': return f.selected === goal.node;
    case 'inspect': return f.selected === goal.node && f.inspecting;
    case 'units': return all(targets(s, goal), (n) => plannedUnits(n) >= goal.atLeast);
    case 'serving': return all(targets(s, goal), (n) => s.tick >= n.readyTick && n.units >= goal.atLeast);
    case 'place': return s.nodes.filter((n) => n.kind === goal.kind).length >= goal.atLeast;
    case 'link': {
      const kinds = new Map(s.nodes.map((n) => [n.id, n.kind]));
      return s.links.filter((l) => kinds.get(l.from) === goal.from && kinds.get(l.to) === goal.to).length >= goal.atLeast;
    }
    case 'survive': return s.tick * f.tickSeconds >= goal.at && availabilitySoFar(s) >= f.target;
  }
}

/**
 * The guide's next position: from the current step, every step whose goal holds now is done, in
 * order (a step done early, like a scale-out before it was asked, passes at once when reached).
 * `done` is the number of steps done so far; the result is never less.
 */
export function advanceGuide(steps: readonly GuideStep[], done: number, f: GuideFacts): number {
  let i = done;
  while (i < steps.length && goalHolds(steps[i]!.goal, f)) i++;
  return i;
}
