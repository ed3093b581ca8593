import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createTui } from '../tui.js';
import { DEFAULTS } from '../../server/limits.js';
import { resolveLevel } from '../../server/levels-store.js';
import { MAX_CONNECTIONS_PER_ADDRESS } from '../../server/limits.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../../server/logger.js';
import type { RoomSummary } from '../../server/rooms.js';
import { UNRESTORABLE_SUFFIX } from '../../server/room-restore.js';
import { StartupError } from '../../server/startup-error.js';
import { startServer, UnrestorableRoomsError, type GameServer } from '../../server/ws-server.js';
import { DEFAULT_DATA_DIR, DEFAULT_HOST_LEVEL, type CommandInput } from './command-specs.js';
import { EXIT_OK } from './exit-codes.js';
import { hostConsole } from './host-console.js';
import { DashboardLog, hostDashboard } from './host-dashboard.js';
import { difficultyOption, flag, seedOption, stringOption } from './option-values.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'nines host';
/** Addresses that mean every interface: players need a real one. */
const ANY_ADDRESS = new Set(['0.0.0.0', '::']);

function portOption(raw: string | undefined): number {
  if (raw === undefined) return DEFAULTS.PORT;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65_535) throw new UsageError(COMMAND, `--port: expected a port number from 0 to 65535 (0: any free port), got "${raw}"`);
  return n;
}

function speedOption(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1_000) throw new UsageError(COMMAND, `--speed: expected a positive number, at most 1000, got "${raw}"`);
  return n;
}

/** A per-address cap: a whole number, at least 1. */
function capOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100_000) throw new UsageError(COMMAND, `--${name}: expected a whole number from 1 to 100000, got "${raw}"`);
  return n;
}

