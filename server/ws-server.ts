import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from './websocket.js';
import type { Level } from '../shared/level.js';
import { CLOSE_CODES, ERROR_CODES, type CloseCode, type ServerMessage } from '../shared/protocol.js';
import { hashToken, newToken } from './codes.js';
import { FileError } from './file-error.js';
import { FileStorage } from './file-storage.js';
import { httpFront, remoteAddress } from './http-front.js';
import { parseInbound } from './inbound.js';
import { resolveLevel } from './levels-store.js';
import {
  AWAY_SEATS_UNCOUNTED, DEFAULTS, HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, LOBBY_SEAT_GRACE_MS, MAX_CONNECTIONS_PER_ADDRESS, MAX_SEATS_PER_ADDRESS,
} from './limits.js';
import type { Logger } from './logger.js';
import { RepeatedWarnings } from './log-repeats.js';
import { Outbox } from './outbox.js';
import type { Storage } from './storage.js';
import { levelsDir } from './package-root.js';
import { MessageBucket } from './rate-limit.js';
import { isHost } from './room.js';
import { checkDataDir } from './data-dir.js';
import { Rooms, type Unrestorable } from './rooms.js';
import { StartupError } from './startup-error.js';

export interface ServerLimits {
  maxPayloadBytes: number;
  rateBurst: number;
  ratePerSecond: number;
  maxRooms: number;
  maxPlayersPerRoom: number;
  maxSpectatorsPerRoom: number;
  maxConnections: number;
  helloTimeoutMs: number;
  heartbeatMs: number;
  skipBufferedBytes: number;
  maxBufferedBytes: number;
  /** Seats one remote address may hold in one room. */
  maxSeatsPerAddress: number;
  /** Sockets, upgraded or not, one remote address may hold on the server. */
  maxConnectionsPerAddress: number;
  lobbySeatGraceMs: number;
  awaySeatsUncounted: number;
  httpHeadersTimeoutMs: number;
  httpRequestTimeoutMs: number;
}

const DEFAULT_LIMITS: ServerLimits = {
  maxPayloadBytes: DEFAULTS.MAX_PAYLOAD_BYTES,
  rateBurst: DEFAULTS.RATE_BURST,
  ratePerSecond: DEFAULTS.RATE_PER_SECOND,
  maxRooms: DEFAULTS.MAX_ROOMS,
  maxPlayersPerRoom: DEFAULTS.MAX_PLAYERS_PER_ROOM,
  maxSpectatorsPerRoom: DEFAULTS.MAX_SPECTATORS_PER_ROOM,
  maxConnections: DEFAULTS.MAX_CONNECTIONS,
  helloTimeoutMs: DEFAULTS.HELLO_TIMEOUT_MS,
  heartbeatMs: DEFAULTS.HEARTBEAT_MS,
  skipBufferedBytes: DEFAULTS.SKIP_BUFFERED_BYTES,
  maxBufferedBytes: DEFAULTS.MAX_BUFFERED_BYTES,
  maxSeatsPerAddress: MAX_SEATS_PER_ADDRESS,
  maxConnectionsPerAddress: MAX_CONNECTIONS_PER_ADDRESS,
  lobbySeatGraceMs: LOBBY_SEAT_GRACE_MS,
  awaySeatsUncounted: AWAY_SEATS_UNCOUNTED,
  httpHeadersTimeoutMs: HTTP_HEADERS_TIMEOUT_MS,
  httpRequestTimeoutMs: HTTP_REQUEST_TIMEOUT_MS,
};

interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  host: string;
  /** Where room logs and results are kept, as files; `storage` instead keeps them elsewhere. Without either, nothing is kept. */
  dataDir?: string;
  storage?: Storage;
  /** Game time runs this many times faster than the wall clock (tests and demos). */
  speed?: number;
  limits?: Partial<ServerLimits>;
  logger: Logger;
  onTick?: (ms: number) => void;
  /**
   * A room log that cannot be restored is moved aside and the server starts without it; otherwise
   * (the default) the server does not start, and the log is left as it was.
   */
  setAsideUnrestorable?: boolean;
}

