import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { OVER_CAP_ANSWERED } from './limits.js';

// The HTTP server under the WebSocket one: every socket, upgraded or not, counts toward the caps (the
// server's and its address's), and one that sends no upgrade in time is closed.

/** How often Node checks its HTTP header and request timeouts (its default, 30 s, would let them run long). */
const HTTP_TIMEOUT_CHECK_MS = 500;

/** What a plain HTTP request (a browser, a probe) is told. */
const NOT_A_PAGE = 'nines: this is a game server; players connect with `nines join <address> <CODE> --name <name>`\n';

interface FrontLimits {
  maxConnections: number;
  maxConnectionsPerAddress: number;
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
}

interface HttpFront {
  http: Server;
  /** Sockets open now from `address`. */
  fromAddress(address: string): number;
  /** Sockets open now. */
  open(): number;
  /** Open now, cut at once past a cap, and closed for not upgrading in time, so far. */
  stats(): { open: number; cut: number; timedOut: number };
}

/** A socket's remote address, an IPv4-mapped IPv6 one as plain IPv4. */
export function remoteAddress(socket: Socket): string {
  const a = socket.remoteAddress ?? 'unknown';
  return a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
}

export function httpFront(limits: FrontLimits): HttpFront {
  const http = createServer({
    headersTimeout: limits.httpHeadersTimeoutMs, requestTimeout: limits.httpRequestTimeoutMs, connectionsCheckingInterval: HTTP_TIMEOUT_CHECK_MS,
  }, (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(NOT_A_PAGE);
  });
  const perAddress = new Map<string, number>();
  let open = 0;
  let cut = 0;
  let timedOut = 0;
  http.on('connection', (socket: Socket) => {
    const address = remoteAddress(socket);
    const held = perAddress.get(address) ?? 0;
    // Past the caps, a few sockets get in to be told why they are refused; a flood beyond is cut unanswered.
    if (held >= limits.maxConnectionsPerAddress + OVER_CAP_ANSWERED || open >= limits.maxConnections + OVER_CAP_ANSWERED) {
      cut++;
      socket.destroy();
      return;
    }
    perAddress.set(address, held + 1);
    open++;
    const upgradeTimer = setTimeout(() => {
      timedOut++;
      socket.destroy();
    }, limits.httpRequestTimeoutMs);
    socket.once('upgraded', () => clearTimeout(upgradeTimer));
    socket.once('close', () => {
      clearTimeout(upgradeTimer);
      open--;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left === 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  http.on('upgrade', (req: IncomingMessage) => req.socket.emit('upgraded'));
  return {
    http,
    fromAddress: (address) => perAddress.get(address) ?? 0,
    open: () => open,
    stats: () => ({ open, cut, timedOut }),
  };
}
