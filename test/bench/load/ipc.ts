// Messages between the load benchmark and the processes it starts (over Node's IPC channel).
import type { Usage } from './measure.js';

export interface RoomTicket {
  code: string;
  hostToken: string;
}

/** What the game server process tells the benchmark. */
export type ServerReport =
  | { type: 'ready'; port: number; rooms: RoomTicket[] }
  | { type: 'marked' }
  | {
    type: 'report';
    usage: Usage;
    /** RSS when the rooms were created, before anyone joined (bytes). */
    baseRss: number;
    /** Milliseconds each room's tick took (simulation, messages, sends). */
    tickMs: number[];
    /** Milliseconds each tick began after it was due. */
    lateMs: number[];
    /** Milliseconds from when each tick was due to when its work was done (its messages sent). */
    doneMs: number[];
    /** Wall time each room's tick was due, by `code:tick`. */
    due: Record<string, number>;
  };

/** What a bot process (or a process of bare baseline clients) tells the benchmark. */
export type BotsReport =
  | { type: 'joined'; bots: number }
  | {
    type: 'report';
    usage: Usage;
    /** Wall time a bot saw each room's tick, as `code:tick` with one arrival per bot. */
    arrivals: [string, number][];
    /** Or, where each message carries the time it was due, the delays themselves (ms). */
    delaysMs: number[];
  };

/** The benchmark's orders to a child: take a first reading now, or report since that reading. */
export type Order = { type: 'mark' } | { type: 'report' } | { type: 'stop' };
