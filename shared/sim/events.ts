import type { GameEvent } from '../level.js';

/** What the active events do to one tick: multipliers on traffic and the failures in force. */
export interface EventEffects {
  /** Multiplies all legitimate traffic (ramps, diurnal swell). */
  legit: number;
  /** Multiplies reads (celebrity spike). */
  reads: number;
  /** Share of reads that hit the hot key. */
  hotShare: number;
  /** Multiplies writes (flash sale). */
  writes: number;
  /** Malicious requests per second and their bots, per region id ('' for everywhere). */
  ddos: { region: string; rps: number; bots: number }[];
  /** Active failure and partition events with the tick they started and their place in the timeline. */
  failures: { event: GameEvent; startTick: number; index: number }[];
  /** Service-time factors. */
  slowdowns: { factor: number; kind?: string; region?: string }[];
}

export function emptyEffects(): EventEffects {
  return { legit: 1, reads: 1, hotShare: 0, writes: 1, ddos: [], failures: [], slowdowns: [] };
}

/** Linear ramp from 1 to `m` over `ramp` seconds after the start. */
function rampUp(m: number, ramp: number, elapsed: number): number {
  if (ramp <= 0 || elapsed >= ramp) return m;
  return 1 + (m - 1) * (elapsed / ramp);
}

/**
 * The combined effect of every event at time t (seconds). Events apply from `at` to `at + duration`,
 * except a ramp, whose end level stays.
 */
export function effectsAt(events: readonly GameEvent[], t: number, dt: number, out: EventEffects): EventEffects {
  out.legit = 1; out.reads = 1; out.hotShare = 0; out.writes = 1;
  // Emptied only when not empty: setting an array's length is a call into the runtime.
  if (out.ddos.length !== 0) out.ddos.length = 0;
  if (out.failures.length !== 0) out.failures.length = 0;
  if (out.slowdowns.length !== 0) out.slowdowns.length = 0;
  for (let index = 0; index < events.length; index++) {
    const e = events[index]!;
    if (t < e.at) continue;
    const elapsed = t - e.at;
    const active = elapsed < e.duration;
    switch (e.type) {
      case 'ramp':
        out.legit *= active ? e.from + (e.to - e.from) * (elapsed / e.duration) : e.to;
        break;
      case 'diurnal':
        if (active) out.legit *= 1 + e.amplitude * Math.sin((2 * Math.PI * elapsed) / e.periodSeconds);
        break;
      case 'celebrity':
        if (active) {
          const m = rampUp(e.multiplier, e.rampSeconds, elapsed);
          // The extra reads are the hot key's; the baseline keeps its usual spread.
          const hot = ((m - 1) * e.hotKeyShare) / m;
          out.hotShare = 1 - (1 - out.hotShare) * (1 - hot);
          out.reads *= m;
        }
        break;
      case 'flash-sale':
        if (active) out.writes *= rampUp(e.multiplier, e.rampSeconds, elapsed);
        break;
      case 'ddos':
        if (active) out.ddos.push({ region: e.region ?? '', rps: e.rps, bots: e.bots });
        break;
      case 'latency':
        if (active) out.slowdowns.push({ factor: e.factor, kind: e.kind, region: e.region });
        break;
      default:
        if (active) out.failures.push({ event: e, startTick: Math.round(e.at / dt), index });
    }
  }
  if (out.legit < 0) out.legit = 0;
  return out;
}

/** A readable one-line description of an event, for announcements and logs. */
export function describeEvent(e: GameEvent): string {
  if (e.label) return e.label;
  switch (e.type) {
    case 'ramp': return `traffic ramps to x${e.to} over ${e.duration}s`;
    case 'diurnal': return `daily swell of +/-${Math.round(e.amplitude * 100)}%`;
    case 'celebrity': return `celebrity spike: reads x${e.multiplier}, ${Math.round(e.hotKeyShare * 100)}% of the extra on one key`;
    case 'flash-sale': return `flash sale: writes x${e.multiplier}`;
    case 'ddos': return `DDoS: ${e.rps} req/s from ${e.bots} bots${e.region ? ` in ${e.region}` : ''}`;
    case 'node-failure': return `${e.count} ${e.kind} node(s) fail${e.region ? ` in ${e.region}` : ''}`;
    case 'zone-failure': return `an availability zone of ${e.region} fails`;
    case 'region-failure': return `region ${e.region} fails`;
    case 'db-failure': return `the database primary fails${e.region ? ` in ${e.region}` : ''}`;
    case 'partition': return `network partition between ${e.regions[0]} and ${e.regions[1]}`;
    case 'latency': return `service times x${e.factor}${e.kind ? ` on ${e.kind}` : ''}${e.region ? ` in ${e.region}` : ''}`;
  }
}
