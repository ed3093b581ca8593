import { join } from 'node:path';
import type { Interface } from 'node:readline';
import { hostControlSchema, HOST_CONTROL_TYPES } from '../../shared/protocol.js';
import { FileError } from '../../server/file-error.js';
import { resolveLevel } from '../../server/levels-store.js';
import { levelsDir } from '../../server/package-root.js';
import type { GameServer } from '../../server/ws-server.js';
import { formatIssues } from '../../server/zod-issues.js';

const HELP = `commands: ${HOST_CONTROL_TYPES.join(', ')} (kick <player id>, team <player id> [team name], fire [player id] <event JSON>, next [level id]), status, quit`;

/** Turns a console line into a host control: `kick p3`, `fire {"type":"ddos",...}`, `fire p3 {...}`, `next tutorial`. */
function controlOf(line: string): unknown {
  const [word = '', ...rest] = line.trim().split(/\s+/);
  const arg = line.trim().slice(word.length).trim();
  switch (word) {
    case 'kick': return { type: 'kick', player: rest[0] };
    // `team p3 red` puts p3 in team red; `team p3` to play alone.
    case 'team': {
      const team = arg.slice((rest[0] ?? '').length).trim();
      return team ? { type: 'team', player: rest[0], team } : { type: 'team', player: rest[0] };
    }
    case 'fire': {
      // `fire {json}` fires at everyone; `fire p3 {json}` at one player's game.
      const player = arg.startsWith('{') ? undefined : rest[0];
      const json = player === undefined ? arg : arg.slice(player.length).trim();
      let event: unknown = json;
      try {
        event = JSON.parse(json);
      } catch {
        // Left as text: the schema check names what is wrong with it.
      }
      return player === undefined ? { type: 'fire', event } : { type: 'fire', event, player };
    }
    case 'next': return arg ? { type: 'next', level: arg } : { type: 'next' };
    default: return { type: word };
  }
}

/**
 * The host's controls typed into the terminal that runs `nines host`: the same controls a client with
 * the host token sends, applied to the room this server created or restored.
 */
export function hostConsole(server: GameServer, code: string, lines: Interface, print: (text: string) => void): { quit: Promise<void>; close(): void } {
  print(HELP);
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => { quit = resolve; });
  lines.on('line', (line) => {
    const word = line.trim().split(/\s+/)[0] ?? '';
    if (word === '') return;
    if (word === 'quit') return quit();
    if (word === 'status') {
      const room = server.rooms.get(code);
      if (!room) return print(`room ${code} is gone`);
      const teams = [...room.teams.values()].map((t) => `${t.name} (key ${t.key})`).join(', ');
      return print(`room ${code}: ${room.level.id}, ${room.phase} at tick ${room.tick}; players: ${[...room.seats.values()].map((s) => `${s.id} ${s.name}${s.team === undefined ? '' : ` [${s.team}]`}${s.conn === undefined ? ' (away)' : ''}`).join(', ') || '(none)'}${teams ? `; teams: ${teams}` : ''}`);
    }
    const parsed = hostControlSchema.safeParse(controlOf(line));
    if (!parsed.success) return print(`${word}: ${formatIssues(parsed.error.issues, controlOf(line)).join('; ')}; ${HELP}`);
    const control = parsed.data;
    try {
      const level = control.type === 'next' && control.level !== undefined ? resolveLevel(join(levelsDir(), `${control.level}.json`)) : undefined;
      server.rooms.input(code, { type: 'control', now: performance.now(), control, ...(level ? { level } : {}) });
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      print(e.message);
    }
  });
  return { quit: quitting, close: () => lines.close() };
}
