import type { Sample } from './game-model.js';
import { money, percent } from './format.js';
import { bar } from './health.js';
import { columnCell } from './sparkline.js';
import { fit, seg, spread, type Line } from './styled.js';

/** Below the target the chart shows this many times the allowed failure share, so the target sits high. */
const HEADROOM_FACTOR = 3;
/** Lines of text under the chart. */
const SUMMARY_LINES = 2;
/** Width from which the summary spells out "target". */
const WIDE_SUMMARY = 22;
/** Glyph of the target line where no column covers it. */
const TARGET_GLYPH = '-';

interface AvailabilityInput {
  samples: readonly Sample[];
  /** Availability of the game so far. */
  availability: number;
  target: number;
  cost: number;
  budget: number;
}

/** The lowest availability the chart shows: a little under the target, lower if a sample was. */
function floorOf(samples: readonly Sample[], target: number): number {
  const low = Math.min(target - HEADROOM_FACTOR * (1 - target), ...samples.map((s) => s.availability));
  return Math.max(0, low);
}

function chart(input: AvailabilityInput, width: number, height: number): Line[] {
  const shown = input.samples.slice(-width);
  const lo = floorOf(shown, input.target);
  const span = 1 - lo || 1;
  const pad = width - shown.length;
  const targetRow = Math.min(height - 1, Math.floor(((input.target - lo) / span) * height));
  const lines: Line[] = [];
  for (let r = height - 1; r >= 0; r--) {
    const line: Line = [];
    if (pad > 0) line.push(seg((r === targetRow ? TARGET_GLYPH : ' ').repeat(pad), 'muted'));
    for (const s of shown) {
      const fill = ((s.availability - lo) / span) * height - r;
      const glyph = columnCell(fill);
      line.push(glyph === ' ' && r === targetRow ? seg(TARGET_GLYPH, 'muted') : seg(glyph, s.availability >= input.target ? 'ok' : 'bad'));
    }
    lines.push(line);
  }
  return lines;
}

/** Availability second by second against the target, then the totals: availability and cost against budget. */
export function availabilityView(input: AvailabilityInput, width: number, height: number): Line[] {
  const chartHeight = Math.max(0, height - SUMMARY_LINES);
  const ok = input.availability >= input.target;
  const spent = input.cost / input.budget;
  const summary: Line[] = [
    spread([seg(ok ? '+ ' : '! ', ok ? 'ok' : 'bad'), seg(percent(input.availability), ok ? 'ok' : 'bad')], [seg(`${width >= WIDE_SUMMARY ? ' target ' : ' / '}${percent(input.target, 1)}`, 'muted')], width),
    spread([seg(`$ ${money(input.cost)}`, spent > 1 ? 'bad' : 'normal'), seg(`/${money(input.budget)} `, 'muted')], [seg(bar(spent, Math.max(0, Math.min(10, width - 16))), spent > 1 ? 'bad' : spent > 0.75 ? 'warn' : 'ok')], width),
  ];
  return [...chart(input, width, chartHeight), ...summary].slice(-height).map((l) => fit(l, width));
}
