import { seg, type Line } from '../styled.js';

/** Marks of the chart's series, in rank order. */
const MARKS = ['1', '2', '3', '4', '5'];

interface RaceSeries {
  name: string;
  values: readonly number[];
}

/**
 * Availability over time of a few rows as a small multi-line chart: one mark per sample and series
 * (its rank digit), the newest sample at the right, the scale from the lowest value shown (at most
 * 90%) up to 100%. The leader is drawn last, so its mark wins a shared cell. A legend line ends it.
 */
export function raceChart(series: readonly RaceSeries[], width: number, height: number): Line[] {
  const shown = series.slice(0, MARKS.length);
  const labelWidth = 8;
  const plotWidth = Math.max(1, width - labelWidth);
  const plotHeight = Math.max(1, height - 1);
  const recent = shown.map((s) => s.values.slice(-plotWidth));
  const lo = Math.min(0.9, ...recent.flat());
  const grid: string[][] = Array.from({ length: plotHeight }, () => Array<string>(plotWidth).fill(' '));
  for (let i = recent.length - 1; i >= 0; i--) {
    const values = recent[i]!;
    const offset = plotWidth - values.length;
    values.forEach((v, x) => {
      const share = lo >= 1 ? 1 : (Math.min(1, Math.max(lo, v)) - lo) / (1 - lo);
      const y = Math.round((1 - share) * (plotHeight - 1));
      grid[y]![offset + x] = MARKS[i]!;
    });
  }
  const label = (y: number) => {
    if (y === 0) return '100.0% ';
    if (y === plotHeight - 1) return `${(lo * 100).toFixed(1)}% `;
    return '';
  };
  const lines: Line[] = grid.map((row, y) => [seg(label(y).padStart(labelWidth - 1).padEnd(labelWidth - 1) + '\u2502', 'muted'), seg(row.join(''), 'accent')]);
  lines.push([seg(' '.repeat(labelWidth)), ...shown.flatMap((s, i) => [seg(`${MARKS[i]} `, 'accent'), seg(`${s.name}  `)])]);
  return lines;
}
