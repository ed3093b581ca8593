import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { levelSummary } from '../../../client/cli/levels.js';
import type { Level } from '../../../shared/level.js';
import { nines, ROOT } from './run-cli.js';

/** The levels on disk, read independently of the code under test. */
function levelsOnDisk(): { id: string; order?: number }[] {
  const dir = join(ROOT, 'levels');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id: string; order?: number });
}

describe('nines levels', () => {
  it('lists every level file, by order then id, whatever the current directory', () => {
    const expected = levelsOnDisk()
      .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a.id < b.id ? -1 : 1))
      .map((l) => l.id);
    const r = nines('levels');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ids = r.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(/\s+/)[0]);
    expect(ids).toEqual(expected);
  });

  it('shows the columns players choose by, and what each level is about in one line', () => {
    const lines = nines('levels').stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+chapter\s+title\s+duration\s+target\s+budget\s+about$/);
    expect(lines.find((l) => l.startsWith('tutorial '))).toMatch(/^tutorial\s+foundations\s+Tutorial: scale out/);
    expect(lines.find((l) => l.startsWith('sharding '))).toMatch(/^sharding\s+data\s+/);
    expect(lines.find((l) => l.startsWith('tutorial '))).toMatch(/\$?1,200\s+Scale out an app pool before steady growth overwhelms it$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/\S+\s+\S.{10,}$/);
  });

  it('falls back to the first sentence of the description, cut at a word, for a level without a summary', () => {
    const base = { description: 'Short first sentence. Then more.' } as Level;
    expect(levelSummary(base)).toBe('Short first sentence.');
    const long = { description: `${'word '.repeat(30)}end. More.` } as Level;
    expect(levelSummary(long)).toMatch(/^(word ){11}word\.\.\.$/);
    expect(levelSummary({ ...long, summary: 'Given' })).toBe('Given');
  });
});
