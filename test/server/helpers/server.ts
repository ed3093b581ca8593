import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../server/logger.js';
import { startServer, type GameServer, type ServerLimits } from '../../../server/ws-server.js';

/** Game time runs this many times faster in tests: the 15 s race level takes 1.5 s. */
export const TEST_SPEED = 10;

export interface TestServer {
  server: GameServer;
  url: string;
  dataDir: string;
  /** Every line the server logged. */
  logs: string[];
}

/** A real server on 127.0.0.1, an ephemeral port and a fresh data directory. */
export async function testServer(options: { limits?: Partial<ServerLimits>; dataDir?: string; speed?: number } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'nines-server-'));
  const logs: string[] = [];
  const server = await startServer({
    port: 0, host: '127.0.0.1', dataDir, speed: options.speed ?? TEST_SPEED,
    limits: options.limits, logger: createLogger('debug', (line) => logs.push(line)),
  });
  return { server, url: `ws://127.0.0.1:${server.port}`, dataDir, logs };
}
