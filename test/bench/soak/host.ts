import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { packageRoot } from '../../../server/package-root.js';

/** A room as `nines host --headless` prints it. */
export interface HostLine {
  room: string;
  address: string;
  restored: boolean;
  phase: string;
  tick: number;
  hostToken?: string;
}

/** Milliseconds a host process has to print its room. */
const START_TIMEOUT_MS = 15_000;
/** Characters of the host's stderr kept for a report (its tail). */
const STDERR_TAIL = 4_000;

/** `nines host --headless` as a child process (the compiled one), to be killed with SIGKILL and started again. */
export class HostProcess {
  internalErrors = 0;
  /** Set when the process exited without being told to. */
  crashed = false;
  line: HostLine | undefined;
  private stderrTail = '';
  private killed = false;
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stderr!.on('data', (d: Buffer) => {
      const text = String(d);
      this.internalErrors += text.split('internal error').length - 1;
      this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => {
      if (!this.killed) this.crashed = true;
      resolve(code);
    }));
  }

  /** Starts `nines host --headless <args>` and waits for the line of its (first) room. */
  static async start(args: string[]): Promise<HostProcess & { line: HostLine }> {
    const main = join(packageRoot(), 'dist', 'client', 'cli', 'main.js');
    const host = new HostProcess(spawn(process.execPath, [main, 'host', '--headless', '--bind', '127.0.0.1', '--log-level', 'error', ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
    let timer: NodeJS.Timeout | undefined;
    host.line = await Promise.race([
      new Promise<HostLine>((resolve) => createInterface({ input: host.child.stdout! }).once('line', (l) => resolve(JSON.parse(l) as HostLine))),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`nines host printed no room in ${START_TIMEOUT_MS} ms:\n${host.stderr()}`)), START_TIMEOUT_MS); }),
      host.exited.then((code) => { throw new Error(`nines host exited (${code}) before printing a room:\n${host.stderr()}`); }),
    ]).finally(() => clearTimeout(timer));
    return host as HostProcess & { line: HostLine };
  }

  get port(): number {
    return Number(this.line!.address.split(':').at(-1));
  }

  stderr(): string {
    return this.stderrTail;
  }

  /** Resident memory of the process, in MB (Linux), or NaN where /proc is not there. */
  rssMb(): number {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1];
      return kb === undefined ? Number.NaN : Math.round(Number(kb) / 1024);
    } catch {
      return Number.NaN;
    }
  }

  /** kill -9, as a crash would. */
  async kill(): Promise<void> {
    this.killed = true;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
