import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES, ERROR_CODES } from '../../shared/protocol.js';
import { TestClient } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { testServer, type TestServer } from './helpers/server.js';

// Connections: one address holds a bounded number of sockets, upgraded or not; sockets that never
// upgrade are closed after a few seconds. Two loopback addresses stand for two machines.

const level = raceLevel();
const OTHER = '127.0.0.2';

let running: TestServer | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await running?.server.close();
  running = undefined;
});

/** A raw TCP socket to the server from `from`, open (or refused) before it returns. */
async function rawSocket(port: number, from = '127.0.0.1'): Promise<Socket> {
  const s = connect({ port, host: '127.0.0.1', localAddress: from });
  sockets.push(s);
  s.on('error', () => {});
  // Flowing, so that the server's answer and close are read.
  s.resume();
  await Promise.race([once(s, 'connect'), once(s, 'close')]);
  return s;
}

/** Milliseconds until the server closes `s`. */
async function closedAfter(s: Socket): Promise<number> {
  const started = performance.now();
  // Not events.once: it rejects on the EPIPE a trickle meets when the server cuts it.
  if (!s.destroyed) await new Promise((resolve) => s.once('close', resolve));
  return performance.now() - started;
}

describe('connections', () => {
  it('refuses a socket past the per-address cap with words, and another address still gets in', async () => {
    const t = (running = await testServer({ limits: { maxConnectionsPerAddress: 5 } }));
    const { code } = t.server.rooms.create(level);
    const held = await Promise.all(Array.from({ length: 5 }, () => TestClient.connect(t.url)));
    const sixth = await TestClient.connect(t.url);
    const refusal = await sixth.next('error');
    expect(refusal.code).toBe(ERROR_CODES.ADDRESS_FULL);
    expect(refusal.message).toContain('127.0.0.1');
    expect(refusal.message).toContain('nines host --max-connections-per-address');
    expect((await sixth.closed).code).toBe(CLOSE_CODES.FULL);
    const other = await TestClient.connect(t.url, { localAddress: OTHER });
    other.hello(code, 'elsewhere');
    expect(await other.next('welcome')).toMatchObject({ playerId: 'p1' });
    await Promise.all(held.map((c) => c.close()));
  });

  it('lets a player from another address in during a flood of sockets that never say hello, and cuts the flood past the cap', async () => {
    const cap = 50;
    const t = (running = await testServer({ limits: { maxConnectionsPerAddress: cap, helloTimeoutMs: 5_000 } }));
    const { code } = t.server.rooms.create(level);
    // 300 sockets: raw ones that never send a byte, and WebSockets that never say hello.
    const raw = await Promise.all(Array.from({ length: 150 }, () => rawSocket(t.server.port)));
    const silent = await Promise.allSettled(Array.from({ length: 150 }, () => TestClient.connect(t.url)));
    expect(t.server.sockets().open).toBeLessThanOrEqual(cap + 16 + 1);
    expect(t.server.sockets().cut).toBeGreaterThan(200);
    const player = await TestClient.connect(t.url, { localAddress: OTHER });
    player.hello(code, 'student');
    expect(await player.next('welcome')).toMatchObject({ playerId: 'p1' });
    expect(raw.filter((s) => s.destroyed).length).toBeGreaterThan(0);
    for (const s of silent) if (s.status === 'fulfilled') s.value.ws.terminate();
  });

  it('closes sockets that never upgrade (idle, partial headers, a slowloris trickle) after the HTTP timeouts, and answers plain HTTP', async () => {
    const t = (running = await testServer({ limits: { httpHeadersTimeoutMs: 300, httpRequestTimeoutMs: 600 } }));
    const idle = await rawSocket(t.server.port);
    const partial = await rawSocket(t.server.port);
    partial.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const trickle = await rawSocket(t.server.port);
    trickle.write('GET / HTTP/1.1\r\n');
    const drip = setInterval(() => { if (trickle.writable) trickle.write('X-Slow: 1\r\n'); }, 50);
    trickle.once('close', () => clearInterval(drip));
    const times = await Promise.all([idle, partial, trickle].map(closedAfter));
    clearInterval(drip);
    for (const ms of times) expect(ms).toBeLessThan(1_500);
    expect(t.server.sockets().open).toBe(0);
    const page = await fetch(`http://127.0.0.1:${t.server.port}/`);
    expect(page.status).toBe(426);
    expect(await page.text()).toContain('nines join');
  });
});
