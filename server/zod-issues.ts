import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** Object keys printed as `.key`; anything else is quoted in brackets. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;
/** Longest string value quoted in full in a message. */
const MAX_SHOWN_CHARS = 40;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false',
  object: 'an object', array: 'an array', tuple: 'an array', record: 'an object', null: 'null',
};

/** A JSON path as people write it: `events[2].type`, `(root)` for the whole document. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && PLAIN_KEY.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(root)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > MAX_SHOWN_CHARS ? `${v.slice(0, MAX_SHOWN_CHARS)}...` : v);
  return String(v);
}

function oneOf(values: readonly unknown[]): string {
  return values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

function sizeOf(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} items`;
  if (typeof v === 'string') return `${v.length} characters`;
  return shown(v);
}

function bound(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const relation = issue.exact ? 'exactly' : issue.inclusive ? (small ? 'at least' : 'at most') : small ? 'more than' : 'less than';
  if (issue.origin === 'array') return `expected ${relation} ${limit} items, got ${sizeOf(value)}`;
  if (issue.origin === 'string') return `expected ${relation} ${limit} characters, got ${sizeOf(value)}`;
  return `expected ${relation} ${limit}, got ${shown(value)}`;
}

/** What went wrong at the issue's path: the expected and the actual value, in words. */
function describe(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return value === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${shown(value)}`;
    }
    case 'invalid_value':
      return `expected ${oneOf(issue.values)}, got ${shown(value)}`;
    case 'invalid_union':
      if ('options' in issue && issue.options?.length) {
        return value === undefined ? `missing; expected ${oneOf(issue.options)}` : `expected ${oneOf(issue.options)}, got ${shown(value)}`;
      }
      return issue.message;
    case 'too_small':
    case 'too_big':
      return bound(issue, value);
    case 'invalid_format':
      return `${issue.message}, got ${shown(value)}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}, got ${shown(value)}`;
    default:
      return issue.message;
  }
}

/**
 * One `path: message` line per problem. `input` is the document that was parsed: zod's issues do
 * not always carry the offending value, and people fix files faster when they see it.
 */
export function formatIssues(issues: readonly Issue[], input: unknown): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => `${jsonPath([...issue.path, key])}: unknown field`)
      : [`${jsonPath(issue.path)}: ${describe(issue, valueAt(input, issue.path))}`],
  );
}
