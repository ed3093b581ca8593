import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { GameReplica } from '../../../client/game-replica.js';
import type { Action } from '../../../shared/action.js';
import type { Level } from '../../../shared/level.js';
import { ERROR_CODES, messagesOf, PROTOCOL_VERSION, rulesHash, type ServerMessage } from '../../../shared/protocol.js';
import { DEFAULTS } from '../../../server/limits.js';
import type { GameState } from '../../../shared/state.js';

/** Milliseconds between two attempts at reaching a server that is down. */
const RETRY_MS = 100;
/** Milliseconds between two actions of a player. */
const ACT_EVERY_MS = 250;
/** A slow reader asks for this many resyncs a second, under the rate limit, and reads none of the answers. */
const SLOW_RESYNCS_PER_SECOND = 10;

/** Ticks the copy stays behind the syncs: more than a room log's checkpoint interval, plus a sync's. */
const REPLICA_LAG_TICKS = DEFAULTS.CHECKPOINT_EVERY_TICKS + 2 * DEFAULTS.SYNC_EVERY_TICKS;

const UNLINK: Action = { type: 'unlink', from: 'app', to: 'db' };
const LINK: Action = { type: 'link', from: 'app', to: 'db' };

/**
 * A scripted player of the soak: it plays (unlinks and links its app and database in turn, one action
 * in flight at most), reconnects with its resume token whenever the server goes away, and checks
 * what the server restored against its own copy of its game: the copy steps by the same rules and
 * takes each acked action at its acked tick, so a snapshot after a restart must hash the same.
 */
export class SoakPlayer {
  /** Actions the server acked ok. */
  acked = 0;
  /** Acked actions the restored server had not processed (welcome's lastSeq below them). */
  lost = 0;
  hashChecks = 0;
  hashMismatches = 0;
  /** Restarts where an action was processed but its ack lost with the server: the copy takes the server's state. */
  uncertain = 0;
  roomFull = 0;
  /** Longest wall time between two syncs of one server's life, in ms. */
  maxSyncGapMs = 0;
  refusals: string[] = [];
  /** Where the longest gap fell: how long after the player's last welcome. */
  worstGapAt = '';
  private welcomedAt = 0;
  private ws: WebSocket | undefined;
  private token: string | undefined;
  private seq = 0;
  private inFlight: number | undefined;
  private lastAckedSeq = -1;
  private linked = true;
  private replica: GameReplica;
  private started = false;
  private lastSyncAt: number | undefined;
  private actTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Resolves at the next snapshot checked (or taken) after a welcome. */
  private onChecked: (() => void) | undefined;

  constructor(
    private readonly url: () => string,
    private readonly room: string,
    readonly name: string,
    level: Level,
    private readonly from: string,
    readonly slow = false,
  ) {
    this.replica = new GameReplica(level, level.seed);
  }

