import type { Action } from '../../shared/action.js';
import type { Level } from '../../shared/level.js';
import { prepareLevel, type LevelRuntime } from '../../shared/level-runtime.js';
import type { Phase } from '../../shared/protocol.js';
import { Random } from '../../shared/random.js';
import type { GameState } from '../../shared/state.js';
import type { GameSession, SessionMessage } from '../session.js';
import { WsSession } from '../ws-session.js';
import { STRATEGIES, type StrategyName } from './strategies.js';
import type { Strategy } from './strategy.js';

/** Seconds of game time between two decisions of a bot: a person's pace, and light on the CPU. */
const DECIDE_EVERY_SECONDS = 1;
/** Most actions a bot sends at once (the rest follow once they are answered): well inside the server's message rate limit. */
export const MAX_ACTIONS_PER_DECISION = 10;
/** Bots that open their connection at once; the next batch waits JOIN_INTERVAL_MS, so a thousand do not knock together. */
const JOIN_BATCH = 50;
const JOIN_INTERVAL_MS = 100;

/** The name of the run's bot number i (from 0). */
export function botName(prefix: string, i: number): string {
  return `${prefix}-${i + 1}`;
}

/** Game ticks between two decisions. */
export function decisionTicks(rt: LevelRuntime): number {
  return Math.max(1, Math.round(DECIDE_EVERY_SECONDS / rt.dt));
}

/** How a bot's stay in the room ended. */
type BotOutcome = 'results' | 'ended' | 'closed' | 'stopped' | 'crashed';

export interface BotResult {
  name: string;
  outcome: BotOutcome;
  /** With results: the bot's line of the standings. */
  rank?: number;
  players?: number;
  availability?: number;
  score?: number;
  passed?: boolean;
  /** What its game cost, and the level's budget. */
  cost?: number;
  budget?: number;
  /** Actions sent, and of them the ones the server refused. */
  sent: number;
  refused: number;
  /** Why it left without results (the connection's last word, or the strategy's error). */
  detail?: string;
}

export interface BotRunOptions {
  /** The server's ws:// or wss:// URL. */
  url: string;
  room: string;
  count: number;
  strategy: StrategyName;
  /** Bots are named `<prefix>-1`, `<prefix>-2`... */
  prefix: string;
  /** Bot i draws its random choices from seed + i. */
  seed: number;
  /** Every bot joins this team, and the first one alone plays: they share one architecture. */
  team?: string;
  /** The team's key, if it exists already; without one the first bot makes the team and the others use its key. */
  teamKey?: string;
  /** Each bot's result, as it comes. */
  onResult?: (result: BotResult) => void;
  /** Once every bot is seated and ready in the lobby (or gone): how many wait there for the host to start. */
  onLobby?: (ready: number) => void;
  /** Every message each bot's session tells, before the bot acts on it (a benchmark's stopwatch). */
  watch?: (bot: number, message: SessionMessage) => void;
}

export interface BotRun {
  /** Settles once every bot has joined the room (has its level) or has given up. */
  readonly joined: Promise<void>;
  /** Every bot's result, in the bots' order, once all are done. */
  readonly done: Promise<BotResult[]>;
  /** Makes every bot still in the room leave it. */
  stop(): void;
}

/** A round's level prepared once for all the bots of a run: the same level in every bot's welcome. */
class Runtimes {
  private readonly byText = new Map<string, { level: Level; rt: LevelRuntime }>();

  get(level: Level): { level: Level; rt: LevelRuntime } {
    const key = JSON.stringify(level);
    let found = this.byText.get(key);
    if (!found) {
      found = { level, rt: prepareLevel(level) };
      this.byText.set(key, found);
    }
    return found;
  }
}

/**
 * One headless player: a GameSession it listens to, marks ready in the lobby, and plays through
 * its strategy on the snapshots it gets, one decision per DECIDE_EVERY_SECONDS at most and never
 * while actions of its last one are unanswered. No timer of its own.
 */
class Bot {
  private round: { level: Level; rt: LevelRuntime } | undefined;
  private phase: Phase = 'lobby';
  private readyAsked = false;
  /** The server showed this bot ready in the lobby (told once). */
  private seenReady = false;
  private nextDecision: number;
  private unanswered = 0;
  /** Actions decided but not sent yet: past MAX_ACTIONS_PER_DECISION, they wait for the answers to the first. */
  private later: Action[] = [];
  private sent = 0;
  private refused = 0;
  private over = false;
  private readonly off: () => void;

  constructor(
    readonly session: GameSession,
    private readonly strategy: Strategy,
    private readonly random: Random,
    /** The bot's number in its run (from 0). */
    private readonly index: number,
    private readonly runtimes: Runtimes,
    private readonly events: { joined(): void; ready(): void; finished(result: BotResult): void },
    watch?: (bot: number, message: SessionMessage) => void,
  ) {
    this.nextDecision = 0;
    this.off = session.subscribe(watch ? (m) => { watch(index, m); this.message(m); } : (m) => this.message(m));
  }

  stop(): void {
    this.finish({ outcome: 'stopped' });
  }

