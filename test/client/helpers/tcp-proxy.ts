import { createServer, connect, type Socket } from 'node:net';

export interface TcpProxy {
  /** ws:// URL of the proxy. */
  url: string;
  port: number;
  /** Cuts every connection through the proxy, as a network that drops would; new ones still pass. */
  cut(): void;
  /** Cuts every connection and refuses new ones until `release`: a network that stays down. */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 to a local port: the network between a client and a real server, to break
 * at will. `downstream` may rewrite what the server sends, chunk by chunk (keeping the length keeps the
 * WebSocket frames whole).
 */
export async function tcpProxy(targetPort: number, downstream?: (chunk: Buffer) => Buffer): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let held = false;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };
  const server = createServer((client) => {
    if (held) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    client.pipe(upstream);
    if (downstream) upstream.on('data', (chunk: Buffer) => client.write(downstream(chunk)));
    else upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    cut() {
      for (const s of sockets) s.destroy();
    },
    hold() {
      held = true;
      for (const s of sockets) s.destroy();
    },
    release() {
      held = false;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on: one just freed by a listener of our own. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}
