import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../server/csv.js';
import { parseCsv } from '../helpers/csv-parse.js';

describe('csv', () => {
  it('quotes a field holding a comma, a quote or a line break, and doubles its quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
  });

  it('keeps numbers as numbers, negative ones included, and defuses text a spreadsheet would run as a formula', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0.449188)).toBe('0.449188');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@me')).toBe("'@me");
  });

  it('writes a byte order mark, a header row and CRLF line ends, and reads back cell for cell', () => {
    const text = toCsv(['name', 'note'], [['ada', 'a, "b"\nc'], ['bob', 42]]);
    expect(text.startsWith('\uFEFFname,note\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([['name', 'note'], ['ada', 'a, "b"\nc'], ['bob', '42']]);
  });
});
