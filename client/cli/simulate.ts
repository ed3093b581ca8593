import { applyDifficulty } from '../../shared/difficulty.js';
import { simulate } from '../../shared/simulate.js';
import { loadPlanFile, resolveLevel } from '../../server/levels-store.js';
import type { CommandInput } from './command-specs.js';
import { EXIT_OK } from './exit-codes.js';
import { difficultyOption, flag, secondsOption, seedOption, stringOption } from './option-values.js';
import { formatReport } from './report-text.js';

const COMMAND = 'nines simulate';

export async function run(input: CommandInput): Promise<number> {
  const seed = seedOption(COMMAND, stringOption(input, 'seed'));
  const everySeconds = secondsOption(COMMAND, 'every', stringOption(input, 'every'));
  const difficulty = difficultyOption(COMMAND, stringOption(input, 'difficulty'));
  const level = applyDifficulty(resolveLevel(stringOption(input, 'level')!), difficulty);
  const planFile = stringOption(input, 'plan');
  const plan = planFile === undefined ? { actions: [] } : loadPlanFile(planFile);
  const report = simulate(level, plan, { seed, everySeconds });
  process.stdout.write(flag(input, 'json') ? `${JSON.stringify(report)}\n` : formatReport(level, report, { timeline: true }));
  return EXIT_OK;
}
