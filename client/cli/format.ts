/** Decimal places of a percentage: enough to tell 99.99% from 99.999%. */
const PERCENT_DECIMALS = 3;
/** Below this, amounts keep two decimals (a fraction of a failed request is still a signal). */
const SMALL_AMOUNT = 100;

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function group(fixed: string): string {
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * A share as a percentage, rounded down so 99.9996% never shows as a perfect 100%. The epsilon
 * absorbs binary fractions (0.99 * 100 is 98.99999...). Table columns keep every decimal so
 * the points line up; prose drops trailing zeros.
 */
export function percent(share: number, options: { column?: boolean } = {}): string {
  const scale = 10 ** PERCENT_DECIMALS;
  const fixed = (Math.floor(share * 100 * scale + 1e-6) / scale).toFixed(PERCENT_DECIMALS);
  return `${options.column ? fixed : trimZeros(fixed)}%`;
}

/** A share as a whole percentage, for rough proportions such as budget spent. */
export function wholePercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export { money } from '../../shared/money.js';

/** Request counts: whole and grouped when large, two decimals when small. */
export function amount(x: number): string {
  return Math.abs(x) >= SMALL_AMOUNT ? group(Math.round(x).toFixed(0)) : trimZeros(x.toFixed(2));
}

/** Requests per second, one decimal. */
export function rate(rps: number): string {
  return group(rps.toFixed(1));
}

/** Milliseconds, one decimal. */
export function ms(x: number): string {
  return group(x.toFixed(1));
}

/** A level's length: whole minutes as minutes, otherwise seconds. */
export function duration(seconds: number): string {
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** Month names as people write them in dates: "2 Dec 18:42". */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A moment as a person reads it, in local time: "2 Dec 18:42", with the year when it is not this one. */
export function readableDate(at: Date, now: Date = new Date()): string {
  const year = at.getFullYear() === now.getFullYear() ? '' : ` ${at.getFullYear()}`;
  const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return `${at.getDate()} ${MONTHS[at.getMonth()]}${year} ${time}`;
}
