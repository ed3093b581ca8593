// The terminal client's cost: time from launch to the first game frame, and the CPU the real client
// takes while it renders a 50-node game at its full frame rate in a 160x48 terminal. Solo play runs
// its game server in the same process, so both figures include it: starting it, playing through it.
// Run with `npm run bench:client` (it builds first). Targets: first frame under 400 ms, under 5% of a core.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import xterm from '@xterm/headless';
import { levelSchema, type LevelInput } from '../../shared/level.js';
import { fiftyNodeActions, fiftyNodeLevel } from './fifty-nodes.js';
import { App, DATA_FRAME_MS, FRAME_MS } from '../../client/app.js';
import { LocalSession } from '../client/helpers/local-session.js';
import { loadPty } from '../helpers/node-pty.js';
import { createTui } from '../../client/tui.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'client', 'cli', 'main.js');
const FIRST_FRAME_RUNS = 5;
const WARMUP_MS = 2_000;
const MEASURE_MS = 10_000;
const FRAMES_IN_PROCESS = 300;
/** Clock ticks per second of /proc/<pid>/stat times (Linux's USER_HZ). */
const USER_HZ = 100;
const TARGET_FIRST_FRAME_MS = 400;
const TARGET_CPU_SHARE = 0.05;
const COLS = 160;
const ROWS = 48;

/** The benchmarks' 50 components, built before the start so the map is full at once. */
function bigLevel(): LevelInput {
  return { ...fiftyNodeLevel('bench-client', 'client bench: 50 components'), initial: fiftyNodeActions() };
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

const loaded = await loadPty();
if (!('pty' in loaded)) throw new Error(`the client benchmark drives the real client in a pseudo-terminal: ${loaded.missing}`);
const { pty } = loaded;

function launch(args: string[], cols: number, rows: number) {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const start = performance.now();
  const child = pty.spawn(process.execPath, [MAIN, 'play', '--no-mouse', ...args], {
    name: 'xterm-256color', cols, rows, cwd: ROOT,
    env: { ...process.env, LANG: 'C.UTF-8', NINES_STATE_DIR: mkdtempSync(join(tmpdir(), 'nines-bench-')) } as Record<string, string>,
  });
  let bytes = 0;
  child.onData((d) => { bytes += Buffer.byteLength(d); term.write(d); });
  const screen = () => {
    const b = term.buffer.active;
    let s = '';
    for (let y = 0; y < term.rows; y++) s += `${b.getLine(y)?.translateToString(true) ?? ''}\n`;
    return s;
  };
  const waitFor = async (text: string) => {
    for (;;) {
      await new Promise<void>((r) => term.write('', r));
      if (screen().includes(text)) return performance.now() - start;
      if (performance.now() - start > 10_000) throw new Error(`no "${text}" after 10 s:\n${screen()}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  return { child, waitFor, bytes: () => bytes, stop: () => child.kill() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const levelFile = join(mkdtempSync(join(tmpdir(), 'nines-bench-level-')), 'bench-client.json');
writeFileSync(levelFile, JSON.stringify(bigLevel()));

const firstFrames: number[] = [];
for (let i = 0; i < FIRST_FRAME_RUNS; i++) {
  const c = launch(['--level', 'tutorial'], 80, 24);
  firstFrames.push(await c.waitFor('6 Leaderboard'));
  c.stop();
}
const firstBig: number[] = [];
for (let i = 0; i < FIRST_FRAME_RUNS; i++) {
  const c = launch(['--level', levelFile], COLS, ROWS);
  firstBig.push(await c.waitFor('6 Leaderboard'));
  c.stop();
}
console.log(`client first frame (process start to the whole game screen), median of ${FIRST_FRAME_RUNS}:`);
console.log(`  tutorial at 80x24: ${median(firstFrames).toFixed(0)} ms; 50 components at ${COLS}x${ROWS}: ${median(firstBig).toFixed(0)} ms (target ${TARGET_FIRST_FRAME_MS} ms)`);

const c = launch(['--level', levelFile], COLS, ROWS);
await c.waitFor('6 Leaderboard');
await new Promise((r) => setTimeout(r, WARMUP_MS));
const cpu0 = cpuSeconds(c.child.pid);
const bytes0 = c.bytes();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, MEASURE_MS));
const share = (cpuSeconds(c.child.pid) - cpu0) / ((performance.now() - t0) / 1000);
const kbps = (c.bytes() - bytes0) / 1024 / ((performance.now() - t0) / 1000);
c.stop();
console.log(`client CPU, 50 components at ${COLS}x${ROWS}, live (a frame per ${DATA_FRAME_MS} ms of game progress), game server included, over ${MEASURE_MS / 1000} s:`);
console.log(`  ${(share * 100).toFixed(1)}% of a core (target ${TARGET_CPU_SHARE * 100}%), ${kbps.toFixed(1)} KiB/s to the terminal`);

// In process, one frame's cost alone, the game moving a tick between frames: views, blessed's parse and draw.
let now = 0;
const clock = { now: () => now, setTimeout: () => 0, clearTimeout: () => {} };
const output = Object.assign(new PassThrough(), { columns: COLS, rows: ROWS, isTTY: true });
output.resume();
const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
const tui = createTui({ input, output, mouse: false, mono: false });
const level = levelSchema.parse(bigLevel());
const session = new LocalSession(level, { clock });
const app = new App({ tui, mode: { type: 'solo', levels: () => [level], start: level, newSession: () => session, completed: () => new Set(), bests: () => new Map(), record: () => {} }, exit: () => {} });
let renderUs = 0;
for (let i = 0; i < FRAMES_IN_PROCESS; i++) {
  now += level.tickMs;
  session.runDueTicks();
  const c0 = process.cpuUsage();
  app.render();
  const c = process.cpuUsage(c0);
  renderUs += c.user + c.system;
}
const frameMs = renderUs / 1000 / FRAMES_IN_PROCESS;
console.log(`  one ${COLS}x${ROWS} frame of 50 components, the game moving between frames: ${frameMs.toFixed(2)} ms CPU`);
console.log(`  so ${((frameMs * 1000) / DATA_FRAME_MS / 10).toFixed(1)}% of a core for drawing at ${1000 / DATA_FRAME_MS} frames a second, ${((frameMs * 1000) / FRAME_MS / 10).toFixed(1)}% at the ${1000 / FRAME_MS} a second keys may ask for`);
app.quit();
process.exit(0);