export interface GameServer {
  /** The port actually bound (useful with port 0). */
  port: number;
  rooms: Rooms;
  /** Frames skipped for slow readers, over all connections so far. */
  skippedFrames(): number;
  /** Frames sent and the messages they carried, over all connections so far (batches carry several). */
  sentFrames(): { frames: number; messages: number };
  /** Sockets open now (upgraded or not), and those cut so far: past a cap, or never upgraded in time. */
  sockets(): { open: number; cut: number; timedOut: number };
  /** Closes every connection with the shutdown code, stops the rooms and flushes their logs. */
  close(): Promise<void>;
}

interface Connection {
  id: number;
  ws: WebSocket;
  /** The remote address it came from (IPv4-mapped IPv6 shown as IPv4). */
  address: string;
  /** The room it said hello to. */
  room: string | undefined;
  bucket: MessageBucket;
  outbox: Outbox;
  alive: boolean;
  helloTimer: NodeJS.Timeout | undefined;
}

/** Close reasons are limited to 123 bytes by RFC 6455; ours are short, this keeps them so. */
const MAX_REASON_CHARS = 60;
/** How long a closing peer has to answer the close frame before its socket is cut. */
const CLOSE_GRACE_MS = 1_000;

const now = () => performance.now();

/** Loads the level a host asked for by id, from the levels folder only (never a path a client chose). */
function levelById(id: string): Level {
  return resolveLevel(join(levelsDir(), `${id}.json`));
}

function listenProblem({ host, port }: ServerOptions, e: NodeJS.ErrnoException): string {
  if (e.code === 'EADDRINUSE') return `port ${port} is in use on ${host}; try --port 0 (any free port) or another port`;
  if (e.code === 'EACCES') return `port ${port} on ${host}: expected a port this user may listen on, got permission denied; try a port above 1023`;
  return `cannot listen on ${host}:${port}: ${e.message}`;
}

/** Rooms of the data directory that could not be restored; the server did not start. */
export class UnrestorableRoomsError extends StartupError {
  constructor(readonly rooms: Unrestorable[]) {
    super(rooms.map((r) => `room ${r.code} cannot be restored from ${r.file}: ${r.problem}; the file is left untouched`));
  }
}

