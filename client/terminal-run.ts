import type { CommandInput } from './cli/command-specs.js';
import { EXIT_FAILURE } from './cli/exit-codes.js';
import { UsageError } from './cli/usage-error.js';
import { createTui, type Tui } from './tui.js';

/** Signals that end the client the way q does: the terminal restored first. */
const QUIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function requireTerminal(command: string): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError(command, 'expected a terminal: stdin and stdout must be a tty');
}

/** NO_COLOR (any non-empty value) asks every program for monochrome: https://no-color.org */
function monochrome(input: CommandInput): boolean {
  return input.values.mono === true || (process.env.NO_COLOR ?? '') !== '';
}

/**
 * Runs a full-screen client in this terminal (--no-mouse and --mono as the command line says) until
 * it exits, and makes sure the terminal is given back however it ends: a quit, a signal, a bug.
 * Resolves with the reason the client gave for leaving, if it left for one.
 */
export function runInTerminal(input: CommandInput, start: (tui: Tui, exit: (error?: string) => void) => { quit(): void }): Promise<string | undefined> {
  const tui = createTui({ mouse: input.values['no-mouse'] !== true, mono: monochrome(input) });
  return new Promise((resolve) => {
    const onSignal = () => app.quit();
    const app = start(tui, (error) => {
      for (const signal of QUIT_SIGNALS) process.off(signal, onSignal);
      // blessed leaves stdin flowing; let the process end.
      process.stdin.pause();
      resolve(error);
    });
    for (const signal of QUIT_SIGNALS) process.once(signal, onSignal);
    // A bug must not leave the terminal in raw mode on the alternate screen, hiding its own report.
    process.once('uncaughtException', (e) => {
      tui.destroy();
      process.stderr.write(`nines: internal error: ${e.stack ?? e.message}\n`);
      process.exit(EXIT_FAILURE);
    });
  });
}
