// The load benchmark: nines' server in a process of its own, bots in others, R rooms of P players
// playing a level at the real clock. It prints the server's tick duration and late ticks, its CPU and
// memory, the bytes each player gets and sends per second, and how long a tick's sync takes to reach
// the bots; then the same connections fed by a bare `ws` broadcast server (the baseline) with messages
// of the same size at the same rate, and the ratios. `SWEEP=1` then finds the most players the
// machine holds before the tick's p99 passes 50 ms: a room's tick is short (its 50 games), so what
// grows with the crowd is the wait for the loop; the sweep reads a tick's time from when it was due
// to when its work was done, which holds both.
//
//   npm run bench:load                      20 rooms x 50 players, greedy bots on load-balancing
//   ROOMS=4 PLAYERS=25 SECONDS=10 npm run bench:load
//   SWEEP=1 npm run bench:load             (SWEEP=only: the sweep alone)
//   PROFILE_SERVER=/tmp/prof npm run bench:load   (a CPU profile of the server process, and its busy time by part)
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { WebSocket } from '../../server/websocket.js';
import { PROTOCOL_VERSION, rulesHash } from '../../shared/protocol.js';
import type { BotsReport, RoomTicket, ServerReport } from './load/ipc.js';
import { summary, type Usage } from './load/measure.js';
import { PARTS, profileParts } from './load/profile-parts.js';

const ROOMS = Number(process.env.ROOMS ?? 20);
const PLAYERS = Number(process.env.PLAYERS ?? 50);
const LEVEL = process.env.LEVEL ?? 'load-balancing';
const STRATEGY = process.env.STRATEGY ?? 'greedy';
/** Seconds measured, after the countdown and a warm-up. */
const SECONDS = Number(process.env.SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.WARMUP ?? 5);
/** Processes the bots are spread over. */
const BOT_PROCESSES = Number(process.env.BOT_PROCESSES ?? Math.max(2, cpus().length));
const TICK_MS = 100;
/** Ticks between two syncs (the snapshot stream's rhythm), which the baseline copies. */
const SYNC_EVERY_TICKS = 5;
/** The sweep's ceiling for the tick's p99. */
const SWEEP_P99_MS = 50;
/** What the issue asks of 1,000 players in 20 rooms. */
const TARGETS = { tickP99Ms: 25, downBytesPerPlayer: 2048, delayP99Ms: 50 };
const COUNTDOWN_SECONDS = 3;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A child process that answers over IPC; `next` waits for its next message of a type. */
class Child<M extends { type: string }> {
  private readonly inbox: M[] = [];
  private readonly waiting: { type: string; resolve: (m: M) => void }[] = [];
  readonly proc: ChildProcess;

  constructor(script: string, args: string[], execArgv: string[] = []) {
    this.proc = fork(here(script), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [...process.execArgv, ...execArgv] });
    this.proc.on('message', (m: M) => {
      const w = this.waiting.findIndex((x) => x.type === m.type);
      if (w >= 0) this.waiting.splice(w, 1)[0]!.resolve(m);
      else this.inbox.push(m);
    });
    this.proc.on('exit', (code) => {
      if (code !== 0 && code !== null) { console.error(`${script} exited with code ${code}`); process.exit(1); }
    });
  }

  next<T extends M['type']>(type: T): Promise<Extract<M, { type: T }>> {
    const i = this.inbox.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0] as Extract<M, { type: T }>);
    return new Promise((resolve) => this.waiting.push({ type, resolve: resolve as (m: M) => void }));
  }

  order(type: 'mark' | 'report' | 'stop' | 'start'): void {
    this.proc.send({ type });
  }

  stopped(): Promise<void> {
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      this.proc.once('exit', () => resolve());
      this.order('stop');
    });
  }
}

/** Deals rooms out to processes in turn. */
function deal<T>(items: T[], hands: number): T[][] {
  const out: T[][] = Array.from({ length: Math.min(hands, items.length) }, () => []);
  items.forEach((item, i) => out[i % out.length]!.push(item));
  return out;
}

/** Starts every room as its host would: a connection with the host token says start. */
async function startRooms(port: number, rooms: RoomTicket[]): Promise<WebSocket[]> {
  return Promise.all(rooms.map((r) => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    ws.once('error', reject);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name: 'host', room: r.code, spectate: true, hostToken: r.hostToken })));
    ws.once('message', () => { ws.send(JSON.stringify({ type: 'start' })); resolve(ws); });
  })));
}

interface Measured {
  players: number;
  server: Usage;
  baseRss: number;
  tick: ReturnType<typeof summary>;
  /** From when a tick was due to when its work was done. */
  done: ReturnType<typeof summary>;
  late: number;
  lateP99: number;
  delay: ReturnType<typeof summary>;
  clients: Usage;
}

