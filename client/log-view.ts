import type { LogEntry } from './game-model.js';
import { clock } from './format.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Width of the time column. */
const TIME_WIDTH = 6;

/** The newest log lines at the bottom, each entry wrapped under its time; `scroll` entries back in history. */
export function logView(log: readonly LogEntry[], width: number, height: number, scroll = 0): Line[] {
  const end = Math.max(0, log.length - scroll);
  const lines: Line[] = [];
  // Newest first until the panel is full, so only what shows is wrapped.
  for (let i = end - 1; i >= 0 && lines.length < height; i--) {
    const e = log[i]!;
    const text = wrapText(e.text, Math.max(1, width - TIME_WIDTH));
    const entry = text.map((t, j) => [seg(j === 0 ? clock(e.t).padStart(TIME_WIDTH - 1).padEnd(TIME_WIDTH) : ' '.repeat(TIME_WIDTH), 'muted'), seg(t, e.style)]);
    lines.unshift(...entry);
  }
  const shown = lines.slice(-height).map((l) => fit(l, width));
  while (shown.length < height) shown.unshift(fit([], width));
  return shown;
}
