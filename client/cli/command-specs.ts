/**
 * What each command accepts and says about itself. This module must stay free of the game's code
 * (and of zod): `nines --help` reads only it (and the server's constants), and the commands load when they run.
 */
import { MAX_CONNECTIONS_PER_ADDRESS, MAX_SEATS_PER_ADDRESS } from '../../server/limits.js';

interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  /** How usage shows the value, e.g. `<file>`; string options only. */
  value?: string;
  required?: boolean;
  help: string;
}

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

interface CommandModule {
  /** Returns the exit code. */
  run(input: CommandInput): Promise<number>;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments as usage shows them, and how many may be given. */
  args?: { usage: string; min: number; max: number };
  options: OptionSpec[];
  load(): Promise<CommandModule>;
}

/** The level `nines demo` plays unless told otherwise. */
export const DEMO_LEVEL_ID = 'tutorial';
/** The level `nines host` opens its room with unless told otherwise. */
export const DEFAULT_HOST_LEVEL = 'tutorial';
/** Where `nines host` keeps room logs and results unless told otherwise (relative to the current folder). */
export const DEFAULT_DATA_DIR = '.nines-data';

/** `--difficulty`, the same words for play, host and simulate (shared/difficulty.ts applies them). */
const DIFFICULTY_OPTION: OptionSpec = {
  name: 'difficulty', type: 'string', value: '<easy|normal|hard>',
  help: 'easy: more budget, longer warnings; hard: less budget, machines fail on their own, unannounced; normal (default): the level as written',
};

const levelOption = (required: boolean, help: string): OptionSpec => ({ name: 'level', type: 'string', value: '<id|file>', required, help });