  private message(m: SessionMessage): void {
    switch (m.type) {
      case 'level':
        this.round = this.runtimes.get(m.level);
        this.later = [];
        // The bots' decisions are spread over the decision period, as a crowd's would be: a run of a
        // thousand that all decided on the round's first tick would hit the server (and this process)
        // with every first move at once.
        this.nextDecision = this.index % decisionTicks(this.round.rt);
        this.events.joined();
        return;
      case 'room': {
        this.phase = m.room.phase;
        if (m.room.phase === 'ended') return this.finish({ outcome: 'ended', detail: 'the round ended before this bot had a game' });
        const me = m.room.players.find((p) => p.you);
        if (m.room.phase !== 'lobby') this.readyAsked = false;
        else if (me && !me.ready && !this.readyAsked) {
          this.readyAsked = true;
          this.session.ready(true);
        } else if (me?.ready && !this.seenReady) {
          this.seenReady = true;
          this.events.ready();
        }
        return;
      }
      case 'snapshot': return this.decide(m.tick, m.state);
      case 'ack':
        this.unanswered--;
        return;
      case 'error':
        this.unanswered--;
        this.refused++;
        return;
      case 'results': {
        const { result, rank, players } = m.results;
        return this.finish({
          outcome: 'results', rank, players, availability: result.availability, score: result.score, passed: result.passed, cost: result.cost,
          ...(this.round ? { budget: this.round.level.budget } : {}),
        });
      }
      case 'connection':
        if (m.state === 'closed') this.finish({ outcome: 'closed', ...(m.detail === undefined ? {} : { detail: m.detail }) });
        return;
      default:
        return;
    }
  }

  private decide(tick: number, state: Readonly<GameState>): void {
    if (!this.round || this.phase !== 'running' || this.unanswered > 0) return;
    // The rest of a long decision goes first: each action was checked after the ones before it.
    if (!this.later.length) {
      if (tick < this.nextDecision) return;
      this.nextDecision = tick + decisionTicks(this.round.rt);
      try {
        this.later = this.strategy({ ...this.round, state }, this.random);
      } catch (e) {
        return this.finish({ outcome: 'crashed', detail: e instanceof Error ? e.message : String(e) });
      }
    }
    for (const action of this.later.splice(0, MAX_ACTIONS_PER_DECISION)) {
      this.unanswered++;
      this.sent++;
      this.session.act(action);
    }
  }

  private finish(end: Omit<BotResult, 'name' | 'sent' | 'refused'>): void {
    if (this.over) return;
    this.over = true;
    this.off();
    this.session.close();
    this.events.finished({ name: this.session.playerName, ...end, sent: this.sent, refused: this.refused });
  }
}

/**
 * Seats `count` bots in a room over the real protocol (a WsSession each), batch after batch, and
 * lets each play its round with the strategy; each leaves the room when the round ends.
 */
export function runBots(o: BotRunOptions): BotRun {
  const strategy = STRATEGIES[o.strategy];
  const runtimes = new Runtimes();
  const results: (BotResult | undefined)[] = new Array(o.count).fill(undefined);
  const bots: Bot[] = [];
  let waiting = o.count;
  let unfinished = o.count;
  /** Bots the server shows ready in the lobby, and bots that left before. */
  let ready = 0;
  let goneUnready = 0;
  let lobbyTold = false;
  const inLobby = () => {
    if (lobbyTold || ready === 0 || ready + goneUnready < o.count) return;
    lobbyTold = true;
    o.onLobby?.(ready);
  };
  let settleJoined!: () => void;
  let settleDone!: (r: BotResult[]) => void;
  const joined = new Promise<void>((resolve) => { settleJoined = resolve; });
  const done = new Promise<BotResult[]>((resolve) => { settleDone = resolve; });
  const arrived = () => {
    if (--waiting === 0) settleJoined();
  };
  const record = (i: number, result: BotResult) => {
    results[i] = result;
    o.onResult?.(result);
    if (--unfinished === 0) settleDone(results as BotResult[]);
  };
  if (o.count === 0) {
    settleJoined();
    settleDone([]);
  }

  let teamKey = o.teamKey;
  let stopped = false;
  const launch = (i: number) => {
    const session = new WsSession({
      url: o.url, room: o.room, name: botName(o.prefix, i), ...(o.team === undefined ? {} : { team: o.team }), ...(teamKey === undefined ? {} : { teamKey }),
    });
    let counted = false;
    const count = () => {
      if (counted) return;
      counted = true;
      arrived();
    };
    // Teammates share one architecture: one of them decides, or each would repeat the others' moves.
    const plays = o.team !== undefined && i > 0 ? STRATEGIES.idle : strategy;
    let readied = false;
    bots.push(new Bot(session, plays, new Random((o.seed + i) >>> 0), i, runtimes, {
      joined: count,
      ready: () => {
        readied = true;
        ready++;
        inLobby();
      },
      finished: (result) => {
        count();
        if (!readied) goneUnready++;
        record(i, result);
        inLobby();
      },
    }, o.watch));
    session.start();
  };

  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const batch = () => {
    timer = undefined;
    for (const end = Math.min(o.count, next + JOIN_BATCH); next < end; next++) launch(next);
    if (next < o.count) timer = setTimeout(batch, JOIN_INTERVAL_MS);
  };
  if (o.team !== undefined && teamKey === undefined && o.count > 1) {
    // The first bot makes the team; the others join it with the key it is given (or, if it gets none, are told why).
    launch(next++);
    const first = bots[0]!.session;
    let waited = false;
    const unsubscribe = first.subscribe((m) => {
      if (waited) return;
      const key = m.type === 'room' ? m.room.team?.key : undefined;
      if (key === undefined && !(m.type === 'connection' && m.state === 'closed')) return;
      waited = true;
      teamKey = key;
      queueMicrotask(() => unsubscribe());
      if (!stopped) timer = setTimeout(batch, 0);
    });
  } else {
    batch();
  }

  return {
    joined,
    done,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      // Bots never launched leave as stopped too, so that `done` settles.
      for (; next < o.count; next++) {
        arrived();
        record(next, { name: botName(o.prefix, next), outcome: 'stopped', sent: 0, refused: 0 });
      }
      for (const b of bots) b.stop();
    },
  };
}