/** Adds up the usage of several client processes. */
function sumUsage(list: Usage[]): Usage {
  return {
    seconds: Math.max(...list.map((u) => u.seconds)),
    cpuShare: list.reduce((a, u) => a + u.cpuShare, 0),
    writtenPerSecond: list.reduce((a, u) => a + u.writtenPerSecond, 0),
    readPerSecond: list.reduce((a, u) => a + u.readPerSecond, 0),
    rss: list.reduce((a, u) => a + u.rss, 0),
    writesPerSecond: list.reduce((a, u) => a + u.writesPerSecond, 0),
    framesPerSecond: list.reduce((a, u) => a + u.framesPerSecond, 0),
    messagesPerSecond: list.reduce((a, u) => a + u.messagesPerSecond, 0),
  };
}

/** Marks every child, waits out the window, and gathers their reports. */
async function window(server: Child<ServerReport>, clients: Child<BotsReport>[], seconds: number) {
  server.order('mark');
  await server.next('marked');
  for (const c of clients) c.order('mark');
  await sleep(seconds * 1000);
  server.order('report');
  for (const c of clients) c.order('report');
  const s = await server.next('report');
  const reports = await Promise.all(clients.map((c) => c.next('report')));
  return { s, reports };
}

async function runOurs(rooms: number, players: number, seconds: number): Promise<Measured> {
  const profile = process.env.PROFILE_SERVER ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_SERVER}`] : [];
  const server = new Child<ServerReport>('./load/server-process.js', [LEVEL, String(rooms)], profile);
  const ready = await server.next('ready');
  const hands = deal(ready.rooms.map((r) => r.code), BOT_PROCESSES);
  const bots = hands.map((codes) => new Child<BotsReport>('./load/bot-process.js', [String(ready.port), codes.join(','), String(players), STRATEGY]));
  await Promise.all(bots.map((b) => b.next('joined')));
  const hosts = await startRooms(ready.port, ready.rooms);
  await sleep((COUNTDOWN_SECONDS + WARMUP_SECONDS) * 1000);
  const { s, reports } = await window(server, bots, seconds);
  const delays: number[] = [];
  for (const r of reports) for (const [key, at] of r.arrivals) if (s.due[key] !== undefined) delays.push(at - s.due[key]!);
  for (const h of hosts) h.terminate();
  await Promise.all([...bots, server].map((c) => c.stopped()));
  return {
    players: rooms * players, server: s.usage, baseRss: s.baseRss, tick: summary(s.tickMs), done: summary(s.doneMs),
    late: s.lateMs.filter((ms) => ms >= TICK_MS).length, lateP99: summary(s.lateMs).p99,
    delay: summary(delays), clients: sumUsage(reports.map((r) => r.usage)),
  };
}

async function runBaseline(rooms: number, players: number, messageBytes: number, seconds: number): Promise<Measured> {
  const server = new Child<ServerReport>('./load/baseline-server.js', [String(rooms), String(messageBytes), String(SYNC_EVERY_TICKS), String(TICK_MS)]);
  const ready = await server.next('ready');
  const hands = deal(Array.from({ length: rooms }, (_, i) => i), BOT_PROCESSES);
  const clients = hands.map((list) => new Child<BotsReport>('./load/baseline-clients.js', [String(ready.port), list.join(','), String(players)]));
  await Promise.all(clients.map((c) => c.next('joined')));
  server.order('start');
  await sleep(WARMUP_SECONDS * 1000);
  const { s, reports } = await window(server, clients, seconds);
  await Promise.all([...clients, server].map((c) => c.stopped()));
  return {
    players: rooms * players, server: s.usage, baseRss: 0, tick: summary(s.tickMs), done: summary(s.doneMs),
    late: s.lateMs.filter((ms) => ms >= TICK_MS).length, lateP99: summary(s.lateMs).p99,
    delay: summary(reports.flatMap((r) => r.delaysMs)), clients: sumUsage(reports.map((r) => r.usage)),
  };
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const kib = (x: number) => `${(x / 1024).toFixed(2)} KiB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const perPlayer = (m: Measured, perSecond: number) => (perSecond / m.players).toFixed(2);

function printOurs(m: Measured, rooms: number): void {
  const down = m.server.writtenPerSecond / m.players;
  console.log(`nines: ${rooms} rooms x ${m.players / rooms} players (${m.players}), level ${LEVEL}, ${STRATEGY} bots, ${m.server.seconds.toFixed(1)} s measured`);
  console.log(`  tick           p50 ${ms(m.tick.p50)}, p99 ${ms(m.tick.p99)}, max ${ms(m.tick.max)} over ${m.tick.count} room ticks (target p99 < ${TARGETS.tickP99Ms} ms: ${verdict(m.tick.p99 < TARGETS.tickP99Ms)})`);
  console.log(`  late ticks     ${m.late} began a whole tick (${TICK_MS} ms) late; start lag p99 ${ms(m.lateP99)} (target none: ${verdict(m.late === 0)})`);
  console.log(`  due to done    p50 ${ms(m.done.p50)}, p99 ${ms(m.done.p99)}, max ${ms(m.done.max)}: from when a tick was due to when its messages were sent`);
  console.log(`  server         ${(m.server.cpuShare * 100).toFixed(1)}% of a core, RSS ${(m.server.rss / 2 ** 20).toFixed(0)} MiB (${((m.server.rss - m.baseRss) / m.players / 1024).toFixed(1)} KiB per player over the empty server)`);
  console.log(`  per player     ${kib(down)}/s down (target < 2 KiB: ${verdict(down < TARGETS.downBytesPerPlayer)}), ${(m.server.readPerSecond / m.players).toFixed(0)} B/s up`);
  console.log(`  sends          per player per second: ${perPlayer(m, m.server.messagesPerSecond)} messages in ${perPlayer(m, m.server.framesPerSecond)} frames, ${perPlayer(m, m.server.writesPerSecond)} socket writes`);
  console.log(`  sync delay     p50 ${ms(m.delay.p50)}, p99 ${ms(m.delay.p99)}, max ${ms(m.delay.max)} from when the tick was due to a bot's copy (${m.delay.count} arrivals; target p99 < ${TARGETS.delayP99Ms} ms: ${verdict(m.delay.p99 < TARGETS.delayP99Ms)})`);
  console.log(`  bots           ${(m.clients.cpuShare * 100).toFixed(1)}% of a core over ${BOT_PROCESSES} processes`);
}

