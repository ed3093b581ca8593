import { describe, expect, it } from 'vitest';
import { Outbox, type FrameSink } from '../../server/outbox.js';
import { messagesOf } from '../../shared/protocol.js';

/** A socket whose send buffer the test fills and drains by hand. */
class FakeSink implements FrameSink {
  bufferedAmount = 0;
  sent: string[] = [];
  private written: (() => void)[] = [];

  send(data: string, written: () => void): void {
    this.sent.push(data);
    this.written.push(written);
  }

  drain(): void {
    this.bufferedAmount = 0;
    const callbacks = this.written;
    this.written = [];
    for (const cb of callbacks) cb();
  }
}

const LIMITS = { skipAt: 100, maxBuffered: 1_000 };

describe('Outbox', () => {
  it('sends everything while the buffer is below the threshold', () => {
    const sink = new FakeSink();
    const outbox = new Outbox(sink, LIMITS, () => { throw new Error('no overflow expected'); });
    outbox.send('l1', true, 'leaderboard');
    outbox.send('a1', false, 'ack');
    expect(sink.sent).toEqual(['l1', 'a1']);
  });

  it('holds only the newest droppable frame of each kind while the buffer is full, and sends them once it drains', () => {
    const sink = new FakeSink();
    const outbox = new Outbox(sink, LIMITS, () => { throw new Error('no overflow expected'); });
    outbox.send('l0', true, 'leaderboard');
    sink.bufferedAmount = 500;
    for (let i = 1; i <= 1_000; i++) outbox.send(`l${i}`, true, 'leaderboard');
    outbox.send('r1', true, 'room');
    outbox.send('y1', false, 'sync');
    outbox.send('a1', false, 'ack');
    expect(sink.sent).toEqual(['l0', 'y1', 'a1']);
    expect(outbox.skipped).toBe(999);
    sink.drain();
    expect(sink.sent).toEqual(['l0', 'y1', 'a1', 'l1000', 'r1']);
  });

  it('gives up on a client whose buffer passed the limit instead of queueing more', () => {
    const sink = new FakeSink();
    let overflows = 0;
    const outbox = new Outbox(sink, LIMITS, () => { overflows++; });
    sink.bufferedAmount = 2_000;
    outbox.send('a1', false, 'ack');
    expect(overflows).toBe(1);
    expect(sink.sent).toEqual([]);
  });

  it("sends a dispatch's messages as one batch frame, holding back droppable ones while the buffer is full", () => {
    const sink = new FakeSink();
    const outbox = new Outbox(sink, LIMITS, () => { throw new Error('no overflow expected'); });
    const frame = (data: string, droppable: boolean, kind: string) => ({ data: JSON.stringify({ type: kind, data }), droppable, kind });
    outbox.sendAll([frame('s1', false, 'sync'), frame('l1', true, 'leaderboard')]);
    expect(sink.sent.map((f) => messagesOf(JSON.parse(f)))).toEqual([[{ type: 'sync', data: 's1' }, { type: 'leaderboard', data: 'l1' }]]);
    sink.bufferedAmount = 500;
    outbox.sendAll([frame('s2', false, 'sync'), frame('l2', true, 'leaderboard'), frame('a2', false, 'ack')]);
    expect(messagesOf(JSON.parse(sink.sent[1]!))).toEqual([{ type: 'sync', data: 's2' }, { type: 'ack', data: 'a2' }]);
    sink.drain();
    expect(sink.sent.slice(2).map((f) => JSON.parse(f))).toEqual([{ type: 'leaderboard', data: 'l2' }]);
    outbox.sendAll([frame('s3', false, 'sync')]);
    expect(JSON.parse(sink.sent[3]!)).toEqual({ type: 'sync', data: 's3' });
  });
});

