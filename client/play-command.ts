import { botCountOption, strategyOption } from './cli/bot.js';
import type { CommandInput } from './cli/command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from './cli/exit-codes.js';
import { difficultyOption } from './cli/option-values.js';
import { UsageError } from './cli/usage-error.js';
import { listLevels, resolveLevel } from '../server/levels-store.js';
import type { Level } from '../shared/level.js';
import { DEFAULTS } from '../server/limits.js';
import { App } from './app.js';
import { startEmbeddedServer } from './embedded-server.js';
import { Progress, stateDir } from './progress.js';
import { requireTerminal, runInTerminal } from './terminal-run.js';
import { tipStore } from './tips.js';

const COMMAND = 'nines play';
/** Game speed range of --speed: slower than real time is no game, much faster is no longer one either. */
const MIN_SPEED = 0.1;
const MAX_SPEED = 100;
/** Most opponent bots: the room seats the player too. */
const MAX_SOLO_BOTS = DEFAULTS.MAX_PLAYERS_PER_ROOM - 1;

/** `--speed <x>` of a game shown in the terminal: play's, and replay's. */
export function speedOption(raw: string | undefined, command = COMMAND): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < MIN_SPEED || n > MAX_SPEED) throw new UsageError(command, `--speed: expected a positive number, from ${MIN_SPEED} to ${MAX_SPEED}, got "${raw}"`);
  return n;
}

/** `nines play` (and `nines` alone in a terminal): solo play, through a game server in this process. */
export async function run(input: CommandInput): Promise<number> {
  const levelArg = typeof input.values.level === 'string' ? input.values.level : undefined;
  const start = levelArg === undefined ? undefined : resolveLevel(levelArg);
  const speed = speedOption(typeof input.values.speed === 'string' ? input.values.speed : undefined);
  const bots = {
    count: botCountOption(COMMAND, 'bots', typeof input.values.bots === 'string' ? input.values.bots : undefined, { min: 0, max: MAX_SOLO_BOTS, fallback: 0 }),
    strategy: strategyOption(COMMAND, 'bot-strategy', typeof input.values['bot-strategy'] === 'string' ? input.values['bot-strategy'] : undefined),
  };
  const difficulty = difficultyOption(COMMAND, typeof input.values.difficulty === 'string' ? input.values.difficulty : undefined);
  // A bad option is named first, terminal or not.
  requireTerminal(COMMAND);
  let levels: Level[] | undefined;
  const curriculum = () => {
    if (levels) return levels;
    levels = listLevels().levels;
    if (start && !levels.some((l) => l.id === start.id)) levels.push(start);
    return levels;
  };
  const progress = new Progress(stateDir());
  const server = await startEmbeddedServer(speed, bots, difficulty);
  const error = await runInTerminal(input, (tui, exit) => new App({
    tui,
    mode: {
      type: 'solo', levels: curriculum, ...(start ? { start } : {}),
      newSession: (level) => server.session(level),
      completed: () => progress.completed(),
      bests: () => progress.bests(),
      record: (id, result) => progress.record(id, result),
    },
    exit,
    guide: input.values['no-guide'] !== true,
    tips: tipStore(input),
  }));
  await server.close();
  for (const line of server.errors()) process.stderr.write(line);
  if (error !== undefined) process.stderr.write(`${COMMAND}: ${error}\n`);
  return error === undefined && !server.errors().length ? EXIT_OK : EXIT_FAILURE;
}
