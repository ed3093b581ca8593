import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nines, ROOT } from './run-cli.js';

describe('nines schema', () => {
  // Compared as JSON, not as text: a formatter run over levels/ must not fail the suite, a stale schema must.
  it.each(['level', 'plan'])('matches the committed levels/%s.schema.json (run npm run schema if not)', (name) => {
    const r = nines('schema', name);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'levels', `${name}.schema.json`), 'utf8')));
  });

  it('prints the level schema by default', () => {
    expect(nines('schema').stdout).toBe(nines('schema', 'level').stdout);
  });

  it('describes the input side: fields with defaults are optional', () => {
    const schema = JSON.parse(nines('schema', 'level').stdout) as { required: string[] };
    expect(schema.required).toContain('regions');
    expect(schema.required).not.toContain('tickMs');
  });
});
