import type { Level } from '../shared/level.js';
import { DEFAULTS } from '../shared/protocol.js';
import { createLogger } from '../server/logger.js';
import { startServer } from '../server/ws-server.js';
import type { GameSession } from './session.js';
import { WsSession } from './ws-session.js';

/** Solo play listens on this machine only: nobody else has any business in a room of one. */
const LOOPBACK = '127.0.0.1';
/** The name a solo player goes by in its room. */
const SOLO_NAME = 'you';

export interface EmbeddedServer {
  /** A new room of the level and a session seated in it; the round starts as soon as the seat is taken. */
  session(level: Level): GameSession;
  /** What the server logged as errors (bugs), to show once the terminal is back. */
  errors(): readonly string[];
  close(): Promise<void>;
}

/**
 * Solo play through the game server itself, run in this process on a free loopback port: the game
 * the player sees is played by the same code, over the same protocol, as in a hosted room. No data
 * directory: a solo room is not kept.
 */
export async function startEmbeddedServer(speed: number): Promise<EmbeddedServer> {
  const errors: string[] = [];
  const server = await startServer({ port: 0, host: LOOPBACK, speed, logger: createLogger('error', (line) => errors.push(line)) });
  const url = `ws://${LOOPBACK}:${server.port}`;
  return {
    session(level) {
      const { code } = server.rooms.create(level);
      const session = new WsSession({ url, room: code, name: SOLO_NAME });
      const off = session.subscribe((m) => {
        if (m.type !== 'level') return;
        off();
        // A room of one has nobody to wait for: its start is dated one countdown back, so the first tick is due now.
        server.rooms.input(code, { type: 'control', now: performance.now() - DEFAULTS.COUNTDOWN_MS / speed, control: { type: 'start' } });
      });
      return session;
    },
    errors: () => errors,
    close: () => server.close(),
  };
}
