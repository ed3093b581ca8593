/** Numbers as the screens show them: short, so they fit a narrow panel. */

/** Decimals of an availability figure: enough to tell 99.9% from 99.99%. */
const AVAILABILITY_DECIMALS = 2;

/** A share as a percentage rounded down, so 99.996% never shows as a perfect 100%. */
export function percent(share: number, decimals = AVAILABILITY_DECIMALS): string {
  const scale = 10 ** decimals;
  return `${(Math.floor(share * 100 * scale + 1e-6) / scale).toFixed(decimals)}%`;
}

/** A load or ratio as a whole percentage. */
export function wholePercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * Requests per second or counts, whole as a person counts requests: 950, 1.2k, 34k, 1.5M; "<1" for
 * a few tenths (the simulation is fluid), so something that happened never reads as 0.
 */
export function compact(n: number): string {
  const a = Math.abs(n);
  // Thresholds just below the powers, so 999.7 reads 1k rather than 1000.
  if (a >= 999_500) return `${trim((n / 1e6).toFixed(a >= 9_999_500 ? 0 : 1))}M`;
  if (a >= 999.5) return `${trim((n / 1e3).toFixed(a >= 9_999.5 ? 0 : 1))}k`;
  if (n > 0 && n < 0.5) return '<1';
  return `${Math.round(n)}`;
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export { money } from '../shared/money.js';

/** Milliseconds: one decimal below 10, whole above. */
export function millis(ms: number): string {
  return ms < 10 ? `${trim(ms.toFixed(1))}ms` : `${Math.round(ms)}ms`;
}

/** A moment of the game, as minutes and seconds from its start: 0:06, 2:30. */
export function gameTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds + 1e-9));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A countdown or time left: 45s, 3:05. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds - 1e-9));
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
