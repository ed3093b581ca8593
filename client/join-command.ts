import type { CommandInput } from './cli/command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from './cli/exit-codes.js';
import { nameOption, roomCodeArgument } from './cli/option-values.js';
import { App } from './app.js';
import { serverUrl } from './server-address.js';
import { requireTerminal, runInTerminal } from './terminal-run.js';
import { tipStore } from './tips.js';
import { WsSession } from './ws-session.js';

const COMMAND = 'nines join';

/** `nines join <address> <CODE> --name <name>`: a seat (or, with --spectate, a view) in a hosted room. */
export async function run(input: CommandInput): Promise<number> {
  const [address = '', code = ''] = input.positionals;
  const session = new WsSession({
    url: serverUrl(COMMAND, address), room: roomCodeArgument(COMMAND, code), name: nameOption(COMMAND, 'name', input.values.name), spectate: input.values.spectate === true,
    ...(input.values.team === undefined ? {} : { team: nameOption(COMMAND, 'team', input.values.team) }),
    ...(typeof input.values['team-key'] === 'string' ? { teamKey: input.values['team-key'] } : {}),
  });
  requireTerminal(COMMAND);
  const error = await runInTerminal(input, (tui, exit) => new App({ tui, mode: { type: 'room', session }, exit, tips: tipStore(input) }));
  if (error === undefined) return EXIT_OK;
  process.stderr.write(`${COMMAND}: ${error}\n`);
  return EXIT_FAILURE;
}
