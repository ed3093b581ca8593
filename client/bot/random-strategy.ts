import type { Action } from '../../shared/action.js';
import { budgetLeft } from '../../shared/architecture.js';
import { LINKABLE } from '../../shared/catalog.js';
import { CONSISTENCIES, DNS_POLICIES, factsOf, LB_ALGORITHMS, LIMITERS, SHARDINGS, STANDBYS } from '../../shared/kinds/index.js';
import type { Random } from '../../shared/random.js';
import type { GameState, NodeState } from '../../shared/state.js';
import { Draft, type BotView, type Strategy } from './strategy.js';

/** Chance that a decision sends anything: a random player acts now and then, not every second. */
const ACT_CHANCE = 0.4;
/** Most of the budget left that one action may spend, and how far ahead of the clock spending may run. */
const SPEND_SHARE = 0.1;
/** Candidates drawn per decision before giving up on finding a valid, affordable one. */
const TRIES = 8;

type Maker = (state: Readonly<GameState>, view: BotView, random: Random) => Action | undefined;

function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items.length ? items[random.int(items.length)] : undefined;
}

/** A setting a player might change on a node of each kind: one field, one of its values. */
function randomConfig(node: NodeState, random: Random): Record<string, unknown> | undefined {
  switch (node.kind) {
    case 'dns': return { policy: pick(random, DNS_POLICIES) };
    case 'cdn': return { ttlSeconds: pick(random, [30, 60, 300, 3_600]) };
    case 'gateway': return random.int(2) ? { filter: random.int(2) === 1 } : { limiter: pick(random, LIMITERS), ratePerClient: pick(random, [1, 5, 10, 50]) };
    case 'lb': return { algorithm: pick(random, LB_ALGORITHMS) };
    case 'app': return { autoscale: random.int(2) === 1 };
    case 'queue': return { capacity: pick(random, [1_000, 10_000, 100_000]) };
    case 'cache': return { ttlSeconds: pick(random, [0, 30, 300]) };
    case 'shards': return { algorithm: pick(random, SHARDINGS) };
    case 'db': return random.int(2) ? { standby: pick(random, STANDBYS) } : { consistency: pick(random, CONSISTENCIES) };
    default: return undefined;
  }
}

/** Each kind of move, with how often a random player makes it. */
const MOVES: readonly { weight: number; make: Maker }[] = [
  { weight: 2, make: (_s, view, random) => {
    const kind = pick(random, view.level.allowed);
    const region = pick(random, view.level.regions)?.id;
    return kind && region ? { type: 'place', kind, region } : undefined;
  } },
  { weight: 3, make: (s, _view, random) => {
    const from = pick(random, s.nodes.filter((n) => LINKABLE[n.kind].length > 0));
    const to = from && pick(random, s.nodes.filter((n) => LINKABLE[from.kind].includes(n.kind)));
    return from && to ? { type: 'link', from: from.id, to: to.id } : undefined;
  } },
  { weight: 1, make: (s, _view, random) => {
    const l = pick(random, s.links);
    return l ? { type: 'unlink', from: l.from, to: l.to } : undefined;
  } },
  { weight: 2, make: (s, _view, random) => {
    const n = pick(random, s.nodes.filter((x) => factsOf(x.kind).units));
    return n ? { type: 'scale', node: n.id, by: random.int(3) === 0 ? -1 : 1 } : undefined;
  } },
  { weight: 2, make: (s, _view, random) => {
    const n = pick(random, s.nodes);
    const config = n && randomConfig(n, random);
    return n && config ? { type: 'configure', node: n.id, config } : undefined;
  } },
  { weight: 1, make: (s, _view, random) => {
    const n = pick(random, s.nodes.filter((x) => factsOf(x.kind).tiers));
    return n ? { type: 'upgrade', node: n.id } : undefined;
  } },
  { weight: 0.5, make: (s, _view, random) => {
    const n = pick(random, s.nodes);
    return n ? { type: 'remove', node: n.id } : undefined;
  } },
  { weight: 0.5, make: (s, _view, random) => {
    const n = pick(random, s.nodes.filter((x) => factsOf(x.kind).promotes));
    return n ? { type: 'promote', node: n.id } : undefined;
  } },
];
const TOTAL_WEIGHT = MOVES.reduce((a, m) => a + m.weight, 0);

function drawMove(random: Random): Maker {
  let x = random.next() * TOTAL_WEIGHT;
  for (const m of MOVES) {
    x -= m.weight;
    if (x < 0) return m.make;
  }
  return MOVES[MOVES.length - 1]!.make;
}

/**
 * Plays at random: now and then one action drawn from every kind of move on the nodes it has,
 * checked by the rules before it goes; it spends at most a tenth of what is left at a time, and
 * no faster than the round goes.
 */
export const randomStrategy: Strategy = (view, random) => {
  if (random.next() >= ACT_CHANCE) return [];
  const draft = new Draft(view);
  const { rt, state } = view;
  const left = budgetLeft(state, rt);
  // What the bot has spent keeps pace with the clock, a tenth of the budget ahead at most.
  const pace = rt.level.budget * Math.min(1, state.tick / rt.totalTicks + SPEND_SHARE);
  const affordable = (after: Readonly<GameState>) => {
    const cost = after.built - state.built;
    return cost === 0 || (cost <= SPEND_SHARE * left && after.built + after.upkeep <= pace);
  };
  for (let i = 0; i < TRIES; i++) {
    const action = drawMove(random)(draft.state, view, random);
    if (action && draft.try([action], affordable)) break;
  }
  return draft.actions;
};
