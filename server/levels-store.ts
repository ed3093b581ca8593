import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { planSchema, type Plan } from '../shared/action.js';
import { newGame } from '../shared/game.js';
import { levelSchema, type Level } from '../shared/level.js';
import { FileError } from './file-error.js';
import { readJsonFile } from './json-file.js';
import { levelsDir, plansDir } from './package-root.js';
import { formatIssues } from './zod-issues.js';

/** Ending of level and plan files. */
const JSON_EXTENSION = '.json';
/** Ending of the generated JSON Schema files that sit beside the levels. */
const SCHEMA_EXTENSION = '.schema.json';

function parseWith<S extends z.ZodType>(schema: S, file: string, json: unknown): z.output<S> {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new FileError(formatIssues(parsed.error.issues, json).map((line) => `${file}: ${line}`));
  return parsed.data;
}

/** The JSON Schema files generated beside the levels (`npm run schema`): neither levels nor plans. */
export function isSchemaFile(file: string): boolean {
  return file.endsWith(SCHEMA_EXTENSION);
}

/** A plan is an object with `actions` and no `regions`; anything else is treated as a level. */
export function looksLikePlan(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && 'actions' in json && !('regions' in json);
}

/**
 * A level file in the levels folder is found by its name, so the name must be `<id>.json`;
 * elsewhere (a teacher's lab file, a test fixture) the name is free.
 */
function checkFileName(file: string, level: Level): void {
  if (resolve(dirname(file)) !== levelsDir()) return;
  const expected = `${level.id}${JSON_EXTENSION}`;
  if (basename(file) !== expected) throw new FileError([`${file}: id: expected the file to be named ${expected} (the level id), got ${basename(file)}`]);
}

/** Builds the level's initial architecture, so a level that cannot even start is caught on load. */
function checkInitial(file: string, level: Level): void {
  try {
    newGame(level);
  } catch (e) {
    throw new FileError([`${file}: ${(e as Error).message}`]);
  }
}

export function levelFromJson(file: string, json: unknown): Level {
  const level = parseWith(levelSchema, file, json);
  checkFileName(file, level);
  checkInitial(file, level);
  return level;
}

export function planFromJson(file: string, json: unknown): Plan {
  return parseWith(planSchema, file, json);
}

function loadLevelFile(file: string): Level {
  return levelFromJson(file, readJsonFile(file));
}

export function loadPlanFile(file: string): Plan {
  return planFromJson(file, readJsonFile(file));
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The level files of the levels folder: `*.json` except the generated schemas, in name order. */
function levelFiles(): string[] {
  const dir = levelsDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(JSON_EXTENSION) && !isSchemaFile(name))
    .sort()
    .map((name) => join(dir, name));
}

/** `--level` takes a path to a level file, or the id of a level in the levels folder. */
export function resolveLevel(idOrFile: string): Level {
  if (isFile(idOrFile)) return loadLevelFile(idOrFile);
  const file = join(levelsDir(), `${idOrFile}${JSON_EXTENSION}`);
  if (isFile(file)) return loadLevelFile(file);
  const ids = levelFiles().map((f) => basename(f, JSON_EXTENSION));
  throw new FileError([
    `${idOrFile}: expected a level file or the id of a level in ${levelsDir()}, got neither; level ids are ${ids.join(', ') || '(none yet)'}`,
  ]);
}

/** The plan a level ships as its worked answer, when there is one. */
export function referencePlanFile(levelId: string): string | undefined {
  const file = join(plansDir(), `${levelId}.reference${JSON_EXTENSION}`);
  return isFile(file) ? file : undefined;
}

/** Curriculum order: levels with an `order` first, by it, then by id. */
function byCurriculum(a: Level, b: Level): number {
  const oa = a.order ?? Number.POSITIVE_INFINITY;
  const ob = b.order ?? Number.POSITIVE_INFINITY;
  return oa !== ob ? oa - ob : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Every level of the levels folder that loads, and the problems of those that do not. */
export function listLevels(): { levels: Level[]; problems: string[] } {
  const levels: Level[] = [];
  const problems: string[] = [];
  for (const file of levelFiles()) {
    try {
      levels.push(loadLevelFile(file));
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      problems.push(...e.problems);
    }
  }
  return { levels: levels.sort(byCurriculum), problems };
}
