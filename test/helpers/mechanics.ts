import { z } from 'zod';
import { actionSchema, type Action, type Plan } from '../../shared/action.js';
import { KINDS, type Kind } from '../../shared/catalog.js';
import { eventSchema, type Level } from '../../shared/level.js';
import { KIND_FACTS } from '../../shared/kinds/index.js';

// Every built mechanic, read from the schemas in shared/ so that a new kind, config value, event type or
// action shows up here without anyone listing it: `kind:app`, `config:dns.policy=weighted`,
// `config:app.autoscale`, `event:diurnal`, `action:upgrade`, `background-failures`.

/** The wrapped schema of a field with a default or made optional. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
  return s;
}

/** A config field's values that change behaviour: each value of an enum, or a switch turned on. */
function fieldMechanics(kind: Kind, field: string, schema: z.ZodType): string[] {
  const s = unwrap(schema);
  // 'none' is the mechanic left out (no limiter, no standby), not one more to play.
  if (s instanceof z.ZodEnum) return s.options.filter((v) => v !== 'none').map((v) => `config:${kind}.${field}=${String(v)}`);
  if (s instanceof z.ZodBoolean) return [`config:${kind}.${field}`];
  return [];
}

/** The enum default of each config field, which a node runs with when it is placed without setting it. */
function defaultsOf(kind: Kind): Record<string, unknown> {
  return KIND_FACTS[kind].config.parse({}) as Record<string, unknown>;
}

const eventTypes = eventSchema.options.map((o) => o.shape.type.value);
const actionTypes = actionSchema.options.map((o) => o.shape.type.value);

/** Every mechanic the schemas define, sorted. */
export function allMechanics(): string[] {
  const configs = KINDS.flatMap((kind) => Object.entries(KIND_FACTS[kind].config.shape as Record<string, z.ZodType>).flatMap(([f, s]) => fieldMechanics(kind, f, s)));
  return [...KINDS.map((k) => `kind:${k}`), ...configs, ...eventTypes.map((t) => `event:${t}`), ...actionTypes.map((t) => `action:${t}`), 'background-failures'].sort();
}

/** The mechanics a config (as given, with the kind's defaults under it) turns on. */
function configMechanics(kind: Kind, config: Record<string, unknown>): string[] {
  return Object.entries(config).flatMap(([field, value]) => (value === true ? [`config:${kind}.${field}`] : typeof value === 'string' && value !== 'none' ? [`config:${kind}.${field}=${value}`] : []));
}

/** The mechanics a level uses: its setting, its events, and what its initial actions and the plan do. */
function mechanicsUsed(level: Level, plan: Plan): Set<string> {
  const used = new Set<string>([...level.events.map((e) => `event:${e.type}`), ...(level.backgroundFailures ? ['background-failures'] : [])]);
  const kindOf = new Map<string, Kind>();
  const configOf = new Map<string, Record<string, unknown>>();
  const act = (a: Action) => {
    used.add(`action:${a.type}`);
    if (a.type === 'place') {
      let id = a.id;
      for (let n = 1; id === undefined; n++) if (!kindOf.has(`${a.kind}${n}`)) id = `${a.kind}${n}`;
      kindOf.set(id, a.kind);
      configOf.set(id, { ...defaultsOf(a.kind), ...a.config });
      used.add(`kind:${a.kind}`);
    } else if (a.type === 'remove') {
      kindOf.delete(a.node);
    } else if (a.type === 'configure' && kindOf.has(a.node)) {
      configOf.set(a.node, { ...configOf.get(a.node), ...a.config });
    } else {
      return;
    }
    for (const [id, kind] of kindOf) for (const m of configMechanics(kind, configOf.get(id)!)) used.add(m);
  };
  level.initial.forEach(act);
  plan.actions.forEach((t) => act(t.action));
  return used;
}

/** Each mechanic and the levels that use it (ids in the order given). */
export function mechanicUsage(levels: readonly { level: Level; plan: Plan }[]): Map<string, string[]> {
  const usage = new Map(allMechanics().map((m) => [m, [] as string[]]));
  for (const { level, plan } of levels) for (const m of mechanicsUsed(level, plan)) usage.get(m)?.push(level.id);
  return usage;
}

/** The mechanics no level uses and that are not marked experimental, each with a line saying so. */
export function unplayed(usage: ReadonlyMap<string, readonly string[]>, experimental: Readonly<Record<string, string>>): string[] {
  return [...usage].filter(([m, ids]) => ids.length === 0 && !(m in experimental)).map(([m]) => `${m}: no curriculum level uses it, and it is not in EXPERIMENTAL`);
}
