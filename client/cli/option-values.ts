import { MAX_NAME_CHARS, nameSchema, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '../../shared/protocol.js';
import { DEFAULT_DIFFICULTY, parseDifficulty, type Difficulty } from '../../shared/difficulty.js';
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

/** Room codes are typed by people: case and surrounding spaces do not matter, the alphabet does. */
export function roomCodeArgument(command: string, raw: string): string {
  const code = raw.trim().toUpperCase();
  if (code.length !== ROOM_CODE_LENGTH || [...code].some((c) => !ROOM_CODE_ALPHABET.includes(c))) {
    throw new UsageError(command, `<CODE>: expected ${ROOM_CODE_LENGTH} letters and digits (never 0, O, 1, I or L), got "${raw}"`);
  }
  return code;
}

/** A player's or a team's name for `--<option>`, as the server accepts it. */
export function nameOption(command: string, option: string, raw: string | boolean | undefined): string {
  const parsed = nameSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(command, `--${option}: expected 1 to ${MAX_NAME_CHARS} characters, no control characters, got "${String(raw)}"`);
  return parsed.data;
}

/** `--difficulty easy|normal|hard`, normal when not given. */
export function difficultyOption(command: string, raw: string | undefined): Difficulty {
  if (raw === undefined) return DEFAULT_DIFFICULTY;
  const d = parseDifficulty(raw);
  if (typeof d === 'object') throw new UsageError(command, d.error);
  return d;
}
