import { describe, expect, it } from 'vitest';
import { CHAPTERS, CONCEPTS, conceptById } from '../../shared/concepts.js';
import { syllabus } from '../../shared/syllabus.js';
import { curriculumLevel } from '../helpers/level-plans.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../client/cli/run-cli.js';

const levels = readdirSync(join(ROOT, 'levels'))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .map((f) => curriculumLevel(f.replace(/\.json$/, '')));

describe('the concepts of the syllabus', () => {
  it('have unique ids, a known chapter, and a definition of at most two short lines', () => {
    expect(new Set(CONCEPTS.map((c) => c.id)).size).toBe(CONCEPTS.length);
    for (const c of CONCEPTS) {
      expect(CHAPTERS.map((ch) => ch.id)).toContain(c.chapter);
      expect(c.definition.length, c.id).toBeLessThanOrEqual(160);
      expect(c.definition, c.id).toMatch(/\.$/);
    }
  });

  it('every concept marked played is taught by at least one level, and a planned one says what it waits for', () => {
    const rows = syllabus(levels);
    for (const r of rows) {
      if (r.status === 'played') expect(r.levels.map((l) => l.id), `${r.concept} is marked played but no level tags it`).not.toEqual([]);
      if (r.status === 'planned') expect(r.planned, r.concept).toBeTruthy();
    }
  });

  it('a level tags only concepts a mechanic plays (not planned or text-only ones)', () => {
    for (const l of levels) for (const id of l.concepts) expect(conceptById(id)?.status, `${l.id} tags ${id}`).toBe('played');
  });

  it('every level has a chapter; every curriculum level tags at least one concept and has a difficulty', () => {
    for (const l of levels) {
      expect(l.chapter, l.id).toBeDefined();
      if (l.order !== undefined) {
        expect(l.concepts.length, l.id).toBeGreaterThan(0);
        expect(l.difficulty, l.id).toBeDefined();
      }
    }
  });

  it('every chapter but the sandbox has concepts', () => {
    for (const ch of CHAPTERS.filter((x) => x.id !== 'sandbox')) expect(CONCEPTS.some((c) => c.chapter === ch.id), ch.id).toBe(true);
  });
});
