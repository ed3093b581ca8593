import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { ROOT } from '../../client/cli/run-cli.js';

/** The compiled binary the global setup builds. */
const MAIN = join(ROOT, 'dist', 'client', 'cli', 'main.js');

/** A room as `nines host --headless` prints it. */
export interface HostLine {
  room: string;
  level: string;
  address: string;
  join: string;
  restored: boolean;
  phase: string;
  tick: number;
  hostToken?: string;
}

export interface HostProcess {
  child: ChildProcess;
  /** The first room line. */
  first: HostLine;
  url: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `nines host --headless <args>` and waits for its first room line. */
export async function spawnHost(args: string[]): Promise<HostProcess> {
  const child = spawn(process.execPath, [MAIN, 'host', '--headless', '--port', '0', '--bind', '127.0.0.1', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += String(d); });
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => JSON.parse(line as string) as HostLine),
    exited.then((e) => { throw new Error(`nines host exited (${e.code ?? e.signal}) before printing a room:\n${stderr}`); }),
  ]);
  return { child, first, url: `ws://${first.address}`, stderr: () => stderr, exited };
}