  /** Connects, says hello, and resolves at the welcome. */
  join(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.connect((m) => (m.type === 'welcome' ? resolve() : reject(new Error(`${this.name}: expected a welcome, got ${m.type === 'error' ? `${m.code}: ${m.message}` : m.type}`))));
    });
  }

  /** Resolves once the player is back after a restart and has checked its game against the server's. */
  back(): Promise<void> {
    return new Promise((resolve) => { this.onChecked = resolve; });
  }

  private connect(first?: (m: ServerMessage) => void): void {
    if (this.stopped) return;
    const ws = new WebSocket(this.url(), { localAddress: this.from, perMessageDeflate: false });
    this.ws = ws;
    ws.on('error', () => {});
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name: this.name, room: this.room, ...(this.token ? { resume: this.token } : {}) }));
    });
    ws.on('message', (data) => {
      for (const m of messagesOf(JSON.parse(String(data))) as ServerMessage[]) {
        if (first && (m.type === 'welcome' || m.type === 'error')) {
          first(m);
          first = undefined;
        }
        this.receive(m);
      }
    });
    ws.on('close', () => {
      if (ws !== this.ws || this.stopped) return;
      this.lastSyncAt = undefined;
      setTimeout(() => this.connect(), RETRY_MS);
    });
  }

  private receive(m: ServerMessage): void {
    switch (m.type) {
      case 'welcome': return this.welcome(m);
      case 'snapshot': return this.snapshot(m.tick, m.hash, m.state);
      case 'sync': {
        const now = performance.now();
        if (this.lastSyncAt !== undefined && now - this.lastSyncAt > this.maxSyncGapMs) {
          this.maxSyncGapMs = now - this.lastSyncAt;
          this.worstGapAt = `${Math.round(now - this.welcomedAt)} ms after its welcome, sync tick ${m.tick}`;
        }
        this.lastSyncAt = now;
        if (!this.started) {
          this.started = true;
          this.replica.fresh();
          if (this.slow) this.beSlow();
          else this.actTimer = setInterval(() => this.act(), ACT_EVERY_MS);
        }
        // The copy keeps up as the game goes (a restart then costs a few ticks, not the whole game), but
        // stays behind what the log surely holds: a restarted room goes on from its last checkpoint.
        if (!this.slow && this.replica.state && this.replica.state.tick < m.tick - REPLICA_LAG_TICKS) this.replica.stepTo(m.tick - REPLICA_LAG_TICKS);
        return;
      }
      case 'ack':
        if (m.seq !== this.inFlight) return;
        this.inFlight = undefined;
        this.lastAckedSeq = m.seq;
        if (!m.ok) return void this.refusals.push(`${m.code}: ${m.message}`);
        this.acked++;
        this.replica.act(m.tick!, this.linked ? UNLINK : LINK);
        this.linked = !this.linked;
        return;
      case 'error':
        if (m.code === ERROR_CODES.ROOM_FULL) this.roomFull++;
        return;
      default:
    }
  }

  private welcome(m: Extract<ServerMessage, { type: 'welcome' }>): void {
    this.welcomedAt = performance.now();
    const resumed = this.token !== undefined;
    this.token = m.resumeToken;
    if (!resumed) return;
    if (this.slow && this.started) return this.beSlow();
    if (this.lastAckedSeq > m.lastSeq) this.lost += this.lastAckedSeq - m.lastSeq;
    // An action the server processed whose ack died with it: its outcome is the server's to tell.
    if (this.inFlight !== undefined && this.inFlight <= m.lastSeq) this.uncertainNext = true;
    this.inFlight = undefined;
    this.seq = Math.max(this.seq, m.lastSeq);
  }

  private uncertainNext = false;

  private snapshot(tick: number, hash: string, state: GameState): void {
    if (this.uncertainNext || !this.started) {
      this.uncertainNext = false;
      if (this.started) this.uncertain++;
      this.replica.base(state);
      this.started = true;
      this.linked = state.links.some((l) => l.from === 'app' && l.to === 'db');
    } else {
      this.hashChecks++;
      if (!this.replica.stepTo(tick) || !this.replica.matches(hash)) {
        this.hashMismatches++;
        this.replica.base(state);
      }
    }
    this.onChecked?.();
    this.onChecked = undefined;
  }

  private act(): void {
    if (this.inFlight !== undefined || this.ws?.readyState !== WebSocket.OPEN || this.lastSyncAt === undefined) return;
    this.inFlight = ++this.seq;
    this.ws.send(JSON.stringify({ type: 'act', seq: this.inFlight, action: this.linked ? UNLINK : LINK }));
  }

  /** Stops reading its socket and keeps asking for resyncs: the server must skip its frames, then drop it, and nobody else slows. */
  private beSlow(): void {
    clearInterval(this.actTimer);
    const ws = this.ws!;
    (ws as unknown as { _socket: Socket })._socket.pause();
    this.actTimer = setInterval(() => {
      if (this.ws === ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'resync' }));
    }, 1000 / SLOW_RESYNCS_PER_SECOND);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.actTimer);
    this.ws?.terminate();
  }
}
