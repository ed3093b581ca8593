import type { Difficulty } from '../shared/difficulty.js';
import type { Action } from '../shared/action.js';
import type { Debrief } from '../shared/debrief/schema.js';
import type { GameResult } from '../shared/game.js';
import type { EventType, Level } from '../shared/level.js';
import type { Phase } from '../shared/protocol.js';
import type { GameState } from '../shared/state.js';

/**
 * What the UI talks to: a seat (or a spectator's place) in a room on a game server, solo play
 * included (a room of one on a server in this process). The UI only reads these messages and calls
 * the few methods below: it never knows whether a socket is behind them.
 */

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

/** A timeline event as players see it: announced ahead, then started, then over. */
export interface EventNotice {
  /** Tells the event apart from the round's others: the level's timeline first, then live ones. */
  index: number;
  type: EventType;
  /** What it is, in words. */
  text: string;
  /** Seconds from the start. */
  at: number;
  duration: number;
}

export type EventPhase = 'upcoming' | 'started' | 'ended';

export interface LeaderboardEntry {
  /** 1 for the best, as the server ranks (shared/ranking.ts: availability, then score, then the earlier finisher). */
  rank: number;
  name: string;
  availability: number;
  cost: number;
  score: number;
  you: boolean;
  /** When it ties the row above on availability and score: the tie-break in words. */
  tie?: string;
  /** False while the player's connection is down (the seat is kept). */
  connected: boolean;
  /** Nodes of its architecture down or cut off by a partition now. */
  down?: number;
}

/** A player's line of a round's final standings. */
interface StandingRow {
  rank: number;
  name: string;
  availability: number;
  score: number;
  passed: boolean;
  /** False when the host ended the round early: neither passed nor failed. */
  complete: boolean;
  you: boolean;
  /** As in LeaderboardEntry. */
  tie?: string;
}

export interface GameResults {
  result: GameResult;
  /** Failed legitimate requests per node id, per reason in FAILURE_REASONS order. */
  failedByNode: Record<string, number[]>;
  /** 1 for the best of the room. */
  rank: number;
  players: number;
  /** The tick the round ended at: before the level's last when the host ended it early. */
  endTick?: number;
  /** Everyone's results, best first (the top of the room when it is big). */
  standings: StandingRow[];
  /** In a series of levels: this round's place in it and the podium of the cumulative totals. */
  series?: SeriesPodium;
  /** The difficulty the round was played at, the same for everyone; absent: normal. */
  difficulty?: Difficulty;
}

interface SeriesPodium {
  level: number;
  of: number;
  final: boolean;
  /** The top of the cumulative totals, and the player's own row. */
  totals: { rank: number; name: string; score: number; rounds: number; you: boolean }[];
}

interface RoomPlayer {
  id: string;
  name: string;
  ready: boolean;
  connected: boolean;
  you: boolean;
}

/** The room as everyone in it sees it. */
export interface RoomInfo {
  code: string;
  levelId: string;
  title: string;
  phase: Phase;
  players: RoomPlayer[];
  spectators: number;
  /** The player's team and its key, for teammates to join with (`--team-key`); members only. */
  team?: { name: string; key: string };
  /** While counting down: when the first tick comes, on the session's clock. */
  startsAt?: number;
  /** The difficulty every game of the room is played at; absent: normal. */
  difficulty?: Difficulty;
}

export type SessionMessage =
  /** The round's level, once joined and again when the host moves on: a new game starts over. */
  | { type: 'level'; level: Level; spectator: boolean }
  | { type: 'room'; room: RoomInfo }
  /** The player's whole state; the UI reads it and never changes it. */
  | { type: 'snapshot'; tick: number; state: Readonly<GameState> }
  | { type: 'ack'; seq: number; action: Action; cost: number }
  /** A refused action: a rule's error code, or the server's (e.g. WRONG_PHASE while paused). */
  | { type: 'error'; seq: number; action: Action; code: string; message: string }
  | { type: 'announce'; tick: number; phase: EventPhase; event: EventNotice }
  /** The room's standings as of `tick`: all of them, or its top and the player's own line in a big room. */
  | { type: 'leaderboard'; tick: number; entries: LeaderboardEntry[] }
  /** `retryAt` (session clock) while waiting to reconnect; `detail` says why it dropped or closed. */
  | { type: 'connection'; state: ConnectionState; detail?: string; retryAt?: number }
  /** A word from the server about no action of the player's (a refused ready, a host's kick...). */
  | { type: 'notice'; text: string }
  | { type: 'results'; results: GameResults }
  /** The server's debrief of the player's game, worked out a little after the results. */
  | { type: 'debrief'; debrief: Debrief };

export type SessionListener = (message: SessionMessage) => void;

/** What the game screen's footer says and the keys the replay takes before the game's own. */
export interface ReplayControls {
  /** Takes space, Left and Right; returns false for any other key. */
  key(key: string): boolean;
  paused(): boolean;
  /** Game seconds shown now. */
  seconds(): number;
}

export interface GameSession {
  /** The room's code. */
  readonly room: string;
  readonly playerName: string;
  /** Messages from now on; returns the unsubscribe function. */
  subscribe(listener: SessionListener): () => void;
  /** Joins the room: a level, the room and (once the round runs) snapshots follow. */
  start(): void;
  /** Sends an action; returns its sequence number, which its ack or error carries. */
  act(action: Action): number;
  /** In the lobby: whether the player is ready to start. */
  ready(ready: boolean): void;
  /** Leaves the room for good and stops every timer. */
  close(): void;
  /** Pauses or resumes the round: only a solo session, whose room has no other player, has it. */
  pause?(paused: boolean): void;
  /** A replay's pause and seek (`nines replay`), taken before the game's keys, which are read-only. */
  readonly replayControls?: ReplayControls;
}
