import { botName, runBots, type BotResult } from '../bot/bot-runner.js';
import { isStrategyName, STRATEGY_NAMES, type StrategyName } from '../bot/strategies.js';
import { serverUrl } from '../server-address.js';
import { MAX_NAME_CHARS, nameSchema } from '../../shared/protocol.js';
import type { CommandInput } from './command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { nameOption, roomCodeArgument, seedOption, stringOption } from './option-values.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'nines bot';
/** Most bots one process runs: a load test runs several processes rather than one huge one. */
const MAX_BOTS = 1_000;
/** The strategy bots play unless told otherwise. */
const DEFAULT_STRATEGY: StrategyName = 'greedy';
/** Bots are named `<prefix>-<n>` unless told otherwise. */
const DEFAULT_PREFIX = 'bot';
/** The random strategy's seed unless told otherwise: the same run twice plays the same. */
const DEFAULT_SEED = 1;

/** A number of bots for `--<flag>`, from `min` to `max`; `fallback` when the flag is not given. */
export function botCountOption(command: string, flag: string, raw: string | undefined, range: { min: number; max: number; fallback: number }): number {
  if (raw === undefined) return range.fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < range.min || n > range.max) throw new UsageError(command, `--${flag}: expected a whole number from ${range.min} to ${range.max}, got "${raw}"`);
  return n;
}

/** A strategy's name for `--<flag>`; the default strategy when the flag is not given. */
export function strategyOption(command: string, flag: string, raw: string | undefined): StrategyName {
  if (raw === undefined) return DEFAULT_STRATEGY;
  if (!isStrategyName(raw)) throw new UsageError(command, `--${flag}: expected one of ${STRATEGY_NAMES.join(', ')}, got "${raw}"`);
  return raw;
}

/** The prefix must leave room for the biggest bot number in a name the server accepts. */
function prefixOption(raw: string | undefined, count: number): string {
  const prefix = raw ?? DEFAULT_PREFIX;
  const longest = botName(prefix, count - 1);
  const most = MAX_NAME_CHARS - (longest.length - prefix.length);
  if (prefix.trim() !== prefix || !nameSchema.safeParse(longest).success) {
    throw new UsageError(COMMAND, `--name: expected a prefix of 1 to ${most} characters, no control characters or surrounding spaces (bots are named ${botName('<prefix>', 0)}, ${botName('<prefix>', 1)}...), got "${prefix}"`);
  }
  return prefix;
}

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

/** One bot's line: its standing, or why it has none. */
function resultLine(r: BotResult): string {
  const acts = `${r.sent} action${r.sent === 1 ? '' : 's'}${r.refused ? `, ${r.refused} refused` : ''}`;
  if (r.outcome === 'results') {
    const cost = r.cost === undefined ? '' : `, cost ${Math.round(r.cost)}${r.budget === undefined ? '' : ` of ${r.budget}`}`;
    return `${r.name}: rank ${r.rank} of ${r.players}, availability ${percent(r.availability ?? 0)}, score ${r.score}${cost}, ${r.passed ? 'passed' : 'failed'} (${acts})`;
  }
  const why = { ended: 'no results', closed: 'left', stopped: 'stopped', crashed: 'crashed' }[r.outcome];
  return `${r.name}: ${why}${r.detail ? `: ${r.detail}` : ''} (${acts})`;
}

/** The run in one line: how many bots got results, passed, and their mean availability; how many were stopped or could not play. */
function summaryLine(results: readonly BotResult[], strategy: StrategyName, room: string): string {
  const rated = results.filter((r) => r.outcome === 'results');
  const stopped = results.filter((r) => r.outcome === 'stopped').length;
  const passed = rated.filter((r) => r.passed).length;
  const mean = rated.length ? rated.reduce((a, r) => a + (r.availability ?? 0), 0) / rated.length : 0;
  const others = results.length - rated.length - stopped;
  return `${results.length} ${strategy} bot${results.length === 1 ? '' : 's'} in room ${room}: ${rated.length} with results, ${passed} passed` +
    `${rated.length ? `, mean availability ${percent(mean)}` : ''}${stopped ? `; ${stopped} stopped` : ''}${others ? `; ${others} could not play` : ''}`;
}

/** What the bots wait for once seated: the host's start. */
function lobbyLine(ready: number, room: string): string {
  return `${COMMAND}: ${ready} bot${ready === 1 ? '' : 's'} ready in the lobby of room ${room}; waiting for the host to start the round`;
}

/**
 * `nines bot <address> <CODE>`: headless players in a hosted room, over the real protocol. They
 * ready up, play the round with a strategy and leave when it ends; one line per bot, then a summary.
 * Ctrl-C (or SIGTERM) makes them leave at once.
 */
export async function run(input: CommandInput): Promise<number> {
  const [address = '', code = ''] = input.positionals;
  const url = serverUrl(COMMAND, address);
  const room = roomCodeArgument(COMMAND, code);
  const count = botCountOption(COMMAND, 'count', stringOption(input, 'count'), { min: 1, max: MAX_BOTS, fallback: 1 });
  const strategy = strategyOption(COMMAND, 'strategy', stringOption(input, 'strategy'));
  const prefix = prefixOption(stringOption(input, 'name'), count);
  const seed = seedOption(COMMAND, stringOption(input, 'seed')) ?? DEFAULT_SEED;
  const rawTeam = stringOption(input, 'team');
  const team = rawTeam === undefined ? undefined : nameOption(COMMAND, 'team', rawTeam);
  const run = runBots({
    url, room, count, strategy, prefix, seed, ...(team === undefined ? {} : { team }),
    ...(stringOption(input, 'team-key') === undefined ? {} : { teamKey: stringOption(input, 'team-key')! }),
    onResult: (r) => process.stdout.write(`${resultLine(r)}\n`),
    // A status line for the person who started them (stdout stays the results, for scripts).
    onLobby: (ready) => process.stderr.write(`${lobbyLine(ready, room)}\n`),
  });
  const stop = () => run.stop();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const results = await run.done;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  process.stdout.write(`${summaryLine(results, strategy, room)}\n`);
  // A bot that could not play (no such room, a full one, a crash) fails the run; stopping one does not.
  return results.every((r) => r.outcome === 'results' || r.outcome === 'stopped') ? EXIT_OK : EXIT_FAILURE;
}
