import { describe, expect, it } from 'vitest';
import { LocalSession } from '../../client/local-session.js';
import type { SessionMessage } from '../../client/session.js';
import { FakeClock } from './helpers/fake-clock.js';
import { shortLevel } from './helpers/levels.js';

function started(speed = 1) {
  const clock = new FakeClock();
  const session = new LocalSession(shortLevel(), { clock, speed });
  const messages: SessionMessage[] = [];
  session.subscribe((m) => messages.push(m));
  session.start();
  const last = <T extends SessionMessage['type']>(type: T) =>
    messages.filter((m): m is Extract<SessionMessage, { type: T }> => m.type === type).at(-1);
  return { clock, session, messages, last };
}

describe('LocalSession', () => {
  it('says it is connected and sends a first snapshot on start', () => {
    const { messages } = started();
    expect(messages[0]).toEqual({ type: 'connection', state: 'connected' });
    expect(messages.some((m) => m.type === 'snapshot' && m.tick === 0)).toBe(true);
  });

  it('runs one tick per tick length without drifting, however late the timer fires', () => {
    const { clock, last } = started();
    for (let i = 0; i < 7; i++) clock.advance(143);
    // 1001 ms: ten ticks are due, no matter how the wake-ups fell.
    expect(last('snapshot')?.tick).toBe(10);
  });

  it('catches up on missed ticks a few at a time', () => {
    const { clock, last } = started();
    clock.advance(2_000);
    expect(last('snapshot')?.tick).toBe(20);
  });

  it('applies an action at the next tick boundary and acks it with its cost', () => {
    const { clock, session, messages } = started();
    const seq = session.act({ type: 'scale', node: 'app1', by: 1 });
    expect(messages.some((m) => m.type === 'ack')).toBe(false);
    clock.advance(100);
    expect(messages).toContainEqual({ type: 'ack', seq, action: { type: 'scale', node: 'app1', by: 1 }, cost: 100 });
  });

  it('answers a refused action with its rule error code and message', () => {
    const { clock, session, last } = started();
    const seq = session.act({ type: 'link', from: 'db1', to: 'app1' });
    clock.advance(100);
    expect(last('error')).toMatchObject({ seq, code: 'LINK_NOT_ALLOWED', message: expect.stringContaining('db cannot call app') });
  });

  it('announces an event ahead, then its start and its end', () => {
    const { clock, messages } = started();
    clock.advance(10_000);
    const phases = messages.flatMap((m) => (m.type === 'announce' ? [[m.phase, m.tick]] : []));
    expect(phases).toEqual([['upcoming', 10], ['started', 60], ['ended', 80]]);
  });

  it('sends the leaderboard every second with the live score', () => {
    const { clock, messages } = started();
    clock.advance(3_000);
    const boards = messages.filter((m) => m.type === 'leaderboard');
    expect(boards.length).toBe(4);
    expect(boards.at(-1)).toMatchObject({ entries: [{ name: 'you', you: true, availability: expect.closeTo(1, 4) }] });
  });

  it('ends with results and stops its timer', () => {
    const { clock, last } = started(10);
    clock.advance(1_000);
    const results = last('results');
    expect(results?.results.result.passed).toBe(false);
    expect(results?.results.failedByNode.app1?.some((n) => n > 0)).toBe(true);
    expect(clock.pending()).toBe(0);
  });

  it('refuses actions once the game is over', async () => {
    const { clock, session, last } = started(10);
    clock.advance(1_000);
    const seq = session.act({ type: 'scale', node: 'app1', by: 1 });
    await Promise.resolve();
    expect(last('error')).toMatchObject({ seq, code: 'GAME_OVER' });
  });

  it('stops and says so when closed', () => {
    const { clock, session, messages } = started();
    session.close();
    expect(messages.at(-1)).toEqual({ type: 'connection', state: 'closed' });
    expect(clock.pending()).toBe(0);
  });
});
