import { DEFAULT_DIFFICULTY, type Difficulty } from '../shared/difficulty.js';
import type { Level } from '../shared/level.js';
import { DEFAULTS } from '../server/limits.js';
import { createLogger } from '../server/logger.js';
import { startServer } from '../server/ws-server.js';
import { runBots, type BotRun } from './bot/bot-runner.js';
import type { StrategyName } from './bot/strategies.js';
import type { GameSession } from './session.js';
import { WsSession } from './ws-session.js';

/** Solo play listens on this machine only: nobody else has any business in a room of one. */
const LOOPBACK = '127.0.0.1';
/** The name a solo player goes by in its room. */
const SOLO_NAME = 'you';
/** Opponent bots in a solo room are named `bot-1`, `bot-2`... */
const BOT_PREFIX = 'bot';

/** Bots that play each solo room next to the player, on the leaderboard with them. */
interface SoloBots {
  count: number;
  strategy: StrategyName;
}

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
export async function startEmbeddedServer(speed: number, bots: SoloBots = { count: 0, strategy: 'greedy' }, difficulty: Difficulty = DEFAULT_DIFFICULTY): Promise<EmbeddedServer> {
  const errors: string[] = [];
  // The player and all their bots come from this machine: the per-address caps would only get in the way.
  const limits = { maxSeatsPerAddress: DEFAULTS.MAX_PLAYERS_PER_ROOM, maxConnectionsPerAddress: DEFAULTS.MAX_CONNECTIONS };
  const server = await startServer({ port: 0, host: LOOPBACK, speed, limits, logger: createLogger('error', (line) => errors.push(line)) });
  const url = `ws://${LOOPBACK}:${server.port}`;
  const runs = new Set<BotRun>();
  /** The room's bots, over loopback sockets like any player's: they leave when the round ends or the player does. */
  const seatBots = (code: string, seed: number): BotRun | undefined => {
    if (bots.count <= 0) return undefined;
    const run = runBots({
      url, room: code, count: bots.count, strategy: bots.strategy, prefix: BOT_PREFIX, seed,
      onResult: (r) => {
        if (r.outcome === 'crashed') errors.push(`${r.name} (${bots.strategy} bot) crashed: ${r.detail ?? ''}\n`);
      },
    });
    runs.add(run);
    void run.done.then(() => runs.delete(run));
    return run;
  };
  return {
    session(level) {
      const { code } = server.rooms.create(level, level.seed, undefined, difficulty);
      const run = seatBots(code, level.seed);
      const session = new WsSession({ url, room: code, name: SOLO_NAME });
      let started = false;
      let left = false;
      session.subscribe((m) => {
        if (m.type === 'connection' && m.state === 'closed') {
          left = true;
          run?.stop();
        }
        if (m.type !== 'level' || started) return;
        started = true;
        // A solo room waits for nobody but its bots: its start is dated one countdown back, so the first tick is due now.
        void (run?.joined ?? Promise.resolve()).then(() => {
          if (!left) server.rooms.input(code, { type: 'control', now: performance.now() - DEFAULTS.COUNTDOWN_MS / speed, control: { type: 'start' } });
        });
      });
      // The room is the player's alone (its bots wait with it): pausing is theirs to do.
      session.pause = (paused) => server.rooms.input(code, { type: 'control', now: performance.now(), control: { type: paused ? 'pause' : 'resume' } });
      return session;
    },
    errors: () => errors,
    close: async () => {
      for (const run of runs) run.stop();
      await server.close();
    },
  };
}
