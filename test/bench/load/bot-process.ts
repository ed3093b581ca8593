// Bots of the load benchmark, in a process of their own: `nines bot`'s players over the real
// protocol, one run per room, whose sessions also note when each tick's state reached them.
import { runBots, type BotRun } from '../../../client/bot/bot-runner.js';
import { isStrategyName } from '../../../client/bot/strategies.js';
import type { BotsReport, Order } from './ipc.js';
import { readProcess, usageBetween, wallNow, type Reading } from './measure.js';

const [port, codesArg, perRoomArg] = process.argv.slice(2);
const strategy = process.argv[5] ?? '';
if (!isStrategyName(strategy)) throw new Error(`bot-process: strategy must be idle, random or greedy, got ${strategy}`);
const codes = codesArg!.split(',');
const send = (m: BotsReport) => process.send!(m);

let arrivals: [string, number][] = [];
let mark: Reading | undefined;

const runs: BotRun[] = codes.map((code, r) => {
  // A bot's state also shows after each of its acks: only a tick's first showing is its arrival.
  const seen = new Map<number, number>();
  return runBots({
    url: `ws://127.0.0.1:${port}`, room: code, count: Number(perRoomArg), strategy, prefix: 'bot', seed: 1 + r * 1_000,
    watch: (bot, m) => {
      if (m.type !== 'snapshot' || m.tick <= (seen.get(bot) ?? -1)) return;
      seen.set(bot, m.tick);
      if (mark) arrivals.push([`${code}:${m.tick}`, wallNow()]);
    },
  });
});
await Promise.all(runs.map((r) => r.joined));
send({ type: 'joined', bots: codes.length * Number(perRoomArg) });

process.on('message', (order: Order) => {
  if (order.type === 'mark') {
    arrivals = [];
    mark = readProcess();
  } else if (order.type === 'report') {
    send({ type: 'report', usage: usageBetween(mark ?? readProcess(), readProcess()), arrivals, delaysMs: [] });
  } else {
    for (const r of runs) r.stop();
    process.exit(0);
  }
});
