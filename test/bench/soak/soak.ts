import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { levelSchema, type Level } from '../../../shared/level.js';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, rulesHash } from '../../../shared/protocol.js';
import { Fuzzer } from './fuzzer.js';
import { HostProcess } from './host.js';
import { SoakPlayer } from './player.js';

// The whole server under a soak: players playing, a fuzzer, a slow reader, and kill -9 of the server
// process, restarted each time from its room log. Shared by the suite's bounded soak and `npm run soak`.

export interface SoakOptions {
  players: number;
  /** kill -9 and restart cycles. */
  cycles: number;
  /** Wall milliseconds of play between two kills. */
  cycleMs: number;
  fuzzFramesPerSecond: number;
  /** The fuzzer stops after this many frames. */
  maxFuzzFrames: number;
  /** After the last cycle, play on until the fuzzer has sent all its frames (at most as long again as the soak). */
  allFrames?: boolean;
  /** Game time runs this many times faster than the wall clock. */
  speed: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  /** Server processes that exited without being killed. */
  crashes: number;
  /** "internal error" lines the servers logged. */
  internalErrors: number;
  restarts: number;
  /** Every restart restored the same room (not a new one). */
  sameRoom: boolean;
  acked: number;
  ackedLost: number;
  hashChecks: number;
  hashMismatches: number;
  /** Restarts where an action's ack died with the server (its outcome taken from the server). */
  uncertain: number;
  roomFull: number;
  /** Longest gap between two syncs, within one server life, over the players (the slow reader aside). */
  maxSyncGapMs: number;
  /** Where it fell. */
  worstGap: string;
  /** The soak's own longest event-loop stall (ms): a gap this long may be the harness's, not the server's. */
  harnessStallMs: number;
  fuzzFrames: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** Refusals the players met (link/unlink refused would mean their copy drifted). */
  refusals: string[];
  wallMs: number;
}

/** The soak's level: the race fixture's one region, long enough that no round ends during a soak. */
function soakLevel(): Level {
  return levelSchema.parse({
    id: 'soak', title: 'Soak', description: 'The server soak: one region, an app and a database, an hour long.',
    durationSeconds: 3_600, regions: [{ id: 'home' }], rttMs: [[0]],
    traffic: { users: [{ region: 'home', clients: 200, rps: 900 }], mix: { read: 0.8, write: 0.2 } },
    sloMs: 200, target: 0.99, budget: 3_000,
    initial: [
      { type: 'place', kind: 'app', region: 'home', id: 'app' },
      { type: 'place', kind: 'db', region: 'home', id: 'db' },
      { type: 'link', from: 'app', to: 'db' },
    ],
    events: [], noise: false, seed: 11,
  });
}

/** Loopback addresses standing for machines: the players', the fuzzer's and the slow reader's. */
const PLAYERS_FROM = '127.0.0.1';
const FUZZER_FROM = '127.0.0.3';
const SLOW_FROM = '127.0.0.4';
/** Milliseconds every player has to be back and checked after a restart. */
const BACK_TIMEOUT_MS = 20_000;

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`soak: ${what} took over ${ms} ms`)), ms); })]).finally(() => clearTimeout(timer));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the round as the host: a connection with the host token sends start. */
async function start(url: string, room: string, hostToken: string): Promise<void> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name: 'host', room, spectate: true, hostToken }));
  ws.send(JSON.stringify({ type: 'start' }));
  ws.close();
}

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const log = o.log ?? (() => {});
  const level = soakLevel();
  const roundWallMs = (level.durationSeconds * 1000) / o.speed;
  const planned = o.cycles * (o.cycleMs + BACK_TIMEOUT_MS);
  if (planned >= roundWallMs) throw new Error(`soak: ${o.cycles} cycles could outlast the round (${roundWallMs} ms at speed ${o.speed}): lower the speed or the cycles`);
  const dir = mkdtempSync(join(tmpdir(), 'nines-soak-'));
  const levelFile = join(dir, 'soak.json');
  writeFileSync(levelFile, JSON.stringify(level));
  const dataDir = join(dir, 'data');
  const args = (port: number) => ['--port', String(port), '--data-dir', dataDir, '--level', levelFile, '--speed', String(o.speed)];
  const started = performance.now();
  const stalls = monitorEventLoopDelay({ resolution: 20 });
  stalls.enable();
  let host = await HostProcess.start(args(0));
  const { room, hostToken } = host.line;
  const port = host.port;
  const url = () => `ws://127.0.0.1:${port}`;
  const players = Array.from({ length: o.players }, (_, i) => new SoakPlayer(url, room, `player-${i + 1}`, level, PLAYERS_FROM));
  const slow = new SoakPlayer(url, room, 'slow-reader', level, SLOW_FROM, true);
  const fuzzer = new Fuzzer({ url, room, from: FUZZER_FROM, framesPerSecond: o.fuzzFramesPerSecond, maxFrames: o.maxFuzzFrames, seed: o.seed });
  let crashes = 0;
  let internalErrors = 0;
  let sameRoom = true;
  let rssBeforeMb = Number.NaN;
  try {
    await Promise.all([...players, slow].map((p) => p.join()));
    await start(url(), room, hostToken!);
    fuzzer.start();
    for (let cycle = 1; cycle <= o.cycles; cycle++) {
      await pause(o.cycleMs);
      if (cycle === 1) rssBeforeMb = host.rssMb();
      if (host.crashed) crashes++;
      internalErrors += host.internalErrors;
      const back = players.map((p) => p.back());
      await host.kill();
      host = await HostProcess.start(args(port));
      if (!host.line.restored || host.line.room !== room) sameRoom = false;
      await within(Promise.all(back), BACK_TIMEOUT_MS, `the players' return after restart ${cycle}`);
      log(`cycle ${cycle}/${o.cycles}: restored ${host.line.room} at tick ${host.line.tick} (${host.line.phase}); fuzz frames ${fuzzer.sent}`);
    }
    await pause(o.cycleMs);
    const until = performance.now() + (performance.now() - started);
    while (o.allFrames && fuzzer.sent < o.maxFuzzFrames && performance.now() < until) await pause(100);
  } finally {
    fuzzer.stop();
    for (const p of [...players, slow]) p.stop();
  }
  const rssAfterMb = host.rssMb();
  if (host.crashed) crashes++;
  internalErrors += host.internalErrors;
  await host.kill();
  rmSync(dir, { recursive: true, force: true });
  const sum = (f: (p: SoakPlayer) => number) => players.reduce((n, p) => n + f(p), 0);
  return {
    crashes, internalErrors, restarts: o.cycles, sameRoom,
    acked: sum((p) => p.acked), ackedLost: sum((p) => p.lost), hashChecks: sum((p) => p.hashChecks), hashMismatches: sum((p) => p.hashMismatches),
    uncertain: sum((p) => p.uncertain), roomFull: sum((p) => p.roomFull), maxSyncGapMs: Math.round(Math.max(...players.map((p) => p.maxSyncGapMs))),
    worstGap: [...players].sort((a, b) => b.maxSyncGapMs - a.maxSyncGapMs).map((p) => `${p.name}: ${p.worstGapAt}`)[0] ?? '',
    harnessStallMs: Math.round(stalls.max / 1e6),
    fuzzFrames: fuzzer.sent, rssBeforeMb, rssAfterMb, refusals: players.flatMap((p) => p.refusals), wallMs: Math.round(performance.now() - started),
  };
}
