type Align = 'left' | 'right';

interface Column {
  title: string;
  align: Align;
}

/** Spaces between columns. */
const GAP = '  ';

/** Rows of cells as lines of text, each column as wide as its widest cell. */
export function alignRows(aligns: readonly Align[], rows: readonly (readonly string[])[]): string[] {
  const widths = aligns.map((_, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((cells) =>
    aligns
      .map((align, i) => (align === 'right' ? (cells[i] ?? '').padStart(widths[i]!) : (cells[i] ?? '').padEnd(widths[i]!)))
      .join(GAP)
      .trimEnd(),
  );
}

/** A plain-text table: the titles, then the rows. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  return alignRows(columns.map((c) => c.align), [columns.map((c) => c.title), ...rows]);
}
