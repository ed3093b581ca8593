import type { CommandInput } from '../server/cli/command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from '../server/cli/exit-codes.js';
import { UsageError } from '../server/cli/usage-error.js';
import { MAX_NAME_CHARS, nameSchema, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '../shared/protocol.js';
import { App } from './app.js';
import { serverUrl } from './server-address.js';
import { requireTerminal, runInTerminal } from './terminal-run.js';
import { WsSession } from './ws-session.js';

const COMMAND = 'nines join';

/** Room codes are typed by people: case and surrounding spaces do not matter, the alphabet does. */
function roomCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (code.length !== ROOM_CODE_LENGTH || [...code].some((c) => !ROOM_CODE_ALPHABET.includes(c))) {
    throw new UsageError(COMMAND, `<CODE>: expected ${ROOM_CODE_LENGTH} letters and digits (never 0, O, 1, I or L), got "${raw}"`);
  }
  return code;
}

/** A player's or a team's name, as the server accepts it. */
function nameOption(option: string, raw: string | boolean | undefined): string {
  const parsed = nameSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(COMMAND, `--${option}: expected 1 to ${MAX_NAME_CHARS} characters, no control characters, got "${String(raw)}"`);
  return parsed.data;
}

/** `nines join <address> <CODE> --name <name>`: a seat (or, with --spectate, a view) in a hosted room. */
export async function run(input: CommandInput): Promise<number> {
  const [address = '', code = ''] = input.positionals;
  const session = new WsSession({
    url: serverUrl(COMMAND, address), room: roomCode(code), name: nameOption('name', input.values.name), spectate: input.values.spectate === true,
    ...(input.values.team === undefined ? {} : { team: nameOption('team', input.values.team) }),
  });
  requireTerminal(COMMAND);
  const error = await runInTerminal(input, (tui, exit) => new App({ tui, mode: { type: 'room', session }, exit }));
  if (error === undefined) return EXIT_OK;
  process.stderr.write(`${COMMAND}: ${error}\n`);
  return EXIT_FAILURE;
}
