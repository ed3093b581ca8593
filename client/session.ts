import type { Action } from '../shared/action.js';
import type { RuleErrorCode } from '../shared/errors.js';
import type { GameResult } from '../shared/game.js';
import type { EventType, Level } from '../shared/level.js';
import type { GameState } from '../shared/state.js';

/**
 * What the UI talks to: a game in this process or, later, a seat in a room on a server. The messages
 * mirror a server's (snapshot, ack, error, announce, leaderboard, results) so that a WebSocket session
 * can implement the same interface without the UI noticing.
 */

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** A timeline event as players see it: announced ahead, then started, then over. */
export interface EventNotice {
  /** Place in the level's timeline. */
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
  name: string;
  availability: number;
  cost: number;
  score: number;
  you: boolean;
}

export interface GameResults {
  result: GameResult;
  /** Failed legitimate requests per node id, per reason in FAILURE_REASONS order. */
  failedByNode: Record<string, number[]>;
  /** 1 for the best score of the room. */
  rank: number;
  players: number;
}

export type SessionMessage =
  /** The player's whole state; the UI reads it and never changes it. */
  | { type: 'snapshot'; tick: number; state: Readonly<GameState> }
  | { type: 'ack'; seq: number; action: Action; cost: number }
  | { type: 'error'; seq: number; action: Action; code: RuleErrorCode; message: string }
  | { type: 'announce'; tick: number; phase: EventPhase; event: EventNotice }
  | { type: 'leaderboard'; entries: LeaderboardEntry[] }
  | { type: 'connection'; state: ConnectionState; detail?: string }
  | { type: 'results'; results: GameResults };

export type SessionListener = (message: SessionMessage) => void;

export interface GameSession {
  /** The room's code; a solo game has its own. */
  readonly room: string;
  readonly level: Level;
  readonly playerName: string;
  /** Messages from now on; returns the unsubscribe function. */
  subscribe(listener: SessionListener): () => void;
  /** Joins (or starts) the game: a snapshot follows. */
  start(): void;
  /** Sends an action; returns its sequence number, which its ack or error carries. */
  act(action: Action): number;
  /** Leaves the game and stops its timers. */
  close(): void;
}
