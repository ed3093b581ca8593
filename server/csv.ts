// CSV as RFC 4180 writes it, for spreadsheets to open as is: CRLF line ends, a field quoted when it
// holds a quote, a comma or a line break, quotes doubled inside.

/** Line end RFC 4180 prescribes. */
const CRLF = '\r\n';
/** Spreadsheets read a leading byte order mark as "this file is UTF-8" (Excel needs it for accented names). */
const BYTE_ORDER_MARK = '\uFEFF';
/** Text a spreadsheet would take for a formula when it starts a cell. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean;

/**
 * One field. Text that would start a formula (a player named "=HYPERLINK(...)") gets a leading
 * apostrophe, which spreadsheets show as text; numbers stay numbers.
 */
export function csvField(value: CsvValue): string {
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: the header row, then one line per row, each cell in the header's order. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return BYTE_ORDER_MARK + [header, ...rows].map((cells) => cells.map(csvField).join(',')).join(CRLF) + CRLF;
}
