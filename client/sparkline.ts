/** Eight heights of a column, lowest first (block elements). */
const LEVELS = ['\u2581', '\u2582', '\u2583', '\u2584', '\u2585', '\u2586', '\u2587', '\u2588'];

/**
 * Values in 0..1 as one line of column heights, the newest `width` of them, right-aligned. With
 * `showAny`, a value above 0 is never drawn as low as nothing (a few failures still show).
 */
export function sparkline(values: readonly number[], width: number, showAny = false): string {
  const shown = values.slice(-width);
  const text = shown.map((v) => {
    const level = Math.max(0, Math.min(LEVELS.length - 1, Math.round(v * (LEVELS.length - 1))));
    return LEVELS[showAny && v > 0 ? Math.max(1, level) : level]!;
  }).join('');
  return text.padStart(width);
}

/** The glyph of a cell of a multi-line column chart: `fill` is how much of this cell (0..1) is covered. */
export function columnCell(fill: number): string {
  if (fill <= 0) return ' ';
  if (fill >= 1) return '\u2588';
  return LEVELS[Math.max(0, Math.min(LEVELS.length - 1, Math.floor(fill * LEVELS.length)))]!;
}
