import { z } from 'zod';
import { CLASS_COUNT } from './sim/classes.js';
import { LINKABLE, MAX_LINKS, MAX_NODES, TIER_FACTOR, TIERS, type Kind } from './catalog.js';
import { KIND_FACTS, kindConfigSchema, kindsWhere, type KindConfig, type NodeConfig } from './kinds/index.js';
import { actionSchema, type Action } from './action.js';
import { RULE_ERRORS, ruleError, type RuleError } from './errors.js';
import type { LevelRuntime } from './level-runtime.js';
import { money } from './money.js';
import type { GameState, NodeState } from './state.js';

export type ActionResult = { ok: true; cost: number } | { ok: false; error: RuleError };

interface ActionContext {
  rt: LevelRuntime;
  /** Initial actions of a level are free and ready at once. */
  free?: boolean;
}

function findNode(state: GameState, id: string): NodeState | undefined {
  return state.nodes.find((n) => n.id === id);
}

export function budgetLeft(state: GameState, rt: LevelRuntime): number {
  return rt.level.budget - state.built - state.upkeep;
}

/** The issues of a parse, each at its path below the first `skip` segments. */
function zodMessage(err: z.ZodError, skip = 0): string {
  return err.issues.map((i) => `${i.path.length > skip ? i.path.slice(skip).join('.') : '(root)'}: ${i.message}`).join('; ');
}

/** A kind's configuration checked against its schema, defaults filled in; the issues are named from the config down. */
function parseConfig(kind: Kind, raw: Record<string, unknown>): { ok: true; node: KindConfig } | { ok: false; error: RuleError } {
  const parsed = kindConfigSchema.safeParse({ kind, config: raw });
  if (!parsed.success) return { ok: false, error: ruleError(RULE_ERRORS.INVALID_CONFIG, `${kind} config: ${zodMessage(parsed.error, 1)}`) };
  return { ok: true, node: parsed.data };
}

function nextFreeId(state: GameState, kind: Kind): string {
  for (let n = 1; ; n++) {
    const id = `${kind}${n}`;
    if (!findNode(state, id)) return id;
  }
}

function reaches(state: GameState, from: string, target: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const l of state.links) if (l.from === id) stack.push(l.to);
  }
  return false;
}

function emptyMetrics(): NodeState['metrics'] {
  return { arrivalRps: 0, servedRps: 0, droppedRps: 0, utilization: 0, inSystem: 0, latencyMs: 0, hitRatio: 0, blockedRps: 0, lagMs: 0 };
}

/** Units a node has or is warming up: what it costs and what scaling counts from. */
export function plannedUnits(n: NodeState): number {
  let units = n.units;
  for (const w of n.warming) units += w[1];
  return units;
}

/** The cost of one unit of a node at its tier. */
export function unitCost(rt: LevelRuntime, node: Pick<NodeState, 'kind' | 'tier'>): number {
  return rt.params[node.kind].buildCost * TIER_FACTOR[node.tier];
}

/** A replica follows the primary it names, or the oldest primary. */
function checkReplicaPrimary(state: GameState, config: NodeConfig<'replica'>): RuleError | undefined {
  if (config.primary === undefined) {
    const oldest = state.nodes.find((n) => n.kind === 'db');
    if (!oldest) return ruleError(RULE_ERRORS.INVALID_CONFIG, 'a read replica follows a database primary: place a db first');
    config.primary = oldest.id;
    return undefined;
  }
  const p = findNode(state, config.primary);
  if (!p || p.kind !== 'db') return ruleError(RULE_ERRORS.INVALID_CONFIG, `replica primary: expected the id of a db node, got "${config.primary}"`);
  return undefined;
}

/**
 * Checks an action against the rules and, only if it is valid, applies it to the state.
 * A rejected action leaves the state exactly as it was.
 */
export function applyAction(state: GameState, input: unknown, ctx: ActionContext): ActionResult {
  const parsed = actionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: ruleError(RULE_ERRORS.INVALID_ACTION, zodMessage(parsed.error)) };
  const action = parsed.data;
  const { rt } = ctx;
  if (state.tick >= rt.totalTicks) return fail(RULE_ERRORS.GAME_OVER, 'the level is over');
  const plan = planAction(state, action, ctx);
  if (!plan.ok) return plan;
  if (!ctx.free && plan.cost > budgetLeft(state, rt) + 1e-9) {
    return fail(RULE_ERRORS.INSUFFICIENT_BUDGET, `${action.type} costs ${money(plan.cost)}, budget left is ${money(budgetLeft(state, rt))}`);
  }
  plan.apply();
  if (!ctx.free) state.built += plan.cost;
  state.version++;
  return { ok: true, cost: ctx.free ? 0 : plan.cost };
}

