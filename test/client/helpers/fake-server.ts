import { once } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeServer {
  url: string;
  /** Every message clients sent, parsed. */
  received: { type: string }[];
  close(): Promise<void>;
}

/**
 * A WebSocket server on 127.0.0.1 that plays a server nines cannot be made into from here (a newer
 * one, one that garbles a snapshot): `answer` gets each message and the socket to reply on.
 */
export async function fakeServer(answer: (msg: { type: string }, ws: WebSocket) => void): Promise<FakeServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const received: { type: string }[] = [];
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string };
      received.push(msg);
      answer(msg, ws);
    });
  });
  const address = wss.address();
  return {
    url: `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    received,
    close: () => new Promise((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    }),
  };
}
