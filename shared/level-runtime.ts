import { KINDS, paramsOf, type Kind, type KindParams } from './catalog.js';
import type { Level } from './level.js';

/** A level with what every tick needs looked up once. */
export interface LevelRuntime {
  level: Level;
  /** Tick length in seconds. */
  dt: number;
  totalTicks: number;
  regionIndex: ReadonlyMap<string, number>;
  params: Readonly<Record<Kind, KindParams>>;
  allowed: ReadonlySet<Kind>;
  /** Round trip between two regions, in seconds. */
  rtt(a: string, b: string): number;
}

export function prepareLevel(level: Level): LevelRuntime {
  const regionIndex = new Map(level.regions.map((r, i) => [r.id, i]));
  const params = Object.fromEntries(KINDS.map((k) => [k, paramsOf(k, level.overrides)])) as Record<Kind, KindParams>;
  const dt = level.tickMs / 1000;
  return {
    level,
    dt,
    totalTicks: Math.round(level.durationSeconds / dt),
    regionIndex,
    params,
    allowed: new Set(level.allowed),
    rtt(a, b) {
      const i = regionIndex.get(a);
      const j = regionIndex.get(b);
      if (i === undefined || j === undefined) return 0;
      return (level.rttMs[i]?.[j] ?? 0) / 1000;
    },
  };
}
