import { WebSocket } from '../server/websocket.js';
import { describeAction } from './action-text.js';
import type { Action } from '../shared/action.js';
import type { Level } from '../shared/level.js';
import { CLOSE_CODES, ERROR_CODES, messagesOf, PROTOCOL_VERSION, rulesHash, serverMessageSchema, type ClientMessage, type RoomView, type ServerMessage, type ServerMessageOf } from '../shared/protocol.js';
import { DEFAULTS } from '../server/limits.js';
import { stateHash } from '../shared/state-hash.js';
import { backoffMs } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import { CONNECT_TIMEOUT_MS, describeEnding, type Destination, type Ending } from './connection-words.js';
import { EventTimeline } from './event-timeline.js';
import { GameReplica } from './game-replica.js';
import type { ConnectionState, GameSession, SessionListener, SessionMessage } from './session.js';
import { finalBoard, gameResults, leaderboardEntries } from './standings.js';

/** Actions kept while the connection is down, sent on the resume; more are refused at once. */
export const MAX_BUFFERED_ACTIONS = 8;
/** No frame from the server, not even its ping, for this long: the connection is dead though TCP has not noticed. */
const SILENCE_MS = 2 * DEFAULTS.HEARTBEAT_MS + 5_000;
/** Error code of an action the client itself could not send. */
export const NOT_SENT = 'NOT_SENT';

export interface WsSessionOptions {
  /** The server's ws:// or wss:// URL. */
  url: string;
  room: string;
  name: string;
  spectate?: boolean;
  /** Play in this team: its members share one architecture. */
  team?: string;
  /** The key of the team to join, which its members see (a new team needs none: it gets one). */
  teamKey?: string;
  clock?: Clock;
  /** Draws the jitter of reconnect waits. */
  random?: () => number;
}

/**
 * A seat in a room on a game server, over the protocol of shared/protocol.ts: hello, welcome,
 * numbered actions and their acks, and the player's game replayed here from one snapshot (see
 * GameReplica), checked against the hashes of the server's syncs. When the connection drops
 * it reconnects by itself (100 ms doubling up to 5 s) and takes its seat back with the resume token,
 * which the server replaces at every resume; actions made meanwhile wait, a few of them, and go out
 * once the seat is back. The connection's state is always told to the listeners.
 */
export class WsSession implements GameSession {
  readonly room: string;
  readonly playerName: string;
  /** Set by whoever runs the room in this process (solo play): the protocol gives a player no pause. */
  pause?: (paused: boolean) => void;
  private readonly clock: Clock;
  private readonly to: Destination;
  private readonly listeners = new Set<SessionListener>();
  private ws: WebSocket | undefined;
  private status: ConnectionState = 'connecting';
  /** Whether a welcome came, ever: only a seat once held is worth reconnecting to. */
  private joined = false;
  /** Failed reconnect attempts in a row. */
  private attempt = 0;
  private resumeToken: string | undefined;
  private playerId: string | undefined;
  /** The seat's team and its key, to show its member (welcome, or the host's assignment). */
  private team: { name: string; key: string } | undefined;
  private lastView: RoomView | undefined;
  private level: Level | undefined;
  private seed: number | undefined;
  /** Game tick of the latest message that told one. */
  private tick = 0;
  private timeline: EventTimeline | undefined;
  /** A player's copy of its game (none for a spectator). */
  private replica: GameReplica | undefined;
  /** A resync was asked and no snapshot has come since. */
  private resyncAsked = false;
  private resyncCount = 0;
  private nextSeq = 1;
  /** Actions sent and not acked yet, by number. */
  private readonly pending = new Map<number, Action>();
  /** Actions made while not connected, in order. */
  private readonly waiting: { seq: number; action: Action }[] = [];
  /** What the server or the socket said before the connection ended. */
  private refusal: Ending['refusal'];
  private failure: Error | undefined;
  /** Set when the server said it shut down: the attempts that fail after it still say so. */
  private hostClosed: string | undefined;
  private lastHeard = 0;
  private retryTimer: unknown;
  private silenceTimer: unknown;

  constructor(private readonly o: WsSessionOptions) {
    this.room = o.room;
    this.playerName = o.name;
    this.clock = o.clock ?? systemClock;
    this.to = { address: o.url, room: o.room, name: o.name };
  }

