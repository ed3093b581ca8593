import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, rulesHash, type HostControl, type ServerMessage, type ServerMessageOf } from '../../shared/protocol.js';
import { hashToken } from '../../server/codes.js';
import { createRoom, handle, nextWakeAt, type RoomOutput } from '../../server/room.js';
import { replayRoom } from '../../server/room-state.js';
import { type Room } from '../../server/room-model.js';
import { raceLevel } from './helpers/race-level.js';

const first = raceLevel();
const second = { ...raceLevel(), id: 'race-two', title: 'Race two' };
const OPTIONS = { speed: 1, maxPlayers: 10, maxSpectators: 10 };

/** A room of a series of levels, driven by hand. */
function seriesRoom(levels = [first, second]) {
  const created = createRoom({ t: 'create', v: 1, code: 'ABCDE', level: levels[0]!, seed: levels[0]!.seed, hostTokenHash: hashToken('host-token-0123456789a'), sequence: levels }, OPTIONS);
  const room: Room = created.room;
  const outputs: RoomOutput[] = [...created.outputs];
  let now = 0;
  const run = (o: RoomOutput[]) => { outputs.push(...o); return o; };
  const control = (c: HostControl) => run(handle(room, { type: 'control', now, control: c }));
  const hello = (conn: number, name: string) => {
    const token = `token-${conn}-padding-xxxxx`;
    run(handle(room, { type: 'hello', conn, now, address: '127.0.0.1', token, tokenHash: hashToken(token), hello: { type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: rulesHash(), name, room: 'ABCDE' } }));
  };
  const runTo = (tick: number) => {
    while (room.tick < tick) {
      now = nextWakeAt(room)!;
      run(handle(room, { type: 'clock', now }));
    }
  };
  /** Plays a round to `ticks` and ends it; the results message. */
  const round = (ticks: number): ServerMessageOf<'results'> => {
    control({ type: 'start' });
    now = nextWakeAt(room)!;
    run(handle(room, { type: 'clock', now }));
    runTo(ticks);
    const out = control({ type: 'end' });
    const msg = out.flatMap((o) => (o.type === 'send' && o.kind === 'results' ? [JSON.parse(o.data) as ServerMessage] : []))[0];
    return msg as ServerMessageOf<'results'>;
  };
  const log = () => outputs.flatMap((o) => (o.type === 'log' ? [o.entry] : []));
  return { room, control, hello, round, log };
}

describe('room: a series of levels', () => {
  it('moves along the sequence on next and carries cumulative totals, with the final podium after the last', () => {
    const s = seriesRoom();
    s.hello(1, 'ada');
    s.hello(2, 'bob');
    const r1 = s.round(40);
    expect(r1.levelId).toBe('race');
    expect(r1.series).toMatchObject({ level: 1, of: 2, final: false });
    expect(r1.series!.totals.map((t) => [t.player, t.score, t.rounds])).toEqual(r1.rows.map((r) => [r.player, r.score, 1]));
    s.control({ type: 'next' });
    expect(s.room.level.id).toBe('race-two');
    expect(s.room.phase).toBe('lobby');
    const r2 = s.round(60);
    expect(r2.levelId).toBe('race-two');
    expect(r2.series).toMatchObject({ level: 2, of: 2, final: true });
    const total = (player: string) => [r1, r2].reduce((n, r) => n + r.rows.find((x) => x.player === player)!.score, 0);
    const totals = r2.series!.totals;
    expect(totals.map((t) => t.rank)).toEqual([1, 2]);
    for (const t of totals) expect(t).toMatchObject({ score: total(t.player), rounds: 2 });
    expect(totals[0]!.score).toBeGreaterThanOrEqual(totals[1]!.score);
    // After the last level, next replays it rather than failing.
    s.control({ type: 'next' });
    expect(s.room.level.id).toBe('race-two');
    // The log rebuilds the totals.
    expect([...replayRoom(s.log(), OPTIONS).totals.values()]).toEqual([...s.room.totals.values()]);
  });

  it('sends no series without a sequence', () => {
    const created = createRoom({ t: 'create', v: 1, code: 'ABCDE', level: first, seed: first.seed, hostTokenHash: hashToken('host-token-0123456789a') }, OPTIONS);
    expect(created.room.sequence).toBeUndefined();
    expect(created.room.totals.size).toBe(0);
  });
});