function fail(code: RuleError['code'], message: string): { ok: false; error: RuleError } {
  return { ok: false, error: ruleError(code, message) };
}

type Planned = { ok: true; cost: number; apply: () => void } | { ok: false; error: RuleError };

function planAction(state: GameState, action: Action, ctx: ActionContext): Planned {
  const { rt } = ctx;
  const readyIn = (seconds: number) => (ctx.free ? state.tick : state.tick + Math.round(seconds / rt.dt));
  const node = 'node' in action ? findNode(state, action.node) : undefined;
  if ('node' in action && !node) return fail(RULE_ERRORS.UNKNOWN_NODE, `no node "${action.node}"; nodes are ${state.nodes.map((n) => n.id).join(', ') || '(none)'}`);
  switch (action.type) {
    case 'place': {
      if (!rt.allowed.has(action.kind)) return fail(RULE_ERRORS.KIND_NOT_ALLOWED, `this level does not allow ${action.kind}; allowed: ${[...rt.allowed].join(', ')}`);
      if (!rt.regionIndex.has(action.region)) return fail(RULE_ERRORS.UNKNOWN_REGION, `no region "${action.region}"; regions are ${[...rt.regionIndex.keys()].join(', ')}`);
      if (state.nodes.length >= MAX_NODES) return fail(RULE_ERRORS.TOO_MANY_NODES, `an architecture holds at most ${MAX_NODES} nodes`);
      const id = action.id ?? nextFreeId(state, action.kind);
      if (findNode(state, id)) return fail(RULE_ERRORS.DUPLICATE_ID, `a node "${id}" already exists`);
      const cfg = parseConfig(action.kind, action.config ?? {});
      if (!cfg.ok) return cfg;
      if (cfg.node.kind === 'replica') {
        const err = checkReplicaPrimary(state, cfg.node.config);
        if (err) return { ok: false, error: err };
      }
      const params = rt.params[action.kind];
      // One literal with every field, so that every node has the same shape and its fields stay in
      // the object (the tick reads them in its hot loops); assigning the parsed kind and config over it
      // is what types the config by the kind.
      const fresh: NodeState = Object.assign({
        id, kind: action.kind, region: action.region, seq: state.nextSeq, tier: 'small' as const, units: 1, warming: [],
        readyTick: readyIn(params.provisionSeconds), config: cfg.node.config, x: Array.from({ length: CLASS_COUNT }, () => 0),
        backlog: 0, writeRps: 0, apPending: 0, fill: 0, limiter: undefined, dnsDown: undefined, dnsPrevious: undefined, metrics: emptyMetrics(),
      }, cfg.node);
      return {
        ok: true, cost: params.buildCost,
        apply: () => { state.nodes.push(fresh); state.nextSeq++; },
      };
    }
    case 'remove': {
      const n = node!;
      return {
        ok: true, cost: 0,
        apply: () => {
          state.nodes = state.nodes.filter((x) => x !== n);
          state.links = state.links.filter((l) => l.from !== n.id && l.to !== n.id);
          for (const r of state.nodes) if (r.kind === 'replica' && r.config.primary === n.id) delete r.config.primary;
        },
      };
    }
    case 'link': {
      const from = findNode(state, action.from);
      const to = findNode(state, action.to);
      if (!from) return fail(RULE_ERRORS.UNKNOWN_NODE, `no node "${action.from}"`);
      if (!to) return fail(RULE_ERRORS.UNKNOWN_NODE, `no node "${action.to}"`);
      if (from === to) return fail(RULE_ERRORS.SELF_LINK, `${from.id} cannot call itself`);
      if (!LINKABLE[from.kind].includes(to.kind)) {
        const can = LINKABLE[from.kind];
        return fail(RULE_ERRORS.LINK_NOT_ALLOWED, `${from.kind} cannot call ${to.kind}; ${from.kind} calls ${can.length ? can.join(', ') : 'nothing'}`);
      }
      if (state.links.some((l) => l.from === from.id && l.to === to.id)) return fail(RULE_ERRORS.DUPLICATE_LINK, `${from.id} already calls ${to.id}`);
      if (state.links.length >= MAX_LINKS) return fail(RULE_ERRORS.TOO_MANY_NODES, `an architecture holds at most ${MAX_LINKS} links`);
      if (reaches(state, to.id, from.id)) return fail(RULE_ERRORS.LINK_CYCLE, `${to.id} already leads to ${from.id}: the link would close a loop`);
      return { ok: true, cost: 0, apply: () => { state.links.push({ from: from.id, to: to.id }); } };
    }
    case 'unlink': {
      const i = state.links.findIndex((l) => l.from === action.from && l.to === action.to);
      if (i < 0) return fail(RULE_ERRORS.NO_SUCH_LINK, `${action.from} does not call ${action.to}`);
      return { ok: true, cost: 0, apply: () => { state.links.splice(i, 1); } };
    }
    case 'scale': {
      const n = node!;
      if (!KIND_FACTS[n.kind].units) return fail(RULE_ERRORS.BAD_SCALE, `${n.kind} does not scale by units; scalable: ${kindsWhere((f) => f.units).join(', ')}`);
      const max = rt.params[n.kind].maxUnits;
      const planned = plannedUnits(n);
      const target = planned + action.by;
      if (target < 1 || target > max) return fail(RULE_ERRORS.BAD_SCALE, `${n.id} would have ${target} units; expected 1 to ${max}`);
      const cost = action.by > 0 ? action.by * unitCost(rt, n) : 0;
      return {
        ok: true, cost,
        apply: () => {
          if (action.by > 0) {
            if (ctx.free) n.units += action.by;
            else n.warming.push([readyIn(rt.params[n.kind].provisionSeconds), action.by]);
          } else {
            removeUnits(n, -action.by);
          }
        },
      };
    }
    case 'configure': {
      const n = node!;
      const cfg = parseConfig(n.kind, { ...n.config, ...action.config });
      if (!cfg.ok) return cfg;
      const next = cfg.node;
      if (next.kind === 'replica') {
        const err = checkReplicaPrimary(state, next.config);
        if (err) return { ok: false, error: err };
      }
      return {
        ok: true, cost: 0,
        apply: () => {
          if (n.kind === 'dns' && !ctx.free) n.dnsPrevious = { config: n.config, tick: state.tick };
          setKind(n, next);
        },
      };
    }
    case 'upgrade': {
      const n = node!;
      if (!KIND_FACTS[n.kind].tiers) return fail(RULE_ERRORS.BAD_TIER, `${n.kind} has no size tiers; tiered: ${kindsWhere((f) => f.tiers).join(', ')}`);
      const current = TIERS.indexOf(n.tier);
      const next = action.tier ?? TIERS[current + 1];
      if (next === undefined) return fail(RULE_ERRORS.BAD_TIER, `${n.id} is already ${n.tier}, the largest tier`);
      if (TIERS.indexOf(next) <= current) return fail(RULE_ERRORS.BAD_TIER, `${n.id} is ${n.tier}; expected a larger tier than that, got ${next}`);
      const units = plannedUnits(n);
      const cost = (TIER_FACTOR[next] - TIER_FACTOR[n.tier]) * rt.params[n.kind].buildCost * units;
      return { ok: true, cost, apply: () => { n.tier = next; } };
    }
    case 'promote': {
      const n = node!;
      if (n.kind !== 'replica') return fail(RULE_ERRORS.NOT_PROMOTABLE, `${n.id} is a ${n.kind}; only a read replica can be promoted`);
      const old = n.config.primary;
      return {
        ok: true, cost: 0,
        apply: () => {
          setKind(n, { kind: 'db', config: KIND_FACTS.db.config.parse({}) });
          n.backlog = 0;
          for (const r of state.nodes) if (r.kind === 'replica' && old !== undefined && r.config.primary === old) r.config.primary = n.id;
          // The old primary is fenced: it rejoins as a replica of the new one, so there is never a split brain.
          const former = old === undefined ? undefined : findNode(state, old);
          if (former && former.kind === 'db') setKind(former, { kind: 'replica', config: { primary: n.id } });
        },
      };
    }
  }
}

/** Gives a node a kind and that kind's config together (a promotion changes both). */
function setKind(n: NodeState, to: KindConfig): void {
  Object.assign(n, to);
}

/** Takes units away, the warming ones first (they cost nothing to stop). */
function removeUnits(n: NodeState, count: number): void {
  let left = count;
  while (left > 0 && n.warming.length) {
    const last = n.warming[n.warming.length - 1]!;
    const take = Math.min(left, last[1]);
    last[1] -= take;
    left -= take;
    if (last[1] === 0) n.warming.pop();
  }
  n.units -= left;
}