  /** Resyncs asked so far: each one a copy of the game gone astray (the UI never sees one). */
  get resyncs(): number {
    return this.resyncCount;
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.ws || this.status === 'closed') return;
    this.setConnection('connecting');
    this.connect();
  }

  act(action: Action): number {
    const seq = this.nextSeq++;
    if (this.status === 'connected') {
      this.pending.set(seq, action);
      this.send({ type: 'act', seq, action });
    } else if (this.status !== 'closed' && this.waiting.length < MAX_BUFFERED_ACTIONS) {
      this.waiting.push({ seq, action });
    } else {
      const message = this.status === 'closed' ? 'not sent: the connection is closed' : `not sent: the connection is down and ${MAX_BUFFERED_ACTIONS} actions already wait for it`;
      // After the caller has its number, as a server's answer would come.
      queueMicrotask(() => this.emit({ type: 'error', seq, action, code: NOT_SENT, message }));
    }
    return seq;
  }

  ready(ready: boolean): void {
    if (this.status === 'connected') this.send({ type: 'ready', ready });
  }

  close(): void {
    if (this.status === 'closed') return;
    this.status = 'closed';
    this.stopTimers();
    const ws = this.ws;
    this.ws = undefined;
    if (ws?.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'leave' } satisfies ClientMessage));
      ws.close();
    } else {
      ws?.terminate();
    }
    this.emit({ type: 'connection', state: 'closed', detail: 'you left the room' });
    this.listeners.clear();
  }

  private connect(): void {
    this.refusal = undefined;
    this.failure = undefined;
    const ws = new WebSocket(this.o.url, { handshakeTimeout: CONNECT_TIMEOUT_MS, perMessageDeflate: false });
    this.ws = ws;
    ws.on('open', () => {
      this.heard();
      this.watch();
      this.send({
        type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name: this.o.name, room: this.o.room,
        ...(this.resumeToken === undefined ? {} : { resume: this.resumeToken }), ...(this.o.spectate ? { spectate: true } : {}),
        ...(this.o.team === undefined ? {} : { team: this.o.team }),
        ...(this.o.teamKey === undefined ? {} : { teamKey: this.o.teamKey }),
      });
    });
    ws.on('message', (data, isBinary) => {
      this.heard();
      if (!isBinary) this.receive(String(data));
    });
    ws.on('ping', () => this.heard());
    ws.on('error', (e) => { this.failure ??= e; });
    ws.on('close', (code, reason) => {
      if (ws === this.ws) this.dropped(code, String(reason));
    });
  }

  private heard(): void {
    this.lastHeard = this.clock.now();
  }

  /** Checks now and then that the server still speaks (it pings every HEARTBEAT_MS, and games send more). */
  private watch(): void {
    this.silenceTimer = this.clock.setTimeout(() => {
      this.silenceTimer = undefined;
      if (this.clock.now() - this.lastHeard < SILENCE_MS) return this.watch();
      this.failure = new Error(`no word from the server for ${SILENCE_MS / 1000} s`);
      this.ws?.terminate();
    }, SILENCE_MS / 2);
  }

  private stopTimers(): void {
    if (this.retryTimer !== undefined) this.clock.clearTimeout(this.retryTimer);
    if (this.silenceTimer !== undefined) this.clock.clearTimeout(this.silenceTimer);
    this.retryTimer = undefined;
    this.silenceTimer = undefined;
  }

  private dropped(code: number, reason: string): void {
    this.ws = undefined;
    this.stopTimers();
    const verdict = describeEnding({ code, reason, refusal: this.refusal, failure: this.failure, joined: this.joined }, this.to);
    if (code === CLOSE_CODES.SHUTDOWN) this.hostClosed = verdict.text;
    // Nothing listens where the room was: that is still the host's doing, not a new trouble.
    const text = verdict.retry && this.hostClosed !== undefined ? this.hostClosed : verdict.text;
    if (!verdict.retry) {
      this.status = 'closed';
      this.emit({ type: 'connection', state: 'closed', detail: text });
      return;
    }
    const wait = backoffMs(this.attempt++, this.o.random);
    this.setConnection('reconnecting', text, this.clock.now() + wait);
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      this.setConnection('reconnecting', text);
      this.connect();
    }, wait);
  }

  private send(msg: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    for (const message of messagesOf(json)) {
      // A message this client does not know comes from a newer server: messages evolve additively.
      const parsed = serverMessageSchema.safeParse(message);
      if (parsed.success) this.handle(parsed.data);
    }
  }

  private handle(m: ServerMessage): void {
    switch (m.type) {
      case 'welcome': return this.welcome(m);
      case 'snapshot': return this.snapshot(m);
      case 'sync': return this.sync(m);
      case 'ack': return this.ack(m);
      case 'room': return this.roomView(m.room);
      case 'leaderboard':
        this.tick = m.tick;
        this.emit({ type: 'leaderboard', tick: m.tick, entries: leaderboardEntries(m.rows, this.playerId) });
        return this.tellEvents();
      case 'announce':
        // The level's own events are known from the level; only live ones are news.
        this.tick = m.tick;
        if (m.live) this.liveEvent(m);
        return this.tellEvents();
      case 'level': return this.newRound(m.level, m.seed, m.room);
      case 'error':
        this.refusal = { code: m.code, message: m.message };
        if (this.joined) this.emit({ type: 'notice', text: m.message });
        return;
      case 'results': return this.results(m);
      case 'debrief': return this.emit({ type: 'debrief', debrief: m.debrief });
      case 'activity': return this.activity(m);
      case 'team':
        this.team = m.team !== undefined && m.key !== undefined ? { name: m.team, key: m.key } : undefined;
        if (this.lastView) this.roomView(this.lastView);
        return;
      case 'pong': return;
    }
  }

  private welcome(m: ServerMessageOf<'welcome'>): void {
    const first = !this.joined;
    this.joined = true;
    this.attempt = 0;
    this.hostClosed = undefined;
    this.playerId = m.playerId;
    this.resumeToken = m.resumeToken;
    const teamName = m.room.players.find((p) => p.id === m.playerId)?.team;
    this.team = teamName !== undefined && m.teamKey !== undefined ? { name: teamName, key: m.teamKey } : undefined;
    this.setConnection('connected');
    // A seat with a game gets a snapshot next: the copy starts over from it.
    this.resyncAsked = false;
    this.replica?.drop();
    if (first || m.level.id !== this.level?.id || m.seed !== this.seed) this.newRound(m.level, m.seed, m.room);
    else this.roomView(m.room);
    // Actions the server processed while their acks were lost are done; the others go again, in order.
    for (const seq of this.pending.keys()) if (seq <= m.lastSeq) this.pending.delete(seq);
    this.nextSeq = Math.max(this.nextSeq, m.lastSeq + 1);
    for (const [seq, action] of this.pending) this.send({ type: 'act', seq, action });
    for (const { seq, action } of this.waiting.splice(0)) {
      this.pending.set(seq, action);
      this.send({ type: 'act', seq, action });
    }
  }

  private newRound(level: Level, seed: number, room: RoomView): void {
    this.level = level;
    this.seed = seed;
    this.timeline = new EventTimeline(level.events);
    this.replica = this.playerId === undefined ? undefined : new GameReplica(level, seed);
    this.emit({ type: 'level', level, spectator: this.playerId === undefined });
    this.roomView(room);
  }

  private roomView(v: RoomView): void {
    this.lastView = v;
    this.tick = v.tick;
    this.emit({
      type: 'room',
      room: {
        code: v.code, levelId: v.levelId, title: v.title, phase: v.phase, spectators: v.spectators,
        players: v.players.map((p) => ({ ...p, you: p.id === this.playerId })),
        ...(this.team ? { team: this.team } : {}),
        // Game milliseconds, taken as wall ones: a room that runs faster only starts sooner.
        ...(v.countdownMs === undefined ? {} : { startsAt: this.clock.now() + v.countdownMs }),
        ...(v.difficulty === undefined ? {} : { difficulty: v.difficulty }),
      },
    });
  }

  /** A base for the copy of the game: the server's whole state, checked against its hash. */
  private snapshot(m: ServerMessageOf<'snapshot'>): void {
    if (!this.replica) return;
    this.tick = m.tick;
    if (stateHash(m.state) !== m.hash) return this.lost(true);
    this.resyncAsked = false;
    this.replica.base(m.state);
    this.timeline?.syncLive(m.state.fired);
    this.show();
    this.tellEvents();
  }

  /** The games reached a tick: the copy steps up to it, and compares its hash when the sync has one. */
  private sync(m: ServerMessageOf<'sync'>): void {
    this.tick = m.tick;
    const replica = this.replica;
    if (!replica) return;
    // The round's first tick: every game starts the same, so this side makes its own.
    if (!replica.state && m.tick === 0) replica.fresh();
    // Without a copy, a sync with a hash asks again (a resync the server judged answered already).
    if (!replica.stepTo(m.tick) || (m.hash !== undefined && !replica.matches(m.hash))) return this.lost(m.hash !== undefined);
    this.show();
    this.tellEvents();
  }

  private ack(m: ServerMessageOf<'ack'>): void {
    const action = this.pending.get(m.seq);
    if (!action) {
      // An accepted action this client cannot replay (it forgot it): its game needs a new base.
      if (m.ok) this.lost();
      return;
    }
    this.pending.delete(m.seq);
    if (m.ok) {
      // The state with the action in goes first, so that what the ack moves (the cursor) finds it.
      this.replay(() => m.tick !== undefined && this.replica!.act(m.tick, action));
      this.emit({ type: 'ack', seq: m.seq, action, cost: m.cost ?? 0 });
    } else if (m.code !== ERROR_CODES.DUPLICATE_SEQ) {
      // A duplicate was processed before the connection dropped: its effect is in the state already.
      this.emit({ type: 'error', seq: m.seq, action, code: m.code ?? 'REFUSED', message: m.message ?? 'refused by the server' });
    }
  }

  /** A teammate's action on the shared architecture: who did what, and its effect at once. */
  private activity(m: ServerMessageOf<'activity'>): void {
    this.replay(() => this.replica!.act(m.tick, m.action));
    this.emit({ type: 'notice', text: `${m.name}: ${describeAction(m.action)}` });
  }

  /** A live event: it joins the timeline and the game, unless the host aimed it at another player's game. */
  private liveEvent(m: ServerMessageOf<'announce'>): void {
    if (m.aimedAt !== undefined && this.playerId !== undefined) {
      this.emit({ type: 'notice', text: `the host fired at ${m.aimedAt}'s game: ${m.text}` });
      return;
    }
    this.timeline?.addLive(m.event);
    this.replay(() => this.replica!.fire(m.tick, m.event));
  }

  /**
   * A change the server made to the game between two steps, applied to the copy at the same place.
   * Without a copy there is nothing to apply it to: the snapshot on its way includes it.
   */
  private replay(change: () => boolean): void {
    if (!this.replica?.state) return;
    if (change()) this.show();
    else this.lost();
  }

  /** The copy can no longer follow the server: it is dropped and a snapshot asked for (once, unless `again`). */
  private lost(again = false): void {
    this.replica?.drop();
    if (this.resyncAsked && !again) return;
    this.resyncAsked = true;
    this.resyncCount++;
    this.send({ type: 'resync' });
  }

  /** The copy to the UI: a copy of it, since the replica goes on changing its own in place. */
  private show(): void {
    const state = this.replica?.state;
    if (state) this.emit({ type: 'snapshot', tick: state.tick, state: structuredClone(state) });
  }

  private results(m: ServerMessageOf<'results'>): void {
    const state = this.replica?.state;
    const results = state && gameResults(m, this.playerId, state);
    if (results) this.emit({ type: 'results', results });
    else this.emit({ type: 'leaderboard', tick: m.tick, entries: finalBoard(m) });
  }

  /** The events' phase changes up to the latest tick heard. */
  private tellEvents(): void {
    if (!this.timeline || !this.level) return;
    for (const c of this.timeline.advance((this.tick * this.level.tickMs) / 1000)) this.emit({ type: 'announce', tick: this.tick, ...c });
  }

  private setConnection(state: ConnectionState, detail?: string, retryAt?: number): void {
    this.status = state;
    this.emit({ type: 'connection', state, ...(detail === undefined ? {} : { detail }), ...(retryAt === undefined ? {} : { retryAt }) });
  }

  private emit(message: SessionMessage): void {
    for (const l of this.listeners) l(message);
  }
}
