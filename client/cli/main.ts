#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FileError } from '../../server/file-error.js';
import { StartupError } from '../../server/startup-error.js';
import { packageVersion } from '../../server/package-root.js';
import { COMMANDS, findCommand, type CommandSpec } from './command-specs.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { UsageError } from './usage-error.js';
import { commandHelp, mainHelp } from './usage.js';

/** How the binary names itself in messages. */
const PROGRAM = 'nines';
/** The command `nines` runs when given none in a terminal. */
const PLAY_COMMAND = 'play';

/**
 * parseArgs's messages name the bad input in their first sentence; the rest is advice about `--`
 * that does not fit a one-line error.
 */
function parseArgsProblem(e: unknown): string | undefined {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const first = (e as Error).message.split(/\.(?:\s|$)/)[0]!;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** No option is declared `multiple`, so every value is a single string or boolean. */
type ParsedArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] };

function parse(command: string, args: string[], config: Omit<ParseArgsConfig, 'args' | 'strict'>): ParsedArgs {
  try {
    return parseArgs({ ...config, args, strict: true }) as ParsedArgs;
  } catch (e) {
    const problem = parseArgsProblem(e);
    if (problem === undefined) throw e;
    throw new UsageError(command, problem);
  }
}

function argumentCount({ min, max }: NonNullable<CommandSpec['args']>): string {
  if (min === max) return `${min}`;
  return max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
}

/** Names the arguments not given, e.g. `missing <address> <CODE>`, and how many were expected. */
function missingArguments(args: NonNullable<CommandSpec['args']>, given: number): string {
  const names = args.usage.split(' ');
  const missing = names.length >= args.min ? names.slice(given, Math.max(given + 1, args.min)).join(' ') : args.usage;
  return `missing ${missing}: expected ${argumentCount(args)} argument(s), got ${given}`;
}

/**
 * A string option's value may start with a dash (`--speed -1`): parseArgs would take it for an
 * option and answer "argument is ambiguous". Joined as `--speed=-1`, the option's own check names
 * the problem.
 */
function joinDashValues(args: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const option = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

async function runCommand(spec: CommandSpec, args: string[]): Promise<number> {
  const name = `${PROGRAM} ${spec.name}`;
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const o of spec.options) options[o.name] = { type: o.type };
  const { values, positionals } = parse(name, joinDashValues(args, options), { options, allowPositionals: spec.args !== undefined });
  if (values.help) {
    process.stdout.write(commandHelp(spec));
    return EXIT_OK;
  }
  // The arguments first: they come first on the line, and the options' help assumes them.
  if (spec.args && positionals.length < spec.args.min) throw new UsageError(name, missingArguments(spec.args, positionals.length));
  if (spec.args && positionals.length > spec.args.max) {
    throw new UsageError(name, `expected ${argumentCount(spec.args)} argument(s) (${spec.args.usage}), got ${positionals.length}`);
  }
  for (const o of spec.options) {
    if (o.required && values[o.name] === undefined) throw new UsageError(name, `missing --${o.name} ${o.value ?? ''}`.trimEnd());
  }
  const command = await spec.load();
  return command.run({ values, positionals });
}

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  // Alone in a terminal, nines plays; piped or scripted, it explains itself.
  if (first === undefined && process.stdin.isTTY && process.stdout.isTTY) return runCommand(findCommand(PLAY_COMMAND)!, []);
  if (first === undefined || first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      process.stdout.write(mainHelp());
      return EXIT_OK;
    }
    const spec = findCommand(topic);
    if (!spec || rest.length > 1) throw new UsageError(PROGRAM, `help: expected one of ${COMMANDS.map((c) => c.name).join(', ')}, got "${rest.join(' ')}"`);
    process.stdout.write(commandHelp(spec));
    return EXIT_OK;
  }
  if (first.startsWith('-')) {
    const { values } = parse(PROGRAM, argv, {
      options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
      allowPositionals: false,
    });
    if (values.version && !values.help) {
      process.stdout.write(`${packageVersion()}\n`);
    } else {
      process.stdout.write(mainHelp());
    }
    return EXIT_OK;
  }
  const spec = findCommand(first);
  if (!spec) throw new UsageError(PROGRAM, `unknown command "${first}"; the commands are ${COMMANDS.map((c) => c.name).join(', ')}`);
  return runCommand(spec, rest);
}

// A reader that stops early (`nines simulate --json | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(EXIT_OK);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (e instanceof FileError || e instanceof StartupError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = EXIT_FAILURE;
    } else {
      // Not bad input but a bug in nines: the stack is what a bug report needs.
      process.stderr.write(`${PROGRAM}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = EXIT_FAILURE;
    }
  },
);