/** How the terminal client draws: the same for playing solo and joining a room. */
const TERMINAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'no-mouse', type: 'boolean', help: 'leave the mouse to the terminal (every action has a key)' },
  { name: 'mono', type: 'boolean', help: 'no colour (as does NO_COLOR); glyphs and words still tell every state' },
  { name: 'no-tips', type: 'boolean', help: 'no first-time tips this run (T or :tips off in a game turns them off for good)' },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'play',
    summary: 'Play solo in this terminal: a level picker (the tutorial first), the game, the results. `nines` alone does this too.',
    options: [
      levelOption(false, 'play this level at once (a level id or a level file) instead of picking one'),
      ...TERMINAL_OPTIONS,
      { name: 'no-guide', type: 'boolean', help: "play the tutorial without its guided steps, scored as any level (S or :skip in the game)" },
      { name: 'speed', type: 'string', value: '<x>', help: 'run game time this many times faster than the clock (default: 1)' },
      { name: 'bots', type: 'string', value: '<n>', help: 'opponents: this many bots play each game next to you, on the leaderboard (default: 0)' },
      { name: 'bot-strategy', type: 'string', value: '<idle|random|greedy>', help: 'how the bots play (default: greedy)' },
      DIFFICULTY_OPTION,
    ],
    load: () => import('../play-command.js'),
  },
  {
    name: 'join',
    summary: 'Join a room that `nines host` serves (it prints the command to use): the lobby, the rounds, the results.',
    args: { usage: '<address> <CODE>', min: 2, max: 2 },
    options: [
      { name: 'name', type: 'string', value: '<name>', required: true, help: 'the name the room knows you by (no two players share one)' },
      { name: 'spectate', type: 'boolean', help: 'watch the room and its standings instead of playing' },
      { name: 'team', type: 'string', value: '<name>', help: 'play in this team: its members share one architecture and rank as one' },
      { name: 'team-key', type: 'string', value: '<KEY>', help: "the key of a team that exists (its members see it in the lobby); a new team gets one" },
      ...TERMINAL_OPTIONS,
    ],
    load: () => import('../join-command.js'),
  },
  {
    name: 'bot',
    summary: 'Seat headless players in a hosted room: they ready up, play the round with a strategy, leave when it ends, and each prints its result.',
    args: { usage: '<address> <CODE>', min: 2, max: 2 },
    options: [
      { name: 'count', type: 'string', value: '<n>', help: 'how many bots (default: 1; at most 1000, and a room seats 100)' },
      { name: 'strategy', type: 'string', value: '<idle|random|greedy>', help: 'idle: only ready up; random: valid random actions, spending slowly; greedy: plays by the numbers (default)' },
      { name: 'name', type: 'string', value: '<prefix>', help: 'bots are named <prefix>-1, <prefix>-2... (default: bot; give each process its own)' },
      { name: 'seed', type: 'string', value: '<n>', help: 'the random seed of the random strategy; bot i uses seed + i (default: 1)' },
      { name: 'team', type: 'string', value: '<name>', help: 'every bot joins this team: they share one architecture, which the first bot plays' },
      { name: 'team-key', type: 'string', value: '<KEY>', help: 'the key of that team, if it exists already (else the first bot makes it)' },
    ],
    load: () => import('./bot.js'),
  },
  {
    name: 'simulate',
    summary: 'Play a level headless, with a plan of timed actions, and report how it went.',
    options: [
      levelOption(true, 'a level id (see nines levels) or the path to a level file'),
      { name: 'plan', type: 'string', value: '<file>', help: 'a plan file of timed actions; without one the initial architecture plays alone' },
      { name: 'seed', type: 'string', value: '<n>', help: "the random seed, an integer from 0 to 4294967295 (default: the level's)" },
      { name: 'json', type: 'boolean', help: 'print the full report as one line of JSON instead of the summary' },
      { name: 'every', type: 'string', value: '<seconds>', help: 'game seconds between timeline entries' },
      DIFFICULTY_OPTION,
    ],
    load: () => import('./simulate.js'),
  },
  {
    name: 'replay',
    summary: 'Play a plan in the terminal UI, read-only, for a debrief: Space pauses, Left/Right seek, the results at the end.',
    options: [
      levelOption(true, 'a level id (see nines levels) or the path to a level file'),
      { name: 'plan', type: 'string', value: '<file>', required: true, help: 'the plan to play, e.g. one written by nines results --format plan' },
      { name: 'speed', type: 'string', value: '<x>', help: 'run game time this many times faster than the clock (default: 1)' },
      DIFFICULTY_OPTION,
      ...TERMINAL_OPTIONS,
    ],
    load: () => import('../replay-command.js'),
  },
  {
    name: 'levels',
    summary: 'List the levels, in curriculum order.',
    options: [],
    load: () => import('./levels.js'),
  },
  {
    name: 'syllabus',
    summary: 'For a teacher: every concept of the curriculum, its definition, and the levels that teach it.',
    options: [
      { name: 'format', type: 'string', value: '<md|csv|json>', help: 'print as Markdown (default), CSV or JSON' },
    ],
    load: () => import('./syllabus.js'),
  },
  {
    name: 'validate',
    summary: 'Check level and plan files; print ok, or every problem with its JSON path.',
    args: { usage: '<file>...', min: 1, max: Number.POSITIVE_INFINITY },
    options: [],
    load: () => import('./validate.js'),
  },
  {
    name: 'demo',
    summary: `Watch a level played headless by its reference plan (the ${DEMO_LEVEL_ID} unless told otherwise): no keys, just the lesson.`,
    options: [
      levelOption(false, `the level to play (default: ${DEMO_LEVEL_ID})`),
      { name: 'plan', type: 'string', value: '<file>', help: "the plan to play (default: the level's reference plan)" },
      { name: 'fast', type: 'boolean', help: 'print at once instead of pacing the output over about ten seconds' },
    ],
    load: () => import('./demo.js'),
  },
  {
    name: 'host',
    summary: 'Serve a game room on the network; prints its code and the command players join with.',
    options: [
      { name: 'port', type: 'string', value: '<n>', help: 'the TCP port to listen on (default: 7777; 0: any free port)' },
      { name: 'bind', type: 'string', value: '<address>', help: 'the interface to listen on (default: 127.0.0.1, this machine only; 0.0.0.0: the network)' },
      levelOption(false, `the level of the room (default: ${DEFAULT_HOST_LEVEL})`),
      { name: 'levels', type: 'string', value: '<a,b,c>', help: 'a series of levels (ids or files) played in turn: next moves along it; scores add up over the rounds, with a podium after each' },
      { name: 'seed', type: 'string', value: '<n>', help: "the random seed every player's game uses (default: the level's)" },
      { ...DIFFICULTY_OPTION, help: `every game of the room: ${DIFFICULTY_OPTION.help}` },
      { name: 'data-dir', type: 'string', value: '<dir>', help: `where room logs and results are kept; a restart on it restores the rooms (default: ${DEFAULT_DATA_DIR})` },
      { name: 'new-room', type: 'boolean', help: 'start even when a room log of the data directory cannot be restored: it is set aside (<file>.unrestorable) and a new room opens' },
      { name: 'headless', type: 'boolean', help: 'no console: print each room as one line of JSON, for scripts' },
      { name: 'log-level', type: 'string', value: '<level>', help: 'error, warn, info (default) or debug; logs go to stderr' },
      { name: 'speed', type: 'string', value: '<x>', help: 'run game time this many times faster than the clock (tests and demos; default: 1)' },
      { name: 'max-seats-per-address', type: 'string', value: '<n>', help: `seats one network address may hold in a room: raise it for a class behind one NAT (default: ${MAX_SEATS_PER_ADDRESS})` },
      { name: 'max-connections-per-address', type: 'string', value: '<n>', help: `connections one network address may open (default: ${MAX_CONNECTIONS_PER_ADDRESS})` },
    ],
    load: () => import('./host.js'),
  },
  {
    name: 'results',
    summary: 'List the games kept in a data directory, or export one (per player or team) as CSV, JSON or Markdown, with a debrief headline, or one player\'s build as a plan.',
    args: { usage: '[game]', min: 0, max: 1 },
    options: [
      { name: 'data-dir', type: 'string', value: '<dir>', help: `where nines host kept the games (default: ${DEFAULT_DATA_DIR})` },
      { name: 'format', type: 'string', value: '<csv|json|md|plan>', help: 'export as this format (default: csv); without a game, export every game kept; plan: one round\'s --player as a plan file for nines simulate' },
      { name: 'player', type: 'string', value: '<name>', help: 'with --format plan: the player (or team) whose timed actions to write' },
    ],
    load: () => import('./results.js'),
  },
  {
    name: 'schema',
    summary: 'Print the JSON Schema of level files (or plan files), for editors.',
    args: { usage: '[level|plan]', min: 0, max: 1 },
    options: [],
    load: () => import('./schema.js'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
