import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedServer, type EmbeddedServer } from '../../client/embedded-server.js';
import type { GameSession } from '../../client/session.js';
import { DEFAULTS } from '../../server/limits.js';
import { shortLevel } from './helpers/levels.js';
import { SessionLog } from './helpers/session-log.js';

let server: EmbeddedServer | undefined;
let session: GameSession | undefined;
afterEach(async () => {
  session?.close();
  await server?.close();
});

describe('startEmbeddedServer', () => {
  it('plays a level in a room of its own at once: no countdown, the first snapshot within a moment', async () => {
    server = await startEmbeddedServer(1);
    session = server.session(shortLevel());
    const log = new SessionLog(session);
    const joinedAt = performance.now();
    session.start();
    expect(await log.next('room')).toMatchObject({ room: { code: session.room, phase: 'lobby', players: [{ name: 'you', you: true }] } });
    expect((await log.next('snapshot')).tick).toBe(0);
    expect(performance.now() - joinedAt).toBeLessThan(DEFAULTS.COUNTDOWN_MS / 3);
    const seq = session.act({ type: 'scale', node: 'app1', by: 1 });
    expect(await log.next('ack')).toMatchObject({ seq, cost: 100 });
    expect(session.room).toMatch(/^[2-9A-HJ-NP-Z]{5}$/);
  });

  it('gives every game a room of its own, played to the results at the speed asked', async () => {
    server = await startEmbeddedServer(20);
    const first = server.session(shortLevel());
    session = server.session(shortLevel());
    expect(session.room).not.toBe(first.room);
    const log = new SessionLog(session);
    session.start();
    const { results } = await log.next('results');
    expect(results).toMatchObject({ rank: 1, players: 1, result: { passed: false } });
    expect(results.failedByNode.app1?.some((n) => n > 0)).toBe(true);
    expect(server.errors()).toEqual([]);
  });
});
