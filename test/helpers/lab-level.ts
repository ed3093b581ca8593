import type { Kind } from '../../shared/catalog.js';
import { levelSchema, type Level, type LevelInput } from '../../shared/level.js';

/** A one-region lab level with noise off, for checking the simulation against exact values. */
export function labLevel(overrides: Partial<LevelInput> & Pick<LevelInput, 'traffic'>): Level {
  return levelSchema.parse({
    id: 'lab-test',
    title: 'lab test',
    durationSeconds: 120,
    regions: [{ id: 'here' }],
    rttMs: [[0]],
    sloMs: 60_000,
    target: 0.9,
    budget: 1e9,
    noise: false,
    ...overrides,
  });
}

export function place(kind: Kind, id: string, extra: Record<string, unknown> = {}) {
  return { type: 'place' as const, kind, region: 'here', id, ...extra };
}

export function link(from: string, to: string) {
  return { type: 'link' as const, from, to };
}
