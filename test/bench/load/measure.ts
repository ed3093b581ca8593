// What the load benchmark reads off a process, and the arithmetic it reports with.
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Write requests the process's sockets handed down (one per write or corked writev), once counted. */
let socketWrites = 0;

/** Counts every socket write request of this process from now on: the system calls a server makes to send. */
export function countSocketWrites(): void {
  const proto = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
  for (const name of ['_write', '_writev'] as const) {
    const original = proto[name];
    proto[name] = function (this: unknown, ...args: unknown[]) {
      socketWrites++;
      return original.apply(this, args);
    };
  }
}

/** Frames (WebSocket messages) and the protocol messages they carried, as the server counts them. */
export interface Sent {
  frames: number;
  messages: number;
}

/** A process's counters at one moment; differences of two readings give rates. */
export interface Reading {
  /** Wall time, ms since the epoch, comparable between processes of this machine. */
  at: number;
  /** User and system CPU, microseconds. */
  cpuUs: number;
  /** Bytes this process wrote and read through system calls (sockets included), from /proc/self/io. */
  written: number;
  read: number;
  rss: number;
  /** Socket write requests so far (see countSocketWrites). */
  writes: number;
  sent: Sent;
}

/** Milliseconds since the epoch, with performance.now()'s resolution. */
export function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

function ioCounters(): { written: number; read: number } {
  const text = readFileSync('/proc/self/io', 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { written: field('wchar'), read: field('rchar') };
}

export function readProcess(sent: Sent = { frames: 0, messages: 0 }): Reading {
  const cpu = process.cpuUsage();
  return { at: wallNow(), cpuUs: cpu.user + cpu.system, ...ioCounters(), rss: process.memoryUsage().rss, writes: socketWrites, sent };
}

/** The difference of two readings: CPU as a share of one core, bytes per second. */
export interface Usage {
  seconds: number;
  cpuShare: number;
  writtenPerSecond: number;
  readPerSecond: number;
  rss: number;
  writesPerSecond: number;
  framesPerSecond: number;
  messagesPerSecond: number;
}

export function usageBetween(a: Reading, b: Reading): Usage {
  const seconds = (b.at - a.at) / 1000;
  return {
    seconds,
    cpuShare: (b.cpuUs - a.cpuUs) / 1e6 / seconds,
    writtenPerSecond: (b.written - a.written) / seconds,
    readPerSecond: (b.read - a.read) / seconds,
    rss: b.rss,
    writesPerSecond: (b.writes - a.writes) / seconds,
    framesPerSecond: (b.sent.frames - a.sent.frames) / seconds,
    messagesPerSecond: (b.sent.messages - a.sent.messages) / seconds,
  };
}

/** The value below which p percent of the sorted values lie. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function summary(values: readonly number[]): { p50: number; p99: number; max: number; count: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, count: sorted.length };
}
