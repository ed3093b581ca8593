import { describe, expect, it } from 'vitest';
import { GameReplica } from '../../client/game-replica.js';
import type { Action } from '../../shared/action.js';
import { DEFAULTS } from '../../server/limits.js';
import type { ServerMessage } from '../../shared/protocol.js';
import { stateHash } from '../../shared/state-hash.js';
import type { GameState } from '../../shared/state.js';
import { totalTicks } from '../../server/room-model.js';
import { raceLevel } from './helpers/race-level.js';
import { expectSyncEvery } from './helpers/sync-schedule.js';
import { Driver, HOST_TOKEN, only, sent } from './helpers/room-driver.js';

const level = raceLevel();
/** Wall milliseconds per tick at speed 1. */
const WALL = level.tickMs;
const UPGRADE: Action = { type: 'upgrade', node: 'app' };

/**
 * What a client makes of one connection's messages: a copy of its game built from them alone, as
 * WsSession does. Throws where the copy cannot follow; counts the hashes it matched.
 */
function replayStream(messages: readonly ServerMessage[], actions: ReadonlyMap<number, Action>): { hashes: number; state: GameState | undefined } {
  const replica = new GameReplica(level, level.seed);
  let hashes = 0;
  const follows = (m: ServerMessage): boolean => {
    switch (m.type) {
      case 'snapshot':
        replica.base(m.state);
        return stateHash(m.state) === m.hash;
      case 'sync':
        if (!replica.state && m.tick === 0) replica.fresh();
        if (!replica.stepTo(m.tick)) return false;
        if (m.hash === undefined) return true;
        hashes++;
        return replica.matches(m.hash);
      case 'ack':
        return !m.ok || replica.act(m.tick!, actions.get(m.seq)!);
      case 'activity':
        return replica.act(m.tick, m.action);
      case 'announce':
        return !m.live || m.aimedAt !== undefined || replica.fire(m.tick, m.event);
      default:
        return true;
    }
  };
  for (const [i, m] of messages.entries()) {
    if (!follows(m)) throw new Error(`message ${i} (${JSON.stringify(m).slice(0, 100)}): the copy cannot follow`);
  }
  return { hashes, state: replica.state };
}

/** A room whose players' actions are remembered by connection and number, as each client's own. */
class Round {
  readonly d = new Driver({ maxPlayers: 20 });
  private readonly actions = new Map<number, Map<number, Action>>();

  act(conn: number, seq: number, action: Action) {
    let mine = this.actions.get(conn);
    if (!mine) this.actions.set(conn, (mine = new Map()));
    mine.set(seq, action);
    return only(this.d.send(conn, { type: 'act', seq, action }), conn, 'ack');
  }

  replay(conn: number) {
    return replayStream(sent(this.d.outputs, conn), this.actions.get(conn) ?? new Map());
  }

  hashOf(player: string): string {
    return stateHash(this.d.room.seats.get(player)!.side!.game.state);
  }
}

