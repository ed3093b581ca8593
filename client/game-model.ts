import type { Action } from '../shared/action.js';
import type { Debrief } from '../shared/debrief/schema.js';
import type { Level } from '../shared/level.js';
import type { Phase } from '../shared/protocol.js';
import { FAILURE_REASONS } from '../shared/reasons.js';
import { nodeOutages } from '../shared/sim/index.js';
import type { GameState } from '../shared/state.js';
import { describeAction } from './action-text.js';
import { compact, money } from './format.js';
import { outageNews, worstOutage } from './health.js';
import type { ConnectionState, EventNotice, EventPhase, GameResults, LeaderboardEntry, SessionMessage } from './session.js';
import type { Style } from './styled.js';

/** Seconds of history the availability chart and the inspector keep. */
export const HISTORY_SECONDS = 120;
/** Lines the event log keeps. */
const LOG_LIMIT = 200;
/** Seconds between failure summaries in the log: often enough to follow, rarely enough to read. */
const FAILURE_LOG_SECONDS = 3;
/** Failure causes named per summary. */
const FAILURE_LOG_TOP = 2;
/** Failed requests below which a cause is not worth a log line. */
const FAILURE_LOG_MIN = 1;

/** One second of the game, as the charts show it. */
export interface Sample {
  /** Game second this sample ends at. */
  t: number;
  /** Good over settled requests during that second (1 when none settled). */
  availability: number;
  /** Spent so far: building plus upkeep. */
  cost: number;
}

/** A node's metrics second by second, newest last. */
export interface NodeHistory {
  /** Busy share, 0..1. */
  load: number[];
  /** Requests arriving per second. */
  rps: number[];
  /** Legitimate requests failed at the node per second, per reason in FAILURE_REASONS order. */
  failed: number[][];
  /** Malicious requests it blocked per second. */
  blocked: number[];
}

export interface LogEntry {
  /** Game seconds. */
  t: number;
  text: string;
  style: Style;
}

export interface ActiveEvent {
  notice: EventNotice;
  phase: EventPhase;
}

/** Answers to the player's own actions, for the UI to show where the player is looking. */
export type Outcome = { ok: true; action: Action; cost: number } | { ok: false; action: Action; code: string; message: string };

/**
 * What the client knows about its game, built from the session's messages: the latest state, and
 * what the screens need that a single state cannot give (history, the log, announcements).
 */
export class GameModel {
  connection: ConnectionState = 'connecting';
  /** While waiting to reconnect: when the next attempt comes, on the session's clock. */
  retryAt: number | undefined;
  /** The room's phase: the game runs, or is paused, or is over. */
  phase: Phase = 'running';
  state: Readonly<GameState> | undefined;
  leaderboard: LeaderboardEntry[] = [];
  results: GameResults | undefined;
  /** What failed and what would have saved it, once the server has worked it out. */
  debrief: Debrief | undefined;
  /** Announced and running events by timeline index; ended ones leave. */
  readonly events = new Map<number, ActiveEvent>();
  readonly samples: Sample[] = [];
  /** Each node's metrics, one value per second, newest last. */
  readonly history = new Map<string, NodeHistory>();
  readonly log: LogEntry[] = [];
  /** Bumped on every change worth a redraw. */
  revision = 0;
  private lastSecond = 0;
  private prevGood = 0;
  private prevSettled = 0;
  private failuresSeen: Record<string, number[]> = {};
  /** Each node's failure counts at the last sample, to chart its failures per second. */
  private failedAtSample: Record<string, number[]> = {};
  /** Each node's worst outage at the last sample, as a key, so the log tells each change once. */
  private readonly outageSeen = new Map<string, string>();
  private lastFailureLog = 0;

  constructor(readonly level: Level, readonly room: string) {}

  get seconds(): number {
    return (this.state?.tick ?? 0) * (this.level.tickMs / 1000);
  }

  get timeLeft(): number {
    return Math.max(0, this.level.durationSeconds - this.seconds);
  }

  get cost(): number {
    return this.state ? this.state.built + this.state.upkeep : 0;
  }

  /** Availability so far: good over settled requests. */
  get availability(): number {
    if (!this.state) return 1;
    const failed = this.state.totals.failed.reduce((a, b) => a + b, 0);
    const settled = this.state.totals.good + failed;
    return settled > 0 ? Math.min(1, this.state.totals.good / settled) : 1;
  }

  /** Takes one message in; returns the player's action outcome when it is one. */
  apply(m: SessionMessage): Outcome | undefined {
    this.revision++;
    switch (m.type) {
      case 'snapshot':
        this.state = m.state;
        this.sample();
        return undefined;
      case 'connection':
        this.connectionChange(m.state, m.detail);
        this.retryAt = m.retryAt;
        return undefined;
      case 'room':
        if (m.room.phase !== this.phase && (m.room.phase === 'paused' || this.phase === 'paused')) this.addLog(m.room.phase === 'paused' ? 'the game is paused' : 'the game goes on', 'warn');
        this.phase = m.room.phase;
        return undefined;
      case 'notice':
        this.addLog(m.text, 'warn');
        return undefined;
      case 'level':
        // A new level is a new game: the App makes a new model for it.
        return undefined;
      case 'leaderboard':
        this.leaderboard = m.entries;
        return undefined;
      case 'debrief':
        this.debrief = m.debrief;
        return undefined;
      case 'results':
        this.results = m.results;
        this.addLog(`game over: ${m.results.result.passed ? 'passed' : m.results.result.complete ? 'failed' : 'ended early, not scored as a pass'}, score ${m.results.result.score}`, m.results.result.passed ? 'ok' : 'bad');
        return undefined;
      case 'announce':
        this.announce(m.phase, m.event);
        return undefined;
      case 'ack':
        this.addLog(`${describeAction(m.action)}${m.cost > 0 ? ` (cost ${money(m.cost)})` : ''}`, 'ok');
        return { ok: true, action: m.action, cost: m.cost };
      case 'error':
        this.addLog(`refused: ${describeAction(m.action)}: ${m.message}`, 'bad');
        return { ok: false, action: m.action, code: m.code, message: m.message };
    }
  }

