import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { levelSchema, type Level } from '../../shared/level.js';
import { planSchema, type Plan } from '../../shared/action.js';
import { newGame } from '../../shared/game.js';
import { simulate } from '../../shared/simulate.js';

const LEVELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'levels');
const PLANS_DIR = join(LEVELS_DIR, 'plans');

/** Level files on disk: every `*.json` in levels/ except generated JSON Schemas. */
const levelFiles = readdirSync(LEVELS_DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .sort();

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function issues(err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return err.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

function loadLevel(file: string): Level {
  const parsed = levelSchema.safeParse(readJson(join(LEVELS_DIR, file)));
  if (!parsed.success) throw new Error(`${file}: ${issues(parsed.error)}`);
  return parsed.data;
}

function loadPlan(id: string, kind: 'reference' | 'naive'): Plan {
  const path = join(PLANS_DIR, `${id}.${kind}.json`);
  if (!existsSync(path)) throw new Error(`missing plan ${path}`);
  const parsed = planSchema.safeParse(readJson(path));
  if (!parsed.success) throw new Error(`${id}.${kind}.json: ${issues(parsed.error)}`);
  return parsed.data;
}

const levels = levelFiles.map((file) => ({ file, level: loadLevel(file) }));
const curriculum = levels.filter((l) => l.level.order !== undefined).sort((a, b) => a.level.order! - b.level.order!);

describe('level files', () => {
  it('there is a curriculum of at least seventeen levels and a lab level without an order', () => {
    expect(curriculum.length).toBeGreaterThanOrEqual(17);
    expect(levels.some((l) => l.level.order === undefined)).toBe(true);
  });

  it('curriculum orders are 0..n-1 without gaps or repeats', () => {
    expect(curriculum.map((l) => l.level.order)).toEqual(curriculum.map((_, i) => i));
  });

  describe.each(levelFiles)('%s', (file) => {
    const { level } = levels.find((l) => l.file === file)!;

    it('parses with levelSchema, and its id is its file name', () => {
      expect(level.id).toBe(file.replace(/\.json$/, ''));
    });

    it('is written for players: a description, 3 to 8 minutes, noise on, the generated schema referenced', () => {
      const raw = readJson(join(LEVELS_DIR, file)) as { $schema?: string };
      expect(raw.$schema).toBe('./level.schema.json');
      expect(level.description.length).toBeGreaterThan(80);
      expect(level.durationSeconds).toBeGreaterThanOrEqual(180);
      expect(level.durationSeconds).toBeLessThanOrEqual(480);
      expect(level.noise).toBe(true);
      for (const e of level.events) expect(e.at + e.duration <= level.durationSeconds || e.type === 'ramp').toBe(true);
    });

    it('its initial actions apply', () => {
      const game = newGame(level);
      expect(game.state.nodes.length).toBe(level.initial.filter((a) => a.type === 'place').length);
      expect(game.state.built).toBe(0);
    });
  });
});

describe.each(curriculum.map((l) => [l.level.id, l.level] as const))('curriculum level %s', (id, level) => {
  it('the reference plan passes on the level seed, every action accepted', () => {
    const report = simulate(level, loadPlan(id, 'reference'));
    expect(report.rejected).toEqual([]);
    expect(report.result.cost).toBeLessThanOrEqual(level.budget);
    expect(report.result.availability).toBeGreaterThanOrEqual(level.target);
    expect(report.result.passed).toBe(true);
  });

  it('the naive plan fails on availability, every action accepted', () => {
    const report = simulate(level, loadPlan(id, 'naive'));
    expect(report.rejected).toEqual([]);
    expect(report.result.passed).toBe(false);
    expect(report.result.availability).toBeLessThan(level.target);
  });
});