function logLevelOption(raw: string | undefined): LogLevel {
  if (raw === undefined) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new UsageError(COMMAND, `--log-level: expected one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return raw as LogLevel;
}

/** The address players on the network can reach: the first external IPv4 when bound to all interfaces. */
function publicAddress(bind: string): string {
  if (!ANY_ADDRESS.has(bind)) return bind.includes(':') ? `[${bind}]` : bind;
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return '127.0.0.1';
}

interface RoomLine {
  room: string;
  level: string;
  address: string;
  join: string;
  restored: boolean;
  phase: RoomSummary['phase'];
  tick: number;
  /** Only for a room created now: a restored room's host token is the one printed when it was created. */
  hostToken?: string;
}

function describeRoom(r: RoomLine): string {
  const lines = [
    `Room ${r.room}: ${r.level}${r.restored ? `, restored at tick ${r.tick} (${r.phase})` : ''}`,
    `  players join with:  ${r.join}`,
  ];
  if (r.hostToken) lines.push(`  host token (keep it to yourself; it gives the host controls): ${r.hostToken}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Resolves at the first SIGINT or SIGTERM. Listening starts before the host prints its room, so a
 * signal sent as soon as the room line is read still shuts the server down cleanly.
 */
function signalled(): { received: Promise<void>; dispose: () => void } {
  let dispose = () => {};
  const received = new Promise<void>((resolve) => {
    const on = () => {
      dispose();
      resolve();
    };
    dispose = () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
  return { received, dispose };
}

/** Waits for a signal (or the console's quit), then shuts the server down cleanly. */
async function untilStopped(server: GameServer, signal: ReturnType<typeof signalled>, quit: Promise<void>): Promise<void> {
  await Promise.race([signal.received, quit]);
  signal.dispose();
  await server.close();
}

export async function run(input: CommandInput): Promise<number> {
  const port = portOption(stringOption(input, 'port'));
  const bind = stringOption(input, 'bind') ?? DEFAULTS.BIND;
  const levelsRaw = stringOption(input, 'levels');
  if (levelsRaw !== undefined && stringOption(input, 'level') !== undefined) throw new UsageError(COMMAND, '--level and --levels: give one of them (--levels starts with its first level)');
  const sequence = levelsRaw === undefined ? undefined : levelsRaw.split(',').map((s) => s.trim()).filter(Boolean).map((s) => resolveLevel(s));
  if (sequence !== undefined && sequence.length === 0) throw new UsageError(COMMAND, `--levels: expected level ids or files separated by commas, got "${levelsRaw}"`);
  const level = sequence?.[0] ?? resolveLevel(stringOption(input, 'level') ?? DEFAULT_HOST_LEVEL);
  const seed = seedOption(COMMAND, stringOption(input, 'seed'));
  const difficulty = difficultyOption(COMMAND, stringOption(input, 'difficulty'));
  const dataDir = resolve(stringOption(input, 'data-dir') ?? DEFAULT_DATA_DIR);
  const headless = flag(input, 'headless');
  // In a terminal, the dashboard: its log takes the logger's lines, which on stderr would tear the screen.
  const dashboardLog = !headless && process.stdin.isTTY && process.stdout.isTTY ? new DashboardLog() : undefined;
  const logger = createLogger(logLevelOption(stringOption(input, 'log-level')), dashboardLog?.write);
  const maxSeatsPerAddress = capOption('max-seats-per-address', stringOption(input, 'max-seats-per-address'));
  const maxConnectionsPerAddress = capOption('max-connections-per-address', stringOption(input, 'max-connections-per-address'));
  const limits = {
    ...(maxSeatsPerAddress === undefined ? {} : { maxSeatsPerAddress }),
    // Each seat needs its connection: a host that allows more seats allows their connections too.
    ...(maxConnectionsPerAddress === undefined ? (maxSeatsPerAddress === undefined ? {} : { maxConnectionsPerAddress: Math.max(MAX_CONNECTIONS_PER_ADDRESS, maxSeatsPerAddress * 2) }) : { maxConnectionsPerAddress }),
  };
  const newRoom = flag(input, 'new-room');
  const server = await startServer({ port, host: bind, dataDir, speed: speedOption(stringOption(input, 'speed')), logger, limits, setAsideUnrestorable: newRoom }).catch((e: unknown) => {
    if (e instanceof UnrestorableRoomsError) {
      throw new StartupError([...e.problems.map((p) => `${COMMAND}: ${p}`), `${COMMAND}: not started; repair the log, or run with --new-room to set it aside (as <file>${UNRESTORABLE_SUFFIX}) and open a new room`]);
    }
    if (e instanceof StartupError) throw new StartupError(e.problems.map((p) => `${COMMAND}: ${p}`));
    throw e;
  });
  const signal = signalled();
  const address = `${publicAddress(bind)}:${server.port}`;
  const line = (r: RoomSummary, restored: boolean, hostToken?: string): RoomLine => ({
    room: r.code, level: r.levelId, address, join: `nines join ${address} ${r.code} --name <name>`, restored, phase: r.phase, tick: r.tick,
    ...(hostToken ? { hostToken } : {}),
  });
  const rooms = server.rooms.list().map((r) => line(r, true));
  if (!rooms.length) {
    const { code, hostToken } = server.rooms.create(level, seed ?? level.seed, sequence, difficulty);
    rooms.push(line(server.rooms.list().find((r) => r.code === code)!, false, hostToken));
  }
  if (headless) {
    for (const r of rooms) process.stdout.write(`${JSON.stringify(r)}\n`);
    await untilStopped(server, signal, new Promise(() => {}));
    return EXIT_OK;
  }
  process.stdout.write(`nines host: serving on ${address} (data in ${dataDir}); Ctrl-C stops it.\n\n`);
  for (const r of rooms) process.stdout.write(describeRoom(r));
  if (dashboardLog) {
    const tui = createTui({ mouse: false, mono: (process.env.NO_COLOR ?? '') !== '' });
    const dashboard = hostDashboard(server, rooms[0]!.room, rooms[0]!.join, tui, dashboardLog, rooms[0]!.hostToken);
    await untilStopped(server, signal, dashboard.quit);
    dashboard.close();
    // blessed leaves stdin flowing; let the process end.
    process.stdin.pause();
    return EXIT_OK;
  }
  const controls = hostConsole(server, rooms[0]!.room, createInterface({ input: process.stdin }), (text) => process.stdout.write(`${text}\n`));
  await untilStopped(server, signal, controls.quit);
  controls.close();
  return EXIT_OK;
}
