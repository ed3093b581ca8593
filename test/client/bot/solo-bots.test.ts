import { afterEach, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../../client/embedded-server.js';
import type { GameSession } from '../../../client/session.js';
import { shortLevel } from '../helpers/levels.js';
import { describePty, spawnClient, type PtyClient } from '../helpers/pty-client.js';
import { SessionLog } from '../helpers/session-log.js';

let server: EmbeddedServer | undefined;
let session: GameSession | undefined;
let client: PtyClient | undefined;
afterEach(async () => {
  session?.close();
  await server?.close();
  client?.kill();
  server = undefined;
  session = undefined;
  client = undefined;
});

describePty('solo play with bots', () => {
  it('seats the bots in the solo room before it starts: they share the leaderboard and the results', async () => {
    server = await startEmbeddedServer(20, { count: 2, strategy: 'greedy' });
    session = server.session(shortLevel());
    const log = new SessionLog(session);
    session.start();
    const first = await log.next('leaderboard');
    expect(first.entries.map((e) => e.name).sort()).toEqual(['bot-1', 'bot-2', 'you']);
    expect(first.entries.filter((e) => e.you).map((e) => e.name)).toEqual(['you']);
    const { results } = await log.next('results');
    expect(results.players).toBe(3);
    expect(results.standings.map((s) => s.name).sort()).toEqual(['bot-1', 'bot-2', 'you']);
    expect(server.errors()).toEqual([]);
  });

  it('nines play --bots 2 shows the bots on the leaderboard panel', async () => {
    client = spawnClient(['play', '--level', 'tutorial', '--no-mouse', '--bots', '2', '--bot-strategy', 'idle'], { cols: 120, rows: 40 });
    await client.waitFor('bot-1');
    await client.waitFor('bot-2');
  });
});
