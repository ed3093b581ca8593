import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../../server/logger.js';
import { MemoryStorage } from '../../../server/memory-storage.js';
import type { Storage } from '../../../server/storage.js';
import { startServer, type GameServer, type ServerLimits } from '../../../server/ws-server.js';

/** Game time runs this many times faster in tests: the 15 s race level takes 1.5 s. */
export const TEST_SPEED = 10;

export interface TestServer {
  server: GameServer;
  url: string;
  /** Every line the server logged. */
  logs: string[];
}

interface TestServerOptions {
  limits?: Partial<ServerLimits>;
  speed?: number;
}

async function start(options: TestServerOptions, where: { dataDir: string } | { storage: Storage }): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer({
    port: 0, host: '127.0.0.1', ...where, speed: options.speed ?? TEST_SPEED,
    limits: options.limits, logger: createLogger('debug', (line) => logs.push(line)),
  });
  return { server, url: `ws://127.0.0.1:${server.port}`, logs };
}

/** A real server on 127.0.0.1 and an ephemeral port, keeping its room logs and results in memory. */
export async function testServer(options: TestServerOptions = {}): Promise<TestServer & { storage: MemoryStorage }> {
  const storage = new MemoryStorage();
  return { ...(await start(options, { storage })), storage };
}

export type FileTestServer = TestServer & { dataDir: string };

/** The same, keeping them in files: in `dataDir` (to restart on another's files), or a fresh folder. */
export async function fileTestServer(options: TestServerOptions & { dataDir?: string } = {}): Promise<FileTestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'nines-server-'));
  return { ...(await start(options, { dataDir })), dataDir };
}
