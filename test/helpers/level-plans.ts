import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSchema, type Plan } from '../../shared/action.js';
import { planLog, type GameLog } from '../../shared/game-log.js';
import { levelSchema, type Level } from '../../shared/level.js';
import { prepareLevel } from '../../shared/level-runtime.js';

const LEVELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'levels');

export function curriculumLevel(id: string): Level {
  return levelSchema.parse(JSON.parse(readFileSync(join(LEVELS_DIR, `${id}.json`), 'utf8')));
}

export function curriculumPlan(id: string, name: 'naive' | 'reference'): Plan {
  return planSchema.parse(JSON.parse(readFileSync(join(LEVELS_DIR, 'plans', `${id}.${name}.json`), 'utf8')));
}

/** A level of the curriculum played to its end by one of its plans, as a game log. */
export function playedByPlan(id: string, name: 'naive' | 'reference'): { level: Level; log: GameLog } {
  const level = curriculumLevel(id);
  return { level, log: planLog(curriculumPlan(id, name), level.seed, level.tickMs, prepareLevel(level).totalTicks) };
}
