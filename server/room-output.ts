import type { GameLog } from '../shared/game-log.js';
import type { Level } from '../shared/level.js';
import type { CloseCode, ServerMessage, ServerMessageOf } from '../shared/protocol.js';
import type { RoomEntry } from './room-entry.js';

export type RoomOutput =
  /**
   * A message, already serialised (a game moves on within one input, so a snapshot is taken as text
   * at once). Droppable messages are superseded by the next of their kind: a slow client may skip them.
   */
  | { type: 'send'; to: readonly number[]; kind: ServerMessage['type']; data: string; droppable: boolean }
  | { type: 'close'; conn: number; code: CloseCode; reason: string }
  | { type: 'log'; entry: RoomEntry }
  /** A round's results, to keep on disk with what replays each game (the level, the seed, each row's game log) and the players' names. */
  | { type: 'results'; round: number; msg: ServerMessageOf<'results'>; level: Level; seed: number; logs: Record<string, GameLog>; players: Record<string, string> }
  /**
   * For the host's log: who joined, what was refused and why. Notes of one `repeats` key (a reason a
   * flood repeats) are counted into one line a second.
   */
  | { type: 'note'; level: 'debug' | 'info' | 'warn'; text: string; repeats?: string };

export type Out = RoomOutput[];

export function send(out: Out, to: readonly number[], msg: ServerMessage, droppable = false): void {
  if (to.length) out.push({ type: 'send', to, kind: msg.type, data: JSON.stringify(msg), droppable });
}

/** The same for a message serialized once and sent again (a leaderboard period's shared boards). */
export function sendText(out: Out, to: readonly number[], kind: ServerMessage['type'], data: string, droppable = false): void {
  if (to.length) out.push({ type: 'send', to, kind, data, droppable });
}
