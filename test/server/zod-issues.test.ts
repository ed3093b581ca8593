import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { formatIssues, jsonPath } from '../../server/zod-issues.js';

describe('jsonPath', () => {
  it('writes paths as people do', () => {
    expect(jsonPath(['events', 2, 'type'])).toBe('events[2].type');
    expect(jsonPath([0, 'a'])).toBe('[0].a');
    expect(jsonPath(['overrides', 'a b'])).toBe('overrides["a b"]');
    expect(jsonPath([])).toBe('(root)');
  });
});

describe('formatIssues', () => {
  const schema = z.object({
    name: z.string(),
    size: z.number().int().min(1).max(9),
    tags: z.array(z.string()).min(1),
    kind: z.enum(['a', 'b']),
  }).strict();
  const issuesOf = (input: unknown) => {
    const r = schema.safeParse(input);
    if (r.success) throw new Error('expected the input to fail the schema');
    return formatIssues(r.error.issues, input);
  };

  it('names the expected and the actual value', () => {
    expect(issuesOf({ name: 3, size: 12, tags: [], kind: 'c', extra: true })).toEqual([
      'name: expected a string, got 3',
      'size: expected at most 9, got 12',
      'tags: expected at least 1 items, got 0 items',
      'kind: expected one of "a", "b", got "c"',
      'extra: unknown field',
    ]);
  });

  it('says a field is missing rather than that it is undefined', () => {
    expect(issuesOf({ size: 1, tags: ['x'], kind: 'a' })).toEqual(['name: missing; expected a string']);
  });
});
