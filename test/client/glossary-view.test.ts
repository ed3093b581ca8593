import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../../shared/concepts.js';
import { glossaryLines, glossaryView } from '../../client/glossary-view.js';
import { curriculumLevel } from '../helpers/level-plans.js';

const levels = readdirSync(new URL('../../levels/', import.meta.url))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .map((f) => curriculumLevel(f.replace(/\.json$/, '')));
const text = (lines: ReturnType<typeof glossaryLines>) => lines.map((l) => l.map((s) => s.text).join(''));

describe('the glossary', () => {
  it('defines every concept, text-only ones included, under its chapter', () => {
    const all = text(glossaryLines(levels, undefined, 80));
    for (const c of CONCEPTS) {
      const at = all.indexOf(`  ${c.name}`);
      expect(at, c.id).toBeGreaterThan(0);
      // The definition, wrapped to the width under the name, then where it is played.
      const body: string[] = [];
      for (let i = at + 1; !all[i]!.startsWith('    played in') && !all[i]!.startsWith('    not playable') && !all[i]!.startsWith('    knowledge'); i++) body.push(all[i]!);
      expect(body.every((l) => l.length <= 80), c.id).toBe(true);
      expect(body.map((l) => l.trim()).join(' '), c.id).toBe(c.definition);
    }
    expect(all).toContain('Foundations');
    expect(all).toContain('Caching');
  });

  it('names the levels where a concept is played, and says when none plays it yet', () => {
    const queue = text(glossaryLines(levels, 'message queue', 200));
    expect(queue).toEqual(['Async and messaging', '  Message queue and workers', expect.any(String), '    played in: flash-sale']);
    expect(text(glossaryLines(levels, 'TCP', 200)).at(-1)).toBe('    knowledge to have; no level plays it');
    expect(text(glossaryLines(levels, 'circuit', 200)).at(-1)).toMatch(/^    not playable yet: /);
  });

  it('finds a term by its id or name in any case, and says so when nothing matches', () => {
    expect(text(glossaryLines(levels, 'CAP', 80))).toContain('  CAP and consistency');
    expect(text(glossaryLines(levels, 'sql-nosql', 80))).toContain('  SQL vs NoSQL');
    expect(text(glossaryLines(levels, 'kubernetes', 80))).toEqual(['No glossary entry matches "kubernetes". g lists them all.']);
  });

  it('scrolls within its lines and fills the height it is given', () => {
    const view = glossaryView(levels, undefined, 5, 80, 10);
    expect(view).toHaveLength(10);
    expect(text(view)[0]!.trimEnd()).toBe(text(glossaryLines(levels, undefined, 80))[5]);
    const end = glossaryView(levels, undefined, 10_000, 80, 10);
    expect(text(end).at(-1)!.trimEnd()).toBe(text(glossaryLines(levels, undefined, 80)).at(-1));
  });
});
