import { factsOf, type Kind } from '../shared/kinds/index.js';

/** A setting of a kind that a player can type or cycle through. */
export interface ConfigField {
  name: string;
  type: 'enum' | 'boolean' | 'number' | 'string';
  /** The choices of an enum (and of a boolean: false, true). */
  options: string[];
}

/** What a setting means, and the unit its number is in: the form shows them, and every field has them (a test checks). */
const FIELD_HELP: Record<string, { help: string; unit?: string }> = {
  'dns.policy': { help: 'how DNS picks a target for each user: geo (the nearest region), latency, weighted, failover' },
  'dns.ttlSeconds': { help: 'seconds resolvers keep an answer: a change reaches users over this long', unit: 's' },
  'dns.healthCheckSeconds': { help: 'seconds of failed health checks before DNS stops sending users to a dead target', unit: 's' },
  'dns.primary': { help: 'failover policy: the node id that takes the traffic while it is healthy' },
  'cdn.ttlSeconds': { help: 'seconds an edge keeps a response it cached (0: it caches nothing)', unit: 's' },
  'gateway.limiter': { help: 'the rate limiter: none, token-bucket, fixed-window or sliding-window' },
  'gateway.ratePerClient': { help: 'requests per second per client the limiter lets through', unit: 'req/s' },
  'gateway.burstPerClient': { help: 'requests a client may send at once above its rate (the token bucket size)', unit: 'req' },
  'gateway.windowSeconds': { help: 'seconds of a fixed or sliding window', unit: 's' },
  'gateway.filter': { help: 'drop known-malicious traffic (a DDoS) before it reaches what is behind' },
  'lb.algorithm': { help: 'how requests are spread over the pools it calls' },
  'app.autoscale': { help: 'add and remove instances with the load (each new one warms up first)' },
  'app.minInstances': { help: 'fewest instances the autoscaler keeps', unit: 'instances' },
  'app.maxInstances': { help: 'most instances the autoscaler adds', unit: 'instances' },
  'app.targetUtilization': { help: 'the busy share the autoscaler steers towards, 0.1 to 0.95 (0.6 is 60% busy)', unit: 'share' },
  'queue.capacity': { help: 'messages the queue holds before it answers 503', unit: 'messages' },
  'cache.ttlSeconds': { help: 'seconds an entry lives (0: until the cache evicts it, least recently used first)', unit: 's' },
  'shards.algorithm': { help: 'how keys map to shards: hash, or consistent-hash (fewer keys move when shards change)' },
  'shards.virtualNodes': { help: 'points per shard on the consistent-hash ring: more spread keys more evenly', unit: 'points' },
  'db.standby': { help: 'a standby that takes over when the primary fails: async (45 s, may lose recent writes) or sync (30 s, slower writes)' },
  'db.consistency': { help: 'in a partition: cp (writes fail) or ap (writes are taken and may conflict)' },
  'replica.primary': { help: 'the primary (node id) this replica follows' },
};

/** The help of a kind's field: "ratePerClient: requests per second per client...". */
export function fieldHelp(kind: Kind, name: string): { help: string; unit?: string } | undefined {
  return FIELD_HELP[`${kind}.${name}`];
}

/** What zod exposes of a schema to look inside it. */
interface Inspectable {
  def: { type: string; innerType?: Inspectable };
  options?: readonly string[];
}

/** The kind's settings, read from its schema in shared/ so the form and completion never fall behind the rules. */
export function configFields(kind: Kind): ConfigField[] {
  const shape: Record<string, unknown> = factsOf(kind).config.shape;
  const out: ConfigField[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    let inner = schema as Inspectable;
    while (inner.def.innerType) inner = inner.def.innerType;
    const t = inner.def.type;
    if (t === 'enum') out.push({ name, type: 'enum', options: [...(inner.options ?? [])] });
    else if (t === 'boolean') out.push({ name, type: 'boolean', options: ['false', 'true'] });
    else if (t === 'number') out.push({ name, type: 'number', options: [] });
    else if (t === 'string') out.push({ name, type: 'string', options: [] });
  }
  return out;
}

/** A typed value as the configuration wants it: numbers and booleans from their text. */
export function parseValue(field: ConfigField | undefined, text: string): unknown {
  if (field?.type === 'boolean' || (!field && (text === 'true' || text === 'false'))) return text === 'true';
  if (field?.type === 'number' || (!field && text.trim() !== '' && Number.isFinite(Number(text)))) return Number(text);
  return text;
}
