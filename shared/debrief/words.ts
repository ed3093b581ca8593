import type { Kind, KindParams } from '../catalog.js';
import type { GameEvent } from '../level.js';
import type { FailureReason } from '../reasons.js';
import { NOWHERE } from '../sim/context.js';
import { SATURATED, type Culprit } from './incidents.js';

// How the debrief says things: times as m:ss, shares as percentages, events and failures in words.

/** Game time as m:ss. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Availability as a percentage: two decimals from 99% up, where the nines are, one below. */
export function availabilityText(a: number): string {
  if (a >= 1) return '100%';
  const digits = a >= 0.99 ? 2 : 1;
  const rounded = Number((a * 100).toFixed(digits));
  // Never round up to 100%: 99.996% is not a perfect run.
  return `${rounded >= 100 ? Math.floor(a * 100 * 10 ** digits) / 10 ** digits : rounded}%`;
}

/** A share of requests as a whole percentage, "<1%" for a sliver. */
export function shareText(x: number): string {
  if (x > 0 && x < 0.005) return '<1%';
  return `${Math.round(x * 100)}%`;
}

/** A short name for an event, to say what an incident happened during. */
export function eventName(e: GameEvent): string {
  switch (e.type) {
    case 'ramp': return 'the traffic ramp';
    case 'diurnal': return 'the daily swell';
    case 'celebrity': return 'the celebrity spike';
    case 'flash-sale': return 'the flash sale';
    case 'ddos': return 'the DDoS';
    case 'node-failure': return `the ${e.kind} failure`;
    case 'zone-failure': return `the zone failure in ${e.region}`;
    case 'region-failure': return `the failure of ${e.region}`;
    case 'db-failure': return 'the database failure';
    case 'partition': return `the partition between ${e.regions[0]} and ${e.regions[1]}`;
    case 'latency': return 'the slowdown';
  }
}

/** What became of the requests that failed for a reason, after "38% of requests". */
const REASON_WORDS: Record<FailureReason, string> = {
  'overloaded': 'were shed (overloaded)',
  'timed-out': 'timed out',
  'queue-full': 'found the queue full',
  'rate-limited': 'were rate-limited',
  'node-down': 'met a node that was down',
  'no-route': 'found no route',
  'partitioned': 'were cut off by the partition',
  'stale-read': 'read stale data',
  'write-conflict': 'were writes that conflicted',
  'lost-write': 'were acknowledged writes lost in the failover',
};

/** What the component did, by the reason it failed for. */
const CONDITION_WORDS: Record<FailureReason, string> = {
  'overloaded': 'was overloaded',
  'timed-out': 'was slow',
  'queue-full': 'was full',
  'rate-limited': 'turned legitimate users away',
  'node-down': 'was down',
  'no-route': 'had nowhere to send requests',
  'partitioned': 'was cut off by the partition',
  'stale-read': 'served stale data',
  'write-conflict': 'took writes that conflicted',
  'lost-write': 'lost acknowledged writes in a failover',
};

/** A reason's share below this is left out of an incident's sentence (the main reason always stays). */
const MINOR_SHARE = 0.01;

/** The component as players know it: "db1 (database primary) in us-east". */
export function componentText(c: Pick<Culprit, 'node' | 'kind' | 'region'>, params: Readonly<Record<Kind, KindParams>>): string {
  if (c.node === NOWHERE || c.kind === undefined) return 'no entry point (requests had nowhere to go)';
  return `${c.node} (${params[c.kind].label}) in ${c.region}`;
}

/** "saturated, 100% busy", "was down"... */
export function conditionText(c: Culprit): string {
  const reason = c.reasons[0]?.reason ?? 'overloaded';
  const busy = `${Math.round(c.peakUtilization * 100)}% busy`;
  if (reason === 'overloaded' || reason === 'timed-out') return c.peakUtilization >= SATURATED ? `saturated, ${busy},` : `${CONDITION_WORDS[reason]}, ${busy},`;
  return CONDITION_WORDS[reason];
}

/** "52% of requests were shed (overloaded) and 4% timed out". */
export function reasonsText(c: Culprit): string {
  const shown = c.reasons.filter((r, i) => i === 0 || r.share >= MINOR_SHARE).slice(0, 2);
  return shown.map((r, i) => `${shareText(r.share)}${i === 0 ? ' of requests' : ''} ${REASON_WORDS[r.reason]}`).join(' and ');
}
