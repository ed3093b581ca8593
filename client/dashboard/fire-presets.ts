import { eventSchema, type GameEvent, type GameEventInput } from '../../shared/level.js';

/** An event the host can fire with one key: what the picker shows and what it sends (at once, to everyone). */
interface FirePreset {
  label: string;
  event: GameEvent;
}

const preset = (label: string, event: GameEventInput): FirePreset => ({ label, event: eventSchema.parse(event) });

/** Sensible defaults of each event type that needs no region of the level: 30 seconds, announced as it starts. */
export const FIRE_PRESETS: readonly FirePreset[] = [
  preset('ramp: traffic x3', { type: 'ramp', at: 0, duration: 30, announce: 0, from: 1, to: 3 }),
  preset('celebrity: reads x10 on a hot key', { type: 'celebrity', at: 0, duration: 30, announce: 0, multiplier: 10 }),
  preset('flash-sale: writes x5', { type: 'flash-sale', at: 0, duration: 30, announce: 0, multiplier: 5 }),
  preset('ddos: 2000 rps of bots', { type: 'ddos', at: 0, duration: 30, announce: 0, rps: 2_000 }),
  preset('node-failure: one app server', { type: 'node-failure', at: 0, duration: 30, announce: 0, kind: 'app' }),
  preset('db-failure: the primary', { type: 'db-failure', at: 0, duration: 30, announce: 0 }),
  preset('latency: service times x5', { type: 'latency', at: 0, duration: 30, announce: 0, factor: 5 }),
  preset('diurnal: +/-50% over 60 s', { type: 'diurnal', at: 0, duration: 60, announce: 0, amplitude: 0.5, periodSeconds: 60 }),
];
