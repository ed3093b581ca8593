/**
 * Money as every screen, message and report shows it: whole units, grouped (1,234), rounded down so
 * a budget left never shows money that is not there (the epsilon absorbs binary fractions).
 */
export function money(n: number): string {
  return Math.floor(n + 1e-6).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
