import type { GameSession, SessionMessage } from '../../../client/session.js';

type Of<T extends SessionMessage['type']> = Extract<SessionMessage, { type: T }>;

/** How long a test waits for a session's message before it fails. */
const WAIT_MS = 5_000;

/**
 * Every message a session told, and a way to wait for the next one of a kind: by event, with a
 * timeout that fails with what was told so far.
 */
export class SessionLog {
  readonly messages: SessionMessage[] = [];
  private readonly consumed = new Set<number>();
  private waiters: { match: (m: SessionMessage, i: number) => boolean }[] = [];

  constructor(session: GameSession) {
    session.subscribe((m) => {
      this.messages.push(m);
      const i = this.messages.length - 1;
      for (const w of this.waiters) if (w.match(m, i)) break;
    });
  }

  /** The first message of the type (matching `where`) not returned before; waits for it if need be. */
  next<T extends SessionMessage['type']>(type: T, where: (m: Of<T>) => boolean = () => true, timeoutMs = WAIT_MS): Promise<Of<T>> {
    const fits = (m: SessionMessage, i: number) => !this.consumed.has(i) && m.type === type && where(m as Of<T>);
    const found = this.messages.findIndex(fits);
    if (found >= 0) {
      this.consumed.add(found);
      return Promise.resolve(this.messages[found] as Of<T>);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        match: (m: SessionMessage, i: number) => {
          if (!fits(m, i)) return false;
          this.consumed.add(i);
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolve(m as Of<T>);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`expected a ${type} message within ${timeoutMs} ms; got: ${this.messages.map((m) => (m.type === 'connection' ? `connection(${m.state}${m.detail ? `: ${m.detail}` : ''})` : m.type)).join(', ')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  all<T extends SessionMessage['type']>(type: T): Of<T>[] {
    return this.messages.filter((m): m is Of<T> => m.type === type);
  }
}
