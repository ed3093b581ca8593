import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../server/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in valid JSON', () => {
    expect(findJsonSyntaxError('{ "a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {} }\n')).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 1, 9, "expected a double-quoted property name, got '}'"],
    ['[1, 2', 1, 6, "expected ',' or ']' after an array element, got the end of the file"],
    ['{\n  "a" 1\n}', 2, 7, "expected ':' after a property name, got '1'"],
    ['{"a": "b\nc"}', 1, 9, 'control character U+000A in a string; expected it escaped'],
    ['{"a": "\\q"}', 1, 8, 'bad escape in a string: expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX, got "\\\\q"'],
    ['{"a": "open', 1, 7, 'unterminated string'],
    ['{} {}', 1, 4, "expected the end of the file after the JSON value, got '{'"],
    ['{"a": 01}', 1, 8, "expected ',' or '}' after a property value, got '1'"],
  ])('locates the error in %j at %i:%i', (text, line, column, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ line, column, message });
  });

  it('agrees with JSON.parse on what is invalid', () => {
    for (const text of ['{"a": 1,}', '[1, 2', 'nul', '"\\x"', '{"a": 01}', '-', '1.', '.5']) {
      expect(() => JSON.parse(text)).toThrow();
      expect(findJsonSyntaxError(text)).toBeDefined();
    }
  });
});
