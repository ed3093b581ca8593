// Bots of the load benchmark, in a process of their own: real players over the real protocol, who
// also note when each tick's state reached them.
import { WsSession } from '../../../client/ws-session.js';
import type { BotsReport, Order } from './ipc.js';
import { readProcess, usageBetween, wallNow, type Reading } from './measure.js';

const [port, codesArg, perRoomArg] = process.argv.slice(2);
const codes = codesArg!.split(',');
const perRoom = Number(perRoomArg);
const send = (m: BotsReport) => process.send!(m);

let arrivals: [string, number][] = [];
let mark: Reading | undefined;
const sessions: WsSession[] = [];

await Promise.all(codes.flatMap((code) => Array.from({ length: perRoom }, (_, i) => new Promise<void>((resolve) => {
  const session = new WsSession({ url: `ws://127.0.0.1:${port}`, room: code, name: `bot${i + 1}` });
  sessions.push(session);
  session.subscribe((m) => {
    if (m.type === 'level') resolve();
    else if (m.type === 'snapshot' && mark) arrivals.push([`${code}:${m.tick}`, wallNow()]);
  });
  session.start();
}))));
send({ type: 'joined', bots: sessions.length });

process.on('message', (order: Order) => {
  if (order.type === 'mark') {
    arrivals = [];
    mark = readProcess();
  } else if (order.type === 'report') {
    send({ type: 'report', usage: usageBetween(mark ?? readProcess(), readProcess()), arrivals, delaysMs: [] });
  } else {
    for (const s of sessions) s.close();
    process.exit(0);
  }
});
