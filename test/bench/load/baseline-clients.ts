// Bare clients of the baseline server: they read, and time each message from when it was due.
import { WebSocket } from '../../../server/websocket.js';
import type { BotsReport, Order } from './ipc.js';
import { readProcess, usageBetween, wallNow, type Reading } from './measure.js';

const [port, roomsArg, perRoomArg] = process.argv.slice(2);
const rooms = roomsArg!.split(',').map(Number);
const perRoom = Number(perRoomArg);
const send = (m: BotsReport) => process.send!(m);

let delaysMs: number[] = [];
let mark: Reading | undefined;
const sockets: WebSocket[] = [];

await Promise.all(rooms.flatMap((room) => Array.from({ length: perRoom }, () => new Promise<void>((resolve, reject) => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?room=${room}`);
  sockets.push(ws);
  ws.once('open', () => resolve());
  ws.once('error', reject);
  ws.on('message', (data: Buffer) => {
    if (!mark) return;
    const text = data.toString();
    delaysMs.push(wallNow() - Number(text.slice(5, text.indexOf(','))));
  });
}))));
send({ type: 'joined', bots: sockets.length });

process.on('message', (order: Order) => {
  if (order.type === 'mark') {
    delaysMs = [];
    mark = readProcess();
  } else if (order.type === 'report') {
    send({ type: 'report', usage: usageBetween(mark ?? readProcess(), readProcess()), arrivals: [], delaysMs });
  } else {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  }
});
