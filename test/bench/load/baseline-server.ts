// The baseline: a bare `ws` server that does nothing but broadcast, to the same number of connections
// in the same rooms, messages of the size our server sent at the rate it sent its syncs. What our
// server spends beyond it is the game: simulation, protocol, JSON and hashes.
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from '../../../server/websocket.js';
import type { Order, ServerReport } from './ipc.js';
import { countSocketWrites, readProcess, usageBetween, type Reading } from './measure.js';

countSocketWrites();
/** Frames sent: the baseline sends one message a frame. */
const sent = { frames: 0, messages: 0 };

const [roomsArg, bytesArg, everyArg, tickArg] = process.argv.slice(2);
const roomCount = Number(roomsArg);
const messageBytes = Number(bytesArg);
const everyTicks = Number(everyArg);
const tickMs = Number(tickArg);
const send = (m: ServerReport) => process.send!(m);

const members: WebSocket[][] = Array.from({ length: roomCount }, () => []);
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise<void>((resolve) => wss.once('listening', resolve));
wss.on('connection', (ws, req) => {
  const room = Number(new URL(req.url ?? '/', 'ws://x').searchParams.get('room'));
  members[room]?.push(ws);
  ws.on('close', () => members[room]?.splice(members[room]!.indexOf(ws), 1));
});

/** A message of the given size that says when it was due and which tick it is. */
function message(due: number, tick: number): string {
  const head = `{"t":${due.toFixed(3)},"k":${tick},"p":"`;
  return `${head}${'x'.repeat(Math.max(0, messageBytes - head.length - 2))}"}`;
}

let tickDurations: number[] = [];
let lateMs: number[] = [];
let doneMs: number[] = [];
let mark: Reading | undefined;
let running = false;

/** One timer per room, each due on the room's own schedule, as our server's rooms are. */
function runRoom(room: number, origin: number): void {
  let tick = 0;
  const wake = () => {
    if (!running) return;
    const started = performance.now();
    while (started >= origin + (tick + 1) * tickMs) {
      tick++;
      const due = origin + tick * tickMs;
      if (mark) lateMs.push(Math.max(0, started - due));
      if (tick % everyTicks === 0) {
        const data = message(performance.timeOrigin + due, tick);
        for (const ws of members[room]!) ws.send(data);
        sent.frames += members[room]!.length;
        sent.messages += members[room]!.length;
      }
    }
    if (mark) {
      tickDurations.push(performance.now() - started);
      doneMs.push(performance.now() - (origin + tick * tickMs));
    }
    setTimeout(wake, Math.max(0, origin + (tick + 1) * tickMs - performance.now()));
  };
  wake();
}

process.on('message', (order: Order | { type: 'start' }) => {
  if (order.type === 'start') {
    running = true;
    const origin = performance.now();
    for (let r = 0; r < roomCount; r++) runRoom(r, origin + (r * tickMs) / roomCount);
  } else if (order.type === 'mark') {
    tickDurations = [];
    lateMs = [];
    doneMs = [];
    mark = readProcess({ ...sent });
    send({ type: 'marked' });
  } else if (order.type === 'report') {
    send({ type: 'report', usage: usageBetween(mark ?? readProcess({ ...sent }), readProcess({ ...sent })), baseRss: 0, tickMs: tickDurations, lateMs, doneMs, due: {} });
  } else {
    running = false;
    for (const ws of wss.clients) ws.terminate();
    wss.close(() => process.exit(0));
  }
});

send({ type: 'ready', port: (wss.address() as { port: number }).port, rooms: [] });
