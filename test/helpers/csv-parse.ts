/**
 * Reads CSV as a spreadsheet does (RFC 4180: quoted fields, doubled quotes, CRLF): rows of cells.
 * Here to check what the export writes, so it is written from the RFC, not from the writer.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field !== '' || row.length) throw new Error(`csv: expected the text to end with CRLF, got a last line "${[...row, field].join(',')}"`);
  return rows;
}

/** Rows as objects keyed by the header row's titles. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((cells) => Object.fromEntries(header!.map((title, i) => [title, cells[i]!])));
}