function printBaseline(b: Measured, ours: Measured, messageBytes: number): void {
  console.log(`baseline: bare ws broadcast, ${b.players} connections, ${messageBytes} B every ${SYNC_EVERY_TICKS} ticks per connection`);
  console.log(`  server         ${(b.server.cpuShare * 100).toFixed(1)}% of a core, ${kib(b.server.writtenPerSecond / b.players)}/s per connection; delay p50 ${ms(b.delay.p50)}, p99 ${ms(b.delay.p99)}`);
  console.log(`  sends          per connection per second: ${perPlayer(b, b.server.messagesPerSecond)} messages in ${perPlayer(b, b.server.framesPerSecond)} frames, ${perPlayer(b, b.server.writesPerSecond)} socket writes`);
  console.log(`ratio nines / baseline: delivery ${(ours.clients.readPerSecond / b.clients.readPerSecond).toFixed(2)} (bytes the clients read per second), server CPU ${(ours.server.cpuShare / b.server.cpuShare).toFixed(2)}, socket writes ${(ours.server.writesPerSecond / b.server.writesPerSecond).toFixed(2)}, delay p99 ${(ours.delay.p99 / b.delay.p99).toFixed(2)}`);
}

/** Where the server's busy time went, and its CPU against the baseline's without the simulation (which has its own budget). */
function printParts(dir: string, ours: Measured, b: Measured): void {
  const { file, busyMs, shares } = profileParts(dir);
  console.log(`profile ${file}: ${(busyMs / 1000).toFixed(1)} s busy (the whole run, warm-up included)`);
  console.log(`  busy time      ${PARTS.map((p) => `${p} ${(shares[p] * 100).toFixed(1)}%`).join(', ')}`);
  const withoutSim = ours.server.cpuShare * (1 - shares.simulation);
  console.log(`  without the simulation: ${(withoutSim * 100).toFixed(1)}% of a core, ratio to the baseline ${(withoutSim / b.server.cpuShare).toFixed(2)}`);
}

async function sweep(): Promise<void> {
  const sizes = (process.env.SWEEP_PLAYERS ?? '500,1000,1500,2000,2500,3000,4000').split(',').map(Number);
  const seconds = Number(process.env.SWEEP_SECONDS ?? 15);
  let held: Measured | undefined;
  console.log(`sweep: rooms of ${PLAYERS}, ${seconds} s each, until a tick's p99 from due to done passes ${SWEEP_P99_MS} ms`);
  for (const players of sizes) {
    const rooms = Math.max(1, Math.round(players / PLAYERS));
    const m = await runOurs(rooms, PLAYERS, seconds);
    console.log(`  ${String(m.players).padStart(5)} players: tick p99 ${ms(m.tick.p99)}, due to done p99 ${ms(m.done.p99)}, late ${m.late}, server ${(m.server.cpuShare * 100).toFixed(0)}% CPU, delay p99 ${ms(m.delay.p99)}, ${kib(m.server.writtenPerSecond / m.players)}/s down`);
    if (Math.max(m.tick.p99, m.done.p99) > SWEEP_P99_MS) {
      console.log(`sweep: held ${held ? held.players : 'none of the sizes tried'} players; ${m.players} passed ${SWEEP_P99_MS} ms`);
      return;
    }
    held = m;
  }
  console.log(`sweep: held every size tried, up to ${held?.players} players`);
}

async function main(): Promise<void> {
  if (process.env.SWEEP === 'only') return sweep();
  const ours = await runOurs(ROOMS, PLAYERS, SECONDS);
  printOurs(ours, ROOMS);
  // What a player's client read per second, in one message per sync period.
  const messageBytes = Math.max(16, Math.round((ours.clients.readPerSecond / ours.players) * (SYNC_EVERY_TICKS * TICK_MS) / 1000));
  const baseline = await runBaseline(ROOMS, PLAYERS, messageBytes, SECONDS);
  printBaseline(baseline, ours, messageBytes);
  if (process.env.PROFILE_SERVER) printParts(process.env.PROFILE_SERVER, ours, baseline);
  if (process.env.SWEEP === '1') await sweep();
}

await main();
