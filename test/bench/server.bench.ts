// The game server under a classroom: one room of 50 players on real WebSocket connections, each
// playing a level's reference plan, at the real clock. Prints the tick duration (the room's work per
// clock wake-up: simulation, syncs and their state hashes, leaderboard, serialisation and sends) and
// the bytes each player receives per second of play, by message type.
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { Action } from '../../shared/action.js';
import { messagesOf, PROTOCOL_VERSION, rulesHash, type ServerMessage } from '../../shared/protocol.js';
import { DEFAULTS } from '../../server/limits.js';
import { loadPlanFile, referencePlanFile, resolveLevel } from '../../server/levels-store.js';
import { createLogger } from '../../server/logger.js';
import { startServer } from '../../server/ws-server.js';

const PLAYERS = 50;
const LEVEL_ID = 'regional-partition';
/** Wall seconds of play measured (at speed 1, game seconds too). */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const level = resolveLevel(LEVEL_ID);
  const plan = loadPlanFile(referencePlanFile(LEVEL_ID)!);
  const dt = level.tickMs / 1000;
  const ticks: number[] = [];
  const byKind = new Map<string, number[]>();
  const server = await startServer({
    port: 0, host: '127.0.0.1', logger: createLogger('warn'), limits: { maxConnections: PLAYERS + 10 },
    onTick: (ms) => {
      ticks.push(ms);
      const tick = server.rooms.get(code)!.tick;
      const kind = tick % DEFAULTS.LEADERBOARD_EVERY_TICKS === 0 ? 'syncs + leaderboard' : tick % DEFAULTS.SYNC_EVERY_TICKS === 0 ? 'syncs' : 'simulation only';
      byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
    },
  });
  const { code, hostToken } = server.rooms.create(level);
  const url = `ws://127.0.0.1:${server.port}`;
  const bytes = { total: 0, byType: new Map<string, number>() };
  const frames = { count: 0 };
  let lastTick = 0;
  /** Bytes count from the start: the lobby's joins are a one-off, not a rate. */
  let playing = false;
  /** Players who heard the host join: the lobby's last message, not counted. */
  let sawHost = 0;
  let allSawHost = () => {};

  const connect = (name: string, extra: object) => new Promise<WebSocket>((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name, room: code, ...extra })));
    ws.once('message', () => resolve(ws));
  });

  const players = await Promise.all(Array.from({ length: PLAYERS }, async (_, i) => {
    const ws = await connect(`player${i + 1}`, {});
    const actions: Action[][] = [];
    for (const a of plan.actions) (actions[Math.ceil(a.at / dt - 1e-9)] ??= []).push(a.action);
    let seq = 0;
    let sentUpTo = -1;
    ws.on('message', (data: Buffer) => {
      const messages = messagesOf(JSON.parse(String(data))) as ServerMessage[];
      if (!playing) {
        if (messages.some((msg) => msg.type === 'room' && msg.room.spectators === 1) && ++sawHost === PLAYERS) allSawHost();
        return;
      }
      bytes.total += data.length;
      frames.count++;
      // A batch's bytes go to its messages' types in proportion to their own length.
      for (const msg of messages) {
        bytes.byType.set(msg.type, (bytes.byType.get(msg.type) ?? 0) + (messages.length === 1 ? data.length : JSON.stringify(msg).length));
        if (msg.type !== 'sync') continue;
        lastTick = Math.max(lastTick, msg.tick);
        for (let t = sentUpTo + 1; t <= msg.tick; t++) for (const action of actions[t] ?? []) ws.send(JSON.stringify({ type: 'act', seq: seq++, action }));
        sentUpTo = msg.tick;
      }
    });
    return ws;
  }));
  const everyoneSawHost = new Promise<void>((resolve) => { allSawHost = resolve; });
  const host = await connect('host', { spectate: true, hostToken });
  await everyoneSawHost;
  const startedAt = performance.now();
  playing = true;
  host.send(JSON.stringify({ type: 'start' }));
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000 + 3_000));
  const wall = (performance.now() - startedAt) / 1000;
  const room = server.rooms.get(code)!;
  const gameSeconds = room.tick * dt;
  const nodes = [...room.seats.values()].map((s) => s.side!.game.state.nodes.length);
  for (const ws of [...players, host]) ws.terminate();
  await server.close();

  const sorted = [...ticks].sort((a, b) => a - b);
  const work = ticks.reduce((a, b) => a + b, 0);
  const perPlayer = bytes.total / PLAYERS / gameSeconds;
  console.log(`room of ${PLAYERS} players on ${LEVEL_ID} (${Math.min(...nodes)}-${Math.max(...nodes)} nodes each), ${room.tick} ticks in ${wall.toFixed(1)} s of wall time`);
  console.log(`tick duration: p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms (budget ${level.tickMs} ms)`);
  for (const [kind, list] of byKind) {
    const k = [...list].sort((a, b) => a - b);
    console.log(`  ${kind.padEnd(24)} p50 ${percentile(k, 50).toFixed(2)} ms, p99 ${percentile(k, 99).toFixed(2)} ms`);
  }
  console.log(`room work on the clock: ${(work / gameSeconds).toFixed(1)} ms per second of play, ${((work / gameSeconds / PLAYERS) * 1000).toFixed(0)} µs per player`);
  console.log(`received per player: ${Math.round(perPlayer)} B (${(perPlayer / 1024).toFixed(2)} KiB) and ${(frames.count / PLAYERS / gameSeconds).toFixed(1)} frames per second of play`);
  for (const [type, n] of [...bytes.byType].sort((a, b) => b[1] - a[1])) console.log(`  ${type.padEnd(12)} ${String(Math.round(n / PLAYERS / gameSeconds)).padStart(5)} B/s`);
  console.log(`last sync seen at tick ${lastTick}; server rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (clients included)`);
}

await main();
