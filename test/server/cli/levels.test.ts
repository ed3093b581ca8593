import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('shows the columns players choose by', () => {
    expect(nines('levels').stdout.split('\n')[0]).toMatch(/^id\s+title\s+duration\s+target\s+budget$/);
  });
});
