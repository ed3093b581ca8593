import { batchFrame, MAX_BATCH_MESSAGES } from '../shared/protocol.js';

/** One message for one connection. `kind` is its type: a droppable one replaces an unsent one of the same kind. */
export interface OutFrame {
  data: string;
  droppable: boolean;
  kind: string;
}

/** What the outbox needs of a socket (a ws WebSocket has it). */
export interface FrameSink {
  readonly bufferedAmount: number;
  /** `written` runs once the frame has left the buffer. */
  send(data: string, written: () => void): void;
}

interface OutboxLimits {
  /** Buffered bytes past which droppable frames wait instead of being sent. */
  skipAt: number;
  /** Buffered bytes past which the client is given up on. */
  maxBuffered: number;
}

/**
 * One client's send path. A slow reader never slows the room and never grows memory without bound:
 * while its buffer is full, droppable frames (leaderboards, room views, each superseded by the next
 * of its kind) are not queued; only the newest of each kind is kept, and sent once the buffer drains.
 * The game's stream (snapshots, syncs, acks, activity, announces) is never skipped: the client replays
 * it, and a gap would break its copy. A client so far behind that even those would overflow is
 * dropped; it may reconnect, and its resume brings a fresh snapshot.
 */
export class Outbox {
  private readonly newest = new Map<string, string>();
  /** Frames never sent because a newer one of their kind replaced them. */
  skipped = 0;
  /** Frames handed to the socket, and the messages they carried (a batch carries several). */
  frames = 0;
  messages = 0;
  private readonly written = () => {
    if (this.newest.size) this.flush();
  };

  constructor(private readonly sink: FrameSink, private readonly limits: OutboxLimits, private readonly onOverflow: () => void) {}

  send(data: string, droppable: boolean, kind: string): void {
    if (droppable && this.newest.delete(kind)) this.skipped++;
    this.flush();
    if (droppable && this.sink.bufferedAmount > this.limits.skipAt) {
      this.newest.set(kind, data);
      return;
    }
    if (this.sink.bufferedAmount > this.limits.maxBuffered) return this.onOverflow();
    this.frames++;
    this.messages++;
    this.sink.send(data, this.written);
  }

  /**
   * Sends what one dispatch has for this client as one frame (a batch when there are several), in
   * order; droppable messages are held back as `send` holds them while the buffer is full.
   */
  sendAll(frames: readonly OutFrame[]): void {
    if (frames.length === 1) return this.send(frames[0]!.data, frames[0]!.droppable, frames[0]!.kind);
    this.flush();
    const congested = this.sink.bufferedAmount > this.limits.skipAt;
    const now: string[] = [];
    for (const f of frames) {
      if (f.droppable && this.newest.delete(f.kind)) this.skipped++;
      if (f.droppable && congested) this.newest.set(f.kind, f.data);
      else now.push(f.data);
    }
    if (!now.length) return;
    if (this.sink.bufferedAmount > this.limits.maxBuffered) return this.onOverflow();
    for (let i = 0; i < now.length; i += MAX_BATCH_MESSAGES) {
      const part = now.slice(i, i + MAX_BATCH_MESSAGES);
      this.frames++;
      this.messages += part.length;
      this.sink.send(part.length === 1 ? part[0]! : batchFrame(part), this.written);
    }
  }

  /** Sends the held frames if the buffer has drained. */
  flush(): void {
    if (this.newest.size === 0 || this.sink.bufferedAmount > this.limits.skipAt) return;
    for (const data of this.newest.values()) this.sink.send(data, this.written);
    this.frames += this.newest.size;
    this.messages += this.newest.size;
    this.newest.clear();
  }
}
