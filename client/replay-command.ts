import { loadPlanFile, resolveLevel } from '../server/levels-store.js';
import { applyDifficulty } from '../shared/difficulty.js';
import type { CommandInput } from './cli/command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from './cli/exit-codes.js';
import { difficultyOption, stringOption } from './cli/option-values.js';
import { App } from './app.js';
import { speedOption } from './play-command.js';
import { ReplaySession } from './replay-session.js';
import { requireTerminal, runInTerminal } from './terminal-run.js';

const COMMAND = 'nines replay';

/** `nines replay --level <id> --plan <file>`: the plan's game in the terminal UI, read-only, with pause and seek. */
export async function run(input: CommandInput): Promise<number> {
  const speed = speedOption(stringOption(input, 'speed'), COMMAND);
  const difficulty = difficultyOption(COMMAND, stringOption(input, 'difficulty'));
  const level = applyDifficulty(resolveLevel(stringOption(input, 'level')!), difficulty);
  const plan = loadPlanFile(stringOption(input, 'plan')!);
  requireTerminal(COMMAND);
  const session = new ReplaySession(level, plan, { speed, difficulty });
  const error = await runInTerminal(input, (tui, exit) => new App({ tui, mode: { type: 'room', session }, exit }));
  if (error === undefined) return EXIT_OK;
  process.stderr.write(`${COMMAND}: ${error}\n`);
  return EXIT_FAILURE;
}