/** Starts a game server: rooms restored from the data directory, if any, and none created yet. */
export async function startServer(options: ServerOptions): Promise<GameServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { logger } = options;
  if (options.dataDir) checkDataDir(options.dataDir);
  const connections = new Map<number, Connection>();
  let nextId = 1;
  let skippedByClosed = 0;
  const sentByClosed = { frames: 0, messages: 0 };

  // A peer that never answers the close frame (or stopped reading) is cut off after a grace period.
  const close = (conn: Connection, code: CloseCode, reason: string) => {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    conn.ws.close(code, reason.slice(0, MAX_REASON_CHARS));
    setTimeout(() => conn.ws.terminate(), CLOSE_GRACE_MS).unref();
  };
  const reply = (conn: Connection, msg: ServerMessage) => conn.outbox.send(JSON.stringify(msg), false, msg.type);

  const warnings = new RepeatedWarnings((text) => logger.warn(text));
  const rooms = new Rooms({
    speed: options.speed ?? 1, maxRooms: limits.maxRooms, maxPlayers: limits.maxPlayersPerRoom, maxSpectators: limits.maxSpectatorsPerRoom,
    maxSeatsPerAddress: limits.maxSeatsPerAddress, lobbySeatGraceMs: limits.lobbySeatGraceMs, awaySeatsUncounted: limits.awaySeatsUncounted,
    storage: options.storage ?? (options.dataDir ? new FileStorage(options.dataDir) : undefined), logger, warnings, now, onTick: options.onTick,
    transport: {
      send(id, frames) {
        const conn = connections.get(id);
        if (conn && conn.ws.readyState === conn.ws.OPEN) conn.outbox.sendAll(frames);
      },
      close(id, code, reason) {
        const conn = connections.get(id);
        if (conn) close(conn, code, reason);
      },
    },
  });
  const { unrestorable } = rooms.restore(options.setAsideUnrestorable ?? false);
  if (unrestorable.length && !options.setAsideUnrestorable) {
    rooms.close();
    throw new UnrestorableRoomsError(unrestorable);
  }

  const front = httpFront(limits);
  const { http } = front;
  const wss = new WebSocketServer({ server: http, maxPayload: limits.maxPayloadBytes, perMessageDeflate: false, clientTracking: false });
  // The WebSocket server re-emits its HTTP server's errors: a failed listen is answered below, later ones logged.
  let listening = false;
  wss.on('error', (e) => {
    if (listening) logger.error(`server: ${e.message}`);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('listening', resolve);
      http.once('error', (e: NodeJS.ErrnoException) => reject(new StartupError([listenProblem(options, e)])));
      http.listen(options.port, options.host);
    });
  } catch (e) {
    rooms.close();
    throw e;
  }
  listening = true;

  function onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (!conn.bucket.take(now())) {
      warnings.say('connections over the message rate', `connection ${conn.id}: more than ${limits.ratePerSecond} messages a second; closed`);
      return close(conn, CLOSE_CODES.RATE_LIMITED, 'too many messages');
    }
    const inbound = parseInbound(data, isBinary);
    if (!inbound.ok) {
      const { reply: answer } = inbound;
      reply(conn, answer);
      const text = `connection ${conn.id}: ${answer.code ?? ''}: ${answer.message ?? ''}`;
      if (inbound.close === undefined) return logger.debug(text);
      warnings.say(`connections closed (${answer.code ?? 'bad message'})`, `${text}; closed`);
      return close(conn, inbound.close, answer.code ?? '');
    }
    const msg = inbound.msg;
    if (msg.type === 'hello') {
      if (conn.room !== undefined) return reply(conn, { type: 'error', code: ERROR_CODES.ALREADY_JOINED, message: `this connection already joined room ${conn.room}; open another to join again` });
      if (!rooms.get(msg.room)) {
        reply(conn, { type: 'error', code: ERROR_CODES.ROOM_NOT_FOUND, message: `no room "${msg.room}" on this server; check the code the host gave (letters and digits, never 0, O, 1, I or L)` });
        warnings.say(`hellos refused (${ERROR_CODES.ROOM_NOT_FOUND})`, `connection ${conn.id}: ${msg.name} asked for room "${msg.room}", which does not exist; closed`);
        return close(conn, CLOSE_CODES.ROOM_NOT_FOUND, ERROR_CODES.ROOM_NOT_FOUND);
      }
      clearTimeout(conn.helloTimer);
      conn.room = msg.room;
      const token = newToken();
      return rooms.input(msg.room, {
        type: 'hello', conn: conn.id, now: now(), address: conn.address, hello: msg, token, tokenHash: hashToken(token),
        ...(msg.resume === undefined ? {} : { resumeHash: hashToken(msg.resume) }),
        ...(msg.hostToken === undefined ? {} : { hostHash: hashToken(msg.hostToken) }),
      });
    }
    if (conn.room === undefined) return reply(conn, { type: 'error', code: ERROR_CODES.HELLO_FIRST, message: `expected hello first, got ${msg.type}` });
    const room = rooms.get(conn.room);
    let level: Level | undefined;
    if (msg.type === 'next' && msg.level !== undefined && room && isHost(room, conn.id)) {
      try {
        level = levelById(msg.level);
      } catch (e) {
        if (!(e instanceof FileError)) throw e;
        return reply(conn, { type: 'error', code: ERROR_CODES.UNKNOWN_LEVEL, message: `next: no level "${msg.level}" on this server: ${e.problems[0]}` });
      }
    }
    rooms.input(conn.room, { type: 'message', conn: conn.id, now: now(), msg, ...(level ? { level } : {}) });
  }

  wss.on('connection', (ws, req) => {
    const id = nextId++;
    const address = remoteAddress(req.socket);
    const conn: Connection = {
      id, ws, address, room: undefined, alive: true, helloTimer: undefined,
      bucket: new MessageBucket(limits.rateBurst, limits.ratePerSecond, now()),
      outbox: new Outbox(ws, { skipAt: limits.skipBufferedBytes, maxBuffered: limits.maxBufferedBytes }, () => {
        if (ws.readyState !== ws.OPEN) return;
        warnings.say('connections too slow', `connection ${id}: stopped reading (over ${limits.maxBufferedBytes} bytes unsent); dropped`);
        close(conn, CLOSE_CODES.TOO_SLOW, 'too slow');
      }),
    };
    ws.on('error', (e) => logger.debug(`connection ${id}: ${e.message}`));
    const fromAddress = front.fromAddress(address);
    if (fromAddress > limits.maxConnectionsPerAddress) {
      reply(conn, { type: 'error', code: ERROR_CODES.ADDRESS_FULL, message: `this server already has ${fromAddress - 1} connections from your address (${address}), the most one machine may open; close some, or the host runs \`nines host --max-connections-per-address ${limits.maxConnectionsPerAddress * 2}\`` });
      return close(conn, CLOSE_CODES.FULL, ERROR_CODES.ADDRESS_FULL);
    }
    if (front.open() > limits.maxConnections) {
      reply(conn, { type: 'error', code: ERROR_CODES.SERVER_FULL, message: `this server has ${front.open() - 1} connections, the most it takes; try again later` });
      return close(conn, CLOSE_CODES.FULL, ERROR_CODES.SERVER_FULL);
    }
    connections.set(id, conn);
    conn.helloTimer = setTimeout(() => close(conn, CLOSE_CODES.PROTOCOL_ERROR, 'no hello in time'), limits.helloTimeoutMs);
    ws.on('message', (data, isBinary) => {
      // A bug met by one message costs that connection, not every room on the server.
      try {
        onMessage(conn, data as Buffer, isBinary);
      } catch (e) {
        logger.error(`connection ${id}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        close(conn, CLOSE_CODES.INTERNAL_ERROR, 'internal error');
      }
    });
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('close', () => {
      clearTimeout(conn.helloTimer);
      connections.delete(id);
      skippedByClosed += conn.outbox.skipped;
      sentByClosed.frames += conn.outbox.frames;
      sentByClosed.messages += conn.outbox.messages;
      if (conn.room !== undefined) rooms.input(conn.room, { type: 'disconnect', conn: id, now: now() });
    });
  });

  const heartbeat = setInterval(() => {
    for (const conn of connections.values()) {
      if (!conn.alive) {
        logger.info(`connection ${conn.id}: no pong within ${limits.heartbeatMs} ms; dropped`);
        close(conn, CLOSE_CODES.TIMEOUT, 'no pong');
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, limits.heartbeatMs);

  const bound = http.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : options.port;
  logger.info(`server: listening on ${options.host}:${port}`);

  return {
    port,
    rooms,
    skippedFrames: () => skippedByClosed + [...connections.values()].reduce((n, c) => n + c.outbox.skipped, 0),
    sentFrames: () => {
      const sent = { ...sentByClosed };
      for (const c of connections.values()) {
        sent.frames += c.outbox.frames;
        sent.messages += c.outbox.messages;
      }
      return sent;
    },
    sockets: () => front.stats(),
    async close() {
      clearInterval(heartbeat);
      await Promise.all([...connections.values()].map((conn) => new Promise<void>((resolve) => {
        conn.ws.once('close', () => resolve());
        close(conn, CLOSE_CODES.SHUTDOWN, 'server shutting down');
      })));
      rooms.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      warnings.close();
      logger.info('server: stopped');
    },
  };
}
