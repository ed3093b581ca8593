import { WebSocket, type ClientOptions } from 'ws';
import { messagesOf, PROTOCOL_VERSION, rulesHash, type ServerMessage } from '../../../shared/protocol.js';

type Of<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

interface Waiter {
  match: (m: ServerMessage) => boolean;
  resolve: (m: ServerMessage) => void;
  reject: (e: Error) => void;
}

/**
 * A bare protocol client for tests: keeps every message it receives, and waits on messages and on
 * the close by event, never by sleeping.
 */
export class TestClient {
  readonly received: ServerMessage[] = [];
  /** Each frame as it came: the types of the messages it carried (several when batched). */
  readonly frames: string[][] = [];
  private readonly consumed = new Set<number>();
  private waiters: Waiter[] = [];
  /** The close code and reason, once the server (or the client) closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private closeInfo: { code: number; reason: string } | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const messages = messagesOf(JSON.parse(String(data))) as ServerMessage[];
      this.frames.push(messages.map((m) => m.type));
      for (const msg of messages) {
        this.received.push(msg);
        const index = this.received.length - 1;
        const waiter = this.waiters.find((w) => w.match(msg));
        if (waiter) {
          this.consumed.add(index);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(msg);
        }
      }
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: String(reason) };
        for (const w of this.waiters) w.reject(new Error(`closed with ${code} (${String(reason)}) while waiting; received: ${this.received.map((m) => m.type).join(', ')}`));
        this.waiters = [];
        resolve(this.closeInfo);
      });
    });
  }

  static connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestClient(ws)));
      ws.once('error', reject);
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' || Buffer.isBuffer(msg) ? msg : JSON.stringify(msg));
  }

  hello(room: string, name: string, extra: Record<string, unknown> = {}): void {
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name, room, ...extra });
  }

  /** The first message of the type (and matching `where`) not returned before; waits for it if need be. */
  next<T extends ServerMessage['type']>(type: T, where: (m: Of<T>) => boolean = () => true): Promise<Of<T>> {
    const match = (m: ServerMessage): boolean => m.type === type && where(m as Of<T>);
    const index = this.received.findIndex((m, i) => !this.consumed.has(i) && match(m));
    if (index >= 0) {
      this.consumed.add(index);
      return Promise.resolve(this.received[index] as Of<T>);
    }
    if (this.closeInfo) return Promise.reject(new Error(`closed with ${this.closeInfo.code} before a ${type} came`));
    return new Promise((resolve, reject) => this.waiters.push({ match, resolve: (m) => resolve(m as Of<T>), reject }));
  }

  all<T extends ServerMessage['type']>(type: T): Of<T>[] {
    return this.received.filter((m): m is Of<T> => m.type === type);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}

/** Says hello and waits for the welcome. */
export async function join(url: string, room: string, name: string, extra: Record<string, unknown> = {}): Promise<{ client: TestClient; welcome: Of<'welcome'> }> {
  const client = await TestClient.connect(url);
  client.hello(room, name, extra);
  return { client, welcome: await client.next('welcome') };
}
