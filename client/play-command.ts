import type { CommandInput } from '../server/cli/command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from '../server/cli/exit-codes.js';
import { UsageError } from '../server/cli/usage-error.js';
import { listLevels, resolveLevel } from '../server/levels-store.js';
import type { Level } from '../shared/level.js';
import { App } from './app.js';
import { LocalSession } from './local-session.js';
import { Progress, stateDir } from './progress.js';
import { createTui } from './tui.js';

/** Game speed range of --speed: slower than real time is no game, much faster is no longer one either. */
const MIN_SPEED = 0.1;
const MAX_SPEED = 100;

function speedOption(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < MIN_SPEED || n > MAX_SPEED) throw new UsageError('nines play', `--speed: expected a number from ${MIN_SPEED} to ${MAX_SPEED}, got "${raw}"`);
  return n;
}

/** NO_COLOR (any non-empty value) asks every program for monochrome: https://no-color.org */
function monochrome(input: CommandInput): boolean {
  return input.values.mono === true || (process.env.NO_COLOR ?? '') !== '';
}

/** `nines play` (and `nines` alone in a terminal): solo play in this process. */
export async function run(input: CommandInput): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('nines play', 'expected a terminal: stdin and stdout must be a tty');
  const levelArg = typeof input.values.level === 'string' ? input.values.level : undefined;
  const start = levelArg === undefined ? undefined : resolveLevel(levelArg);
  const speed = speedOption(typeof input.values.speed === 'string' ? input.values.speed : undefined);
  let levels: Level[] | undefined;
  const curriculum = () => {
    if (levels) return levels;
    levels = listLevels().levels;
    if (start && !levels.some((l) => l.id === start.id)) levels.push(start);
    return levels;
  };
  const progress = new Progress(stateDir());
  const tui = createTui({ mouse: input.values['no-mouse'] !== true, mono: monochrome(input) });
  return new Promise<number>((resolve) => {
    const app = new App({
      tui,
      levels: curriculum,
      start,
      newSession: (level) => new LocalSession(level, { speed }),
      completed: () => progress.completed(),
      markPassed: (id) => progress.markPassed(id),
      exit: () => {
        // blessed leaves stdin flowing; let the process end.
        process.stdin.pause();
        resolve(EXIT_OK);
      },
    });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => app.quit());
    // A bug must not leave the terminal in raw mode on the alternate screen, hiding its own report.
    process.once('uncaughtException', (e) => {
      tui.destroy();
      process.stderr.write(`nines: internal error: ${e.stack ?? e.message}\n`);
      process.exit(EXIT_FAILURE);
    });
  });
}
