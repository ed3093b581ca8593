/**
 * Text with meaning attached, the currency between the pure views and the terminal layer. Every
 * character the views use is one cell wide (ASCII, box drawing, blocks, braille), so a string's length
 * is its width.
 */

/** What a piece of text means; the terminal layer picks its colour (or none, in monochrome). */
export type Style = 'normal' | 'muted' | 'accent' | 'ok' | 'warn' | 'bad' | 'unknown' | 'key' | 'title' | 'selected' | 'cursor';

export interface Segment {
  text: string;
  style?: Style;
}

export type Line = Segment[];

export function seg(text: string, style?: Style): Segment {
  return style ? { text, style } : { text };
}

export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

export function lineWidth(line: Line): number {
  let n = 0;
  for (const s of line) n += s.text.length;
  return n;
}

/** Cut to `width` cells. */
export function truncate(line: Line, width: number): Line {
  if (lineWidth(line) <= width) return line;
  const out: Line = [];
  let left = width;
  for (const s of line) {
    if (left <= 0) break;
    const text = s.text.length > left ? s.text.slice(0, left) : s.text;
    out.push({ ...s, text });
    left -= text.length;
  }
  return out;
}

/** Cut or pad with spaces to exactly `width` cells. */
export function fit(line: Line, width: number): Line {
  const w = lineWidth(line);
  if (w === width) return line;
  return w < width ? [...line, seg(' '.repeat(width - w))] : truncate(line, width);
}

/** Two pieces on one line: `left` at the start, `right` against the end, `left` cut first. */
export function spread(left: Line, right: Line, width: number): Line {
  const rw = Math.min(lineWidth(right), width);
  return [...fit(left, width - rw), ...truncate(right, rw)];
}

/**
 * Words laid into lines of at most `width` characters. A longer word is cut to fit (a box's cells),
 * or with `keepLongWords` gets a line of its own (printed text, where cutting would lose it).
 */
export function wrapText(text: string, width: number, keepLongWords = false): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const fitted = keepLongWords ? word : word.slice(0, width);
    if (current && current.length + 1 + word.length > width) {
      lines.push(current);
      current = fitted;
    } else {
      current = current ? `${current} ${word}` : fitted;
    }
  }
  return current ? [...lines, current] : lines;
}