  /** Drops and comebacks go to the log once each, not at every attempt. */
  private connectionChange(state: ConnectionState, detail: string | undefined): void {
    const was = this.connection;
    this.connection = state;
    if (state === was) return;
    if (state === 'reconnecting' && was === 'connected') this.addLog(`connection lost: ${detail ?? 'dropped'}; reconnecting`, 'bad');
    else if (state === 'connected' && was === 'reconnecting') this.addLog('reconnected: the seat is yours again', 'ok');
    else if (state === 'closed' && detail) this.addLog(`disconnected: ${detail}`, 'bad');
  }

  private announce(phase: EventPhase, notice: EventNotice): void {
    if (phase === 'ended') {
      this.events.delete(notice.index);
      this.addLog(`over: ${notice.text}`, 'muted');
      return;
    }
    this.events.set(notice.index, { notice, phase });
    // An event due at once gets its start logged, not a countdown of nothing.
    if (phase === 'upcoming') { if (notice.at > this.seconds) this.addLog(`in ${Math.round(notice.at - this.seconds)}s: ${notice.text}`, 'warn'); }
    else this.addLog(`now: ${notice.text}`, 'bad');
  }

  addLog(text: string, style: Style): void {
    this.log.push({ t: this.seconds, text, style });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  /** One sample per game second, so the charts do not depend on how often snapshots come. */
  private sample(): void {
    const s = this.state!;
    const second = Math.floor(this.seconds + 1e-9);
    if (second <= this.lastSecond) return;
    const elapsed = second - this.lastSecond;
    this.lastSecond = second;
    const failed = s.totals.failed.reduce((a, b) => a + b, 0);
    const good = s.totals.good - this.prevGood;
    const settled = s.totals.good + failed - this.prevSettled;
    this.prevGood = s.totals.good;
    this.prevSettled = s.totals.good + failed;
    this.samples.push({ t: second, availability: settled > 0 ? Math.min(1, good / settled) : 1, cost: s.built + s.upkeep });
    if (this.samples.length > HISTORY_SECONDS) this.samples.shift();
    for (const n of s.nodes) {
      let h = this.history.get(n.id);
      const fresh = !h;
      if (!h) this.history.set(n.id, (h = { load: [], rps: [], failed: [], blocked: [] }));
      const m = n.metrics;
      h.load.push(m.utilization);
      h.rps.push(m.arrivalRps);
      h.failed.push(this.failedPerSecond(n.id, fresh ? undefined : elapsed));
      h.blocked.push(m.blockedRps);
      if (h.load.length > HISTORY_SECONDS) { h.load.shift(); h.rps.shift(); h.failed.shift(); h.blocked.shift(); }
    }
    this.logOutages();
    if (second - this.lastFailureLog >= FAILURE_LOG_SECONDS) {
      this.lastFailureLog = second;
      this.logFailures();
    }
  }

  /**
   * A node's failures per second and reason since the last sample, from the state's running counts;
   * none for a node first seen now (its counts so far span more than a second).
   */
  private failedPerSecond(id: string, elapsed: number | undefined): number[] {
    const row = this.state!.failedByNode[id];
    const before = this.failedAtSample[id];
    const out = FAILURE_REASONS.map((_, i) => (elapsed === undefined ? 0 : Math.max(0, ((row?.[i] ?? 0) - (before?.[i] ?? 0)) / elapsed)));
    if (row) this.failedAtSample[id] = [...row];
    return out;
  }

  /** A node going down, failing over, cut off, or back: one log line at each change. */
  private logOutages(): void {
    for (const n of this.state!.nodes) {
      const o = worstOutage(nodeOutages(this.level, this.state!, n));
      const key = o ? `${o.type} ${o.type === 'unreachable' ? o.from.join(',') : ''}` : '';
      if (key === (this.outageSeen.get(n.id) ?? '')) continue;
      this.outageSeen.set(n.id, key);
      const news = outageNews(n.id, o, this.seconds);
      this.addLog(news.text, news.style);
    }
  }

  /** The causes that failed the most requests since the last summary, with the nodes to blame. */
  private logFailures(): void {
    const now = this.state!.failedByNode;
    const rises: { node: string; reason: string; n: number }[] = [];
    for (const [node, row] of Object.entries(now)) {
      const before = this.failuresSeen[node];
      row.forEach((count, i) => {
        const n = count - (before?.[i] ?? 0);
        if (n >= FAILURE_LOG_MIN) rises.push({ node, reason: FAILURE_REASONS[i]!, n });
      });
    }
    this.failuresSeen = Object.fromEntries(Object.entries(now).map(([k, v]) => [k, [...v]]));
    rises.sort((a, b) => b.n - a.n);
    for (const r of rises.slice(0, FAILURE_LOG_TOP)) this.addLog(`${r.node} ${r.reason}: ${compact(r.n)} failed`, 'bad');
  }
}