describe('room: the stream each player replays its game from', () => {
  it('is enough to replay every game exactly: actions, refusals, teammates, live events, a pause, a latecomer, a resume, a late timer', () => {
    const r = new Round();
    const { d } = r;
    const adaToken = only(d.hello(1, 'ada', { team: 'red' }), 1, 'welcome').resumeToken!;
    d.hello(2, 'bob', { team: 'red', teamKey: d.room.teams.get('red')!.key });
    const cyToken = only(d.hello(3, 'cy'), 3, 'welcome').resumeToken!;
    d.hello(10, 'teacher', { spectate: true, hostToken: HOST_TOKEN });
    d.startGame();
    d.runTo(3);
    expect(r.act(1, 0, UPGRADE).ok).toBe(true);
    expect(r.act(1, 1, { type: 'link', from: 'db', to: 'app' }).ok).toBe(false);
    expect(r.act(2, 0, { type: 'upgrade', node: 'db' }).ok).toBe(true);
    expect(r.act(3, 0, { type: 'scale', node: 'app', by: 1 }).ok).toBe(true);
    d.runTo(12);
    d.control({ type: 'fire', event: { type: 'latency', at: 0, duration: 2, announce: 0, factor: 3 } });
    d.control({ type: 'fire', event: { type: 'db-failure', at: 0.5, duration: 1, announce: 0 }, player: 'p3' });
    // A timer that fires late runs several ticks in one go.
    d.at(d.now + 7 * WALL);
    d.control({ type: 'pause' });
    expect(r.act(3, 1, UPGRADE).ok).toBe(false);
    d.control({ type: 'resume' });
    d.runTo(33);
    d.hello(4, 'dan');
    expect(r.act(4, 0, { type: 'scale', node: 'app', by: 1 }).ok).toBe(true);
    d.send(3, { type: 'leave' });
    d.hello(5, 'cy', { resume: cyToken });
    expect(r.act(5, 1, UPGRADE).ok).toBe(true);
    d.hello(6, 'ada', { resume: adaToken });
    d.runTo(totalTicks(d.room));
    expect(d.room.phase).toBe('ended');

    const players = { 2: 'p2', 4: 'p4', 5: 'p3', 6: 'p1' } as const;
    for (const [conn, player] of Object.entries(players)) {
      const { hashes, state } = r.replay(Number(conn));
      expect(stateHash(state!)).toBe(r.hashOf(player));
      expect(hashes).toBeGreaterThan(1);
    }
    // The connections that ended along the way followed too, as far as they went.
    for (const conn of [1, 3]) expect(r.replay(conn).hashes).toBeGreaterThan(1);
    expect(r.replay(5).state!.fired).toHaveLength(2);
    expect(r.replay(6).state!.fired).toHaveLength(1);
  });

  it('sends a snapshot only as a base: none to a player there at the start, one to a latecomer and one at a resume', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.runTo(30);
    d.hello(2, 'late');
    d.runTo(totalTicks(d.room));
    const kinds = (conn: number) => sent(d.outputs, conn).map((m) => m.type);
    expect(kinds(1)).not.toContain('snapshot');
    expect(kinds(2).filter((k) => k === 'snapshot')).toHaveLength(1);
    expect(kinds(2).indexOf('snapshot')).toBe(kinds(2).indexOf('welcome') + 1);
    const syncs = sent(d.outputs, 2).filter((m) => m.type === 'sync').map((m) => m.tick);
    // The snapshot is the base at tick 30; the syncs go on from there.
    expectSyncEvery([30, ...syncs], 30, totalTicks(d.room));
  });

  it('answers a resync with a snapshot once per point of the stream: a new tick or a change makes a new one', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.runTo(5);
    const snapshots = (out: ReturnType<Driver['send']>) => sent(out, 1).filter((m) => m.type === 'snapshot').length;
    expect(snapshots(d.send(1, { type: 'resync' }))).toBe(1);
    expect(snapshots(d.send(1, { type: 'resync' }))).toBe(0);
    d.send(1, { type: 'act', seq: 0, action: UPGRADE });
    expect(snapshots(d.send(1, { type: 'resync' }))).toBe(1);
    d.runTo(6);
    expect(snapshots(d.send(1, { type: 'resync' }))).toBe(1);
    expect(snapshots(d.send(1, { type: 'resync' }))).toBe(0);
  });

  it('spreads the games\' syncs and hashes over the ticks, each game hashed once every HASH_EVERY_TICKS', () => {
    const d = new Driver({ maxPlayers: 20 });
    for (let i = 1; i <= 8; i++) d.hello(i, `player${i}`);
    d.startGame();
    d.runTo(2 * DEFAULTS.HASH_EVERY_TICKS);
    const hashedAt = (conn: number) => sent(d.outputs, conn).flatMap((m) => (m.type === 'sync' && m.hash !== undefined && m.tick > 0 ? [m.tick] : []));
    const turns = DEFAULTS.HASH_EVERY_TICKS / DEFAULTS.SYNC_EVERY_TICKS;
    for (let conn = 1; conn <= 8; conn++) {
      const ticks = hashedAt(conn);
      expect(ticks).toHaveLength(2);
      expect(ticks[1]! - ticks[0]!).toBe(DEFAULTS.HASH_EVERY_TICKS);
    }
    const perTick = new Map<number, number>();
    for (let conn = 1; conn <= 8; conn++) for (const t of hashedAt(conn)) perTick.set(t, (perTick.get(t) ?? 0) + 1);
    expect(Math.max(...perTick.values())).toBe(Math.ceil(8 / (turns * DEFAULTS.SYNC_EVERY_TICKS)));
    // Each tick brings syncs to a fifth of the games, not all of them every fifth tick.
    const syncsAt = new Map<number, number>();
    for (let conn = 1; conn <= 8; conn++) for (const m of sent(d.outputs, conn)) if (m.type === 'sync' && m.tick > 0) syncsAt.set(m.tick, (syncsAt.get(m.tick) ?? 0) + 1);
    expect(Math.max(...syncsAt.values())).toBe(Math.ceil(8 / DEFAULTS.SYNC_EVERY_TICKS));
  });
});
