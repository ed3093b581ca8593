import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, rulesHash } from '../../../shared/protocol.js';
import { DEFAULTS } from '../../../server/limits.js';

/** A seeded generator of 32-bit draws (mulberry32): the same seed, the same frames. */
export function draws(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Hostile frames: garbage, wrong shapes, refused hellos, controls without rights, now and then an oversized one. */
function frame(next: () => number, room: string): string | Buffer {
  const pick = Math.floor(next() * 16);
  const hello = (extra: Record<string, unknown>) => JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name: `fz${Math.floor(next() * 1e6)}`, room, ...extra });
  switch (pick) {
    case 0: return Buffer.from(Array.from({ length: 1 + Math.floor(next() * 64) }, () => Math.floor(next() * 256)));
    case 1: return `{"type":"act","seq":${Math.floor(next() * 100)},"action":`;
    case 2: return ['[]', '42', 'null', '"hello"', '{}', '{"type":7}'][Math.floor(next() * 6)]!;
    case 3: return JSON.stringify({ type: 'act', seq: -1, action: { type: 'scale', node: 'app', by: 0 } });
    case 4: return JSON.stringify({ type: 'hello', protocol: 999, rulesHash: 'x', name: 'old', room });
    case 5: return hello({ rulesHash: 'not-the-rules' });
    case 6: return hello({ room: 'ZZZZZ' });
    case 7: return hello({ resume: `forged-${Math.floor(next() * 1e9)}-token-xx` });
    case 8: return JSON.stringify({ type: ['start', 'pause', 'end', 'kick', 'next', 'team'][Math.floor(next() * 6)], player: 'p1' });
    case 9: return `${'['.repeat(500)}${']'.repeat(500)}`;
    case 10: return hello({ name: 'x'.repeat(200) });
    case 11: return hello({ team: 'red', teamKey: 'WRONG1' });
    // A spectator's join is news to everyone in the room: now and then, not at the fuzzer's full pace.
    case 12: return next() < 0.25 ? hello({ spectate: true }) : JSON.stringify({ type: 'ready', ready: true });
    case 13: return JSON.stringify({ type: 'act', seq: Math.floor(next() * 10), action: { type: 'place', kind: 'nope', region: 'mars' } });
    case 14: return next() < 0.05 ? 'x'.repeat(DEFAULTS.MAX_PAYLOAD_BYTES + 1) : JSON.stringify({ type: 'resync' });
    default: return next() < 0.02 ? hello({}) : JSON.stringify({ type: 'ping', t: next() });
  }
}

export interface FuzzerOptions {
  url: () => string;
  room: string;
  /** The loopback address its sockets come from. */
  from: string;
  framesPerSecond: number;
  /** Stops after this many frames. */
  maxFrames: number;
  seed: number;
}

/** Sockets open at once; each is closed by the server sooner or later (rate limit, refusals) and replaced. */
const POOL = 40;
/** Milliseconds between two rounds of sending. */
const STEP_MS = 20;

/** About `framesPerSecond` hostile frames a second over a pool of sockets, until stopped or `maxFrames`. */
export class Fuzzer {
  sent = 0;
  private readonly next: () => number;
  private readonly pool = new Set<WebSocket>();
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private budget = 0;

  constructor(private readonly o: FuzzerOptions) {
    this.next = draws(o.seed);
  }

  start(): void {
    this.last = performance.now();
    this.timer = setInterval(() => this.step(), STEP_MS);
  }

  private step(): void {
    for (let k = 0; this.pool.size < POOL && k < POOL / 4; k++) {
      const ws = new WebSocket(this.o.url(), { localAddress: this.o.from, perMessageDeflate: false });
      ws.on('error', () => {});
      ws.on('close', () => this.pool.delete(ws));
      this.pool.add(ws);
    }
    // The pace holds over time, without a burst after the server was down: at most two steps' worth at once.
    const now = performance.now();
    const perStep = (this.o.framesPerSecond * STEP_MS) / 1000;
    this.budget = Math.min(this.budget + ((now - this.last) / 1000) * this.o.framesPerSecond, 2 * perStep);
    this.last = now;
    const open = [...this.pool].filter((ws) => ws.readyState === WebSocket.OPEN);
    for (let i = 0; this.budget >= 1 && this.sent < this.o.maxFrames && open.length; i++) {
      open[i % open.length]!.send(frame(this.next, this.o.room));
      this.sent++;
      this.budget--;
    }
    if (this.sent >= this.o.maxFrames) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    for (const ws of this.pool) ws.terminate();
    this.pool.clear();
  }
}
