import { afterEach, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../shared/protocol.js';
import { join as joinRoom } from './helpers/client.js';
import { raceLevel } from './helpers/race-level.js';
import { testServer, type TestServer } from './helpers/server.js';

let running: TestServer[] = [];
afterEach(async () => {
  await Promise.all(running.map((t) => t.server.close()));
  running = [];
});

/** The tick a message sent on a schedule belongs to (syncs, leaderboards, announcements, room views). */
function tickOf(m: ServerMessage): number | undefined {
  return m.type === 'sync' || m.type === 'leaderboard' || m.type === 'announce' ? m.tick : undefined;
}

describe('frames', () => {
  it("a tick's messages for one client arrive as one frame", async () => {
    const t = await testServer();
    running.push(t);
    const { code, hostToken } = t.server.rooms.create(raceLevel());
    const host = await joinRoom(t.url, code, 'teacher', { spectate: true, hostToken });
    const ada = await joinRoom(t.url, code, 'ada');
    // bob's game syncs a tick before ada's (the sides take the ticks of a sync period in turn).
    const bob = await joinRoom(t.url, code, 'bob');
    await host.client.next('room', (m) => m.room.players.length === 2);
    host.client.send({ type: 'start' });
    await Promise.all([ada.client.next('results'), bob.client.next('results')]);
    const { frames, received } = ada.client;
    expect(frames.flat()).toEqual(received.map((m) => m.type));
    // Each tick's scheduled messages sit in one frame: no tick is spread over two frames.
    const framesOfTick = new Map<number, Set<number>>();
    let index = 0;
    frames.forEach((types, frame) => {
      for (let i = 0; i < types.length; i++) {
        const tick = tickOf(received[index++]!);
        if (tick === undefined) continue;
        const seen = framesOfTick.get(tick) ?? new Set<number>();
        seen.add(frame);
        framesOfTick.set(tick, seen);
      }
    });
    expect(framesOfTick.size).toBeGreaterThan(10);
    expect([...framesOfTick].filter(([, f]) => f.size > 1)).toEqual([]);
    // Some ticks did send several messages, and they came batched.
    expect(frames.some((types) => types.length > 1)).toBe(true);
    // A player's leaderboards ride with its syncs: once the round runs, none costs a frame of its own.
    for (const player of [ada, bob]) {
      const all = player.client.frames;
      const inRound = all.slice(all.findIndex((types) => types.includes('sync')));
      expect(inRound.filter((types) => types.includes('leaderboard')).length).toBeGreaterThan(1);
      expect(inRound.filter((types) => types.includes('leaderboard') && !types.includes('sync') && !types.includes('results'))).toEqual([]);
    }
  });
});
