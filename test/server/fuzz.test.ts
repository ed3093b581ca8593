import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_ERRORS } from '../../shared/errors.js';
import { CLOSE_CODES, ERROR_CODES, PROTOCOL_VERSION, rulesHash, serverMessageSchema } from '../../shared/protocol.js';
import { DEFAULTS } from '../../server/limits.js';
import { stateHash } from '../../shared/state-hash.js';
import { TestClient, join as joinRoom } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { playAlone } from './helpers/replay.js';
import { testServer } from './helpers/server.js';

const level = raceLevel();
/** Fixed so that a failure reproduces; fast-check prints the failing case. */
const SEED = 20_251_122;
const RUNS = 250;
/** The version of the hello that ends each batch, so that every batch ends with the server closing. */
const PROBE_VERSION = -424_242;
/** Stands for a frame over the payload limit (expanded when sent, so a failing case prints short). */
const OVERSIZED = '<a frame over the payload limit>';
const CLOSE_CODE_SET = new Set<number>(Object.values(CLOSE_CODES));
const ANSWER_CODES = new Set<string>([...Object.values(ERROR_CODES), ...Object.values(RULE_ERRORS)]);
const MESSAGE_TYPES = ['hello', 'act', 'ready', 'resync', 'ping', 'leave', 'start', 'pause', 'resume', 'end', 'fire', 'kick', 'next', 'welcome', 'bogus', ''];
const FIELDS = ['seq', 'action', 'protocol', 'rulesHash', 'name', 'room', 'resume', 'spectate', 'hostToken', 'ready', 't', 'event', 'player', 'level', 'type'];

/** Frames a confused or hostile client might send: anything from raw bytes to almost-right messages. */
function frames(room: string): fc.Arbitrary<string | Buffer> {
  const almost = fc.record({ type: fc.constantFrom(...MESSAGE_TYPES), rest: fc.dictionary(fc.constantFrom(...FIELDS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }) })
    .map(({ type, rest }) => JSON.stringify({ ...rest, type }));
  const hello = fc.record({
    protocol: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.integer()),
    rulesHash: fc.oneof(fc.constant(rulesHash()), fc.string()),
    name: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('ada', 'bob', '\u0007bell', '')),
    room: fc.oneof(fc.constant(room), fc.constant(room.toLowerCase()), fc.string({ maxLength: 8 })),
    resume: fc.option(fc.string({ maxLength: 70 }), { nil: undefined }),
    spectate: fc.option(fc.boolean(), { nil: undefined }),
    hostToken: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
  }).map((h) => JSON.stringify({ type: 'hello', ...h }));
  const act = fc.record({
    seq: fc.oneof(fc.nat(), fc.integer(), fc.double()),
    action: fc.oneof(
      fc.record({ type: fc.constantFrom('place', 'remove', 'link', 'scale', 'upgrade', 'configure', 'promote', 'fly'), node: fc.string({ maxLength: 8 }), kind: fc.string({ maxLength: 8 }), by: fc.integer(), config: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ['type'] }),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  }).map((a) => JSON.stringify({ type: 'act', ...a }));
  return fc.oneof(
    { arbitrary: almost, weight: 4 },
    { arbitrary: hello, weight: 3 },
    { arbitrary: act, weight: 3 },
    { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 2 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 2 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)), weight: 1 },
    { arbitrary: fc.constant(OVERSIZED), weight: 1 },
  );
}

/** Every frame the server sent is a valid message with a named code. */
function checkAnswers(c: TestClient): void {
  for (const m of c.received) {
    expect(serverMessageSchema.safeParse(m).success).toBe(true);
    if (m.type === 'error') expect(ANSWER_CODES).toContain(m.code);
    if (m.type === 'ack' && !m.ok) expect(ANSWER_CODES).toContain(m.code);
  }
}

/** Bytes that are not HTTP, or not WebSocket frames after a real handshake: the server drops the socket. */
function rawGarbage(port: number, handshake: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      if (handshake) {
        socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
      }
      socket.write(randomBytes(64 + Math.floor(Math.random() * 512)));
    });
    socket.on('error', () => {});
    // Read (and drop) what the server answers: an unread socket never sees the end of the stream.
    socket.resume();
    socket.on('close', () => resolve());
    socket.setTimeout(5_000, () => reject(new Error('the server kept a garbage socket open for 5 s')));
  });
}

describe('fuzzing the game server', () => {
  it('never crashes on malformed, oversized, mistyped or out-of-order frames, and other rooms and players play on', async () => {
    // A garbage socket that never completes a frame is cut when its hello is overdue.
    const t = await testServer({ speed: 1, limits: { helloTimeoutMs: 300 } });
    const { code: roomA, hostToken: hostA } = t.server.rooms.create(level);
    const { code: roomB, hostToken: hostB } = t.server.rooms.create(level);
    const canaries = await Promise.all([roomA, roomB].map((room) => joinRoom(t.url, room, 'canary')));
    for (const [room, hostToken] of [[roomA, hostA], [roomB, hostB]] as const) {
      const host = await joinRoom(t.url, room, 'host', { spectate: true, hostToken });
      host.client.send({ type: 'start' });
    }
    for (const c of canaries) await c.client.next('sync');

    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.array(frames(roomA), { minLength: 1, maxLength: 20 }), async (batch) => {
        const c = await TestClient.connect(t.url);
        for (const frame of batch) c.send(frame === OVERSIZED ? 'x'.repeat(DEFAULTS.MAX_PAYLOAD_BYTES + 1) : frame);
        // A last hello of an unknown version: the server answers and closes, if the batch has not got it closed already.
        c.send({ type: 'hello', protocol: PROBE_VERSION, rulesHash: '', name: 'probe', room: '' });
        const { code } = await c.closed;
        checkAnswers(c);
        expect(CLOSE_CODE_SET).toContain(code);
        codes.add(code);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    for (let i = 0; i < 40; i++) await rawGarbage(t.server.port, i % 2 === 0);

    // The batches reached the refusals that close: too big, wrong version or rules, no such room, bad token.
    for (const code of [CLOSE_CODES.MESSAGE_TOO_BIG, CLOSE_CODES.VERSION_MISMATCH, CLOSE_CODES.ROOM_NOT_FOUND, CLOSE_CODES.BAD_TOKEN]) expect(codes).toContain(code);
    for (const c of canaries) {
      c.client.send({ type: 'resync' });
      const snap = await c.client.next('snapshot');
      expect(snap.hash).toBe(stateHash(playAlone(level, [], snap.tick).state));
      expect(c.client.all('error')).toEqual([]);
    }
    const late = await joinRoom(t.url, roomB, 'late');
    expect(late.welcome.playerId).toBe('p2');
    await t.server.close();
  });
});
