// The game server under load, in a process of its own: `nines`' real server with R rooms of a level.
// It reads its own CPU, memory and socket bytes, and times every room's tick, for the benchmark.
import { performance } from 'node:perf_hooks';
import { resolveLevel } from '../../../server/levels-store.js';
import { createLogger } from '../../../server/logger.js';
import { tickWallMs } from '../../../server/room-model.js';
import type { RoomInput } from '../../../server/room.js';
import { startServer } from '../../../server/ws-server.js';
import type { Order, ServerReport } from './ipc.js';
import { countSocketWrites, readProcess, usageBetween, type Reading } from './measure.js';

countSocketWrites();

const [levelId, roomsArg] = process.argv.slice(2);
const roomCount = Number(roomsArg);
const send = (m: ServerReport) => process.send!(m);

const server = await startServer({
  port: 0, host: '127.0.0.1', logger: createLogger('warn'),
  limits: { maxConnections: 100_000, maxConnectionsPerAddress: 100_000, maxSeatsPerAddress: 10_000, maxRooms: 10_000, rateBurst: 1_000, ratePerSecond: 1_000 },
});
const level = resolveLevel(levelId!);
const rooms = Array.from({ length: roomCount }, () => server.rooms.create(level));
const baseRss = process.memoryUsage().rss;

let tickMs: number[] = [];
let lateMs: number[] = [];
let doneMs: number[] = [];
let due: Record<string, number> = {};
let mark: Reading | undefined;

// Times each clock input of each room: the benchmark's own wrapper, so the product needs no hook.
const input = server.rooms.input.bind(server.rooms);
server.rooms.input = (code: string, msg: RoomInput) => {
  if (msg.type !== 'clock') return input(code, msg);
  const room = server.rooms.get(code);
  const before = room?.tick ?? 0;
  const origin = room?.origin ?? 0;
  const started = performance.now();
  input(code, msg);
  const took = performance.now() - started;
  if (!room || !mark) return;
  const wall = tickWallMs(room);
  const ran = room.tick - before;
  if (ran > 0) tickMs.push(took / ran);
  for (let t = before + 1; t <= room.tick; t++) {
    const dueAt = origin + t * wall;
    lateMs.push(Math.max(0, started - dueAt));
    doneMs.push(started + took - dueAt);
    due[`${code}:${t}`] = performance.timeOrigin + dueAt;
  }
};

process.on('message', (order: Order) => {
  if (order.type === 'mark') {
    tickMs = [];
    lateMs = [];
    doneMs = [];
    due = {};
    mark = readProcess(server.sentFrames());
    send({ type: 'marked' });
  } else if (order.type === 'report') {
    send({ type: 'report', usage: usageBetween(mark ?? readProcess(server.sentFrames()), readProcess(server.sentFrames())), baseRss, tickMs, lateMs, doneMs, due });
  } else {
    void server.close().then(() => process.exit(0));
  }
});

send({ type: 'ready', port: server.port, rooms });
