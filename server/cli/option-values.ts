import type { CommandInput } from './command-specs.js';
import { UsageError } from './usage-error.js';

/** The largest seed a level may name; `--seed` follows the same rule. */
const MAX_SEED = 0xffffffff;

export function stringOption(input: CommandInput, name: string): string | undefined {
  const v = input.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(input: CommandInput, name: string): boolean {
  return input.values[name] === true;
}

export function seedOption(command: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > MAX_SEED) throw new UsageError(command, `--seed: expected an integer from 0 to ${MAX_SEED}, got "${raw}"`);
  return n;
}

export function secondsOption(command: string, name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(command, `--${name}: expected a number of seconds above 0, got "${raw}"`);
  return n;
}
