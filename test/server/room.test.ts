import { describe, expect, it } from 'vitest';
import { act, advance, newGame, resultOf } from '../../shared/game.js';
import { CLOSE_CODES, ERROR_CODES } from '../../shared/protocol.js';
import { DEFAULTS } from '../../server/limits.js';
import { stateHash } from '../../shared/state-hash.js';
import { hashToken } from '../../server/codes.js';
import { nextWakeAt, tickPhaseMs } from '../../server/room.js';
import { replayRoom } from '../../server/room-state.js';
import { totalTicks } from '../../server/room-model.js';
import { raceLevel } from './helpers/race-level.js';
import { closes, Driver, HOST_TOKEN, only, sent } from './helpers/room-driver.js';

const level = raceLevel();
/** Wall milliseconds per tick at speed 1. */
const WALL = level.tickMs;

describe('room: seats and tokens', () => {
  it('seats a player with a fresh resume token and logs only its hash', () => {
    const d = new Driver();
    const out = d.hello(1, 'ada');
    const welcome = only(out, 1, 'welcome');
    expect(welcome.playerId).toBe('p1');
    expect(welcome.resumeToken).toBe('token-1-padding-xx');
    expect(welcome.host).toBe(false);
    expect(JSON.stringify(d.log())).not.toContain('token-1-padding-xx');
    expect(d.log()).toContainEqual({ t: 'join', tick: 0, player: 'p1', name: 'ada', tokenHash: hashToken('token-1-padding-xx'), from: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('gives the seat back on resume, rotates the token, closes the stale socket and refuses the old token', () => {
    const d = new Driver();
    const first = only(d.hello(1, 'ada'), 1, 'welcome').resumeToken!;
    const out = d.hello(2, 'ada', { resume: first });
    const welcome = only(out, 2, 'welcome');
    expect(welcome.playerId).toBe('p1');
    expect(welcome.resumeToken).not.toBe(first);
    expect(closes(out)).toEqual([{ conn: 1, code: CLOSE_CODES.REPLACED }]);
    const again = d.hello(3, 'ada', { resume: first });
    expect(only(again, 3, 'error').code).toBe(ERROR_CODES.BAD_RESUME_TOKEN);
    expect(closes(again)).toEqual([{ conn: 3, code: CLOSE_CODES.BAD_TOKEN }]);
    expect(d.room.seats.size).toBe(1);
  });

  it('refuses a taken name, a full room and a wrong host token, naming the problem', () => {
    const d = new Driver({ maxPlayers: 2, maxSpectators: 1 });
    d.hello(1, 'ada');
    expect(only(d.hello(2, 'ADA'), 2, 'error')).toMatchObject({ code: ERROR_CODES.NAME_TAKEN, message: expect.stringContaining('"ADA"') });
    d.hello(3, 'bob');
    const full = d.hello(4, 'cy');
    expect(only(full, 4, 'error')).toMatchObject({ code: ERROR_CODES.ROOM_FULL, message: expect.stringContaining('2 players') });
    expect(closes(full)).toEqual([{ conn: 4, code: CLOSE_CODES.FULL }]);
    const badHost = d.hello(5, 'eve', { spectate: true, hostToken: 'not-the-host-token' });
    expect(only(badHost, 5, 'error').code).toBe(ERROR_CODES.BAD_HOST_TOKEN);
    expect(closes(badHost)).toEqual([{ conn: 5, code: CLOSE_CODES.BAD_TOKEN }]);
  });
});

describe('room: authorization', () => {
  it('lets only the host token holder use host controls, and only players act', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.hello(2, 'watcher', { spectate: true });
    d.hello(3, 'teacher', { spectate: true, hostToken: HOST_TOKEN });
    expect(only(d.send(1, { type: 'start' }), 1, 'error').code).toBe(ERROR_CODES.NOT_HOST);
    expect(only(d.send(2, { type: 'start' }), 2, 'error').code).toBe(ERROR_CODES.NOT_HOST);
    expect(d.room.phase).toBe('lobby');
    d.send(3, { type: 'start' });
    expect(d.room.phase).toBe('countdown');
    d.at(nextWakeAt(d.room)!);
    const ack = only(d.send(2, { type: 'act', seq: 0, action: { type: 'scale', node: 'app', by: 1 } }), 2, 'ack');
    expect(ack).toMatchObject({ ok: false, code: ERROR_CODES.NOT_A_PLAYER });
    expect(d.log().some((e) => e.t === 'act')).toBe(false);
  });
});

describe('room: a round', () => {
  it('counts down, then ticks on a schedule from the start time, not from the last tick', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.control({ type: 'start' });
    // The countdown, and the room's phase of the tick period.
    const start = DEFAULTS.COUNTDOWN_MS + tickPhaseMs(d.room);
    expect(nextWakeAt(d.room)).toBe(start);
    d.at(start - 1);
    expect(d.room.phase).toBe('countdown');
    d.at(start);
    expect(d.room.phase).toBe('running');
    expect(nextWakeAt(d.room)).toBe(start + WALL);
    // A timer that fires late runs the ticks that are due; the next one stays on the grid.
    d.at(start + 3 * WALL + 40);
    expect(d.room.tick).toBe(3);
    expect(nextWakeAt(d.room)).toBe(start + 4 * WALL);
  });

  it('spreads the ticks of rooms started together over the tick period, by their codes', () => {
    const phases = Array.from({ length: 40 }, (_, i) => {
      const d = new Driver({ code: `R${String(i).padStart(4, '0')}` });
      return tickPhaseMs(d.room);
    });
    expect(phases.every((p) => p >= 0 && p < WALL)).toBe(true);
    // Every quarter of the period holds some of them: no pile-up on one moment.
    const quarters = new Set(phases.map((p) => Math.floor((4 * p) / WALL)));
    expect(quarters.size).toBe(4);
    expect(new Set(phases).size).toBe(phases.length);
  });

  it('runs at most a bounded burst after a stall, then lets the schedule slip', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    const out = d.at(d.now + 100 * WALL);
    expect(d.room.tick).toBe(DEFAULTS.MAX_CATCH_UP_TICKS);
    expect(out.some((o) => o.type === 'note' && o.level === 'warn' && o.text.includes('behind'))).toBe(true);
    expect(nextWakeAt(d.room)).toBe(d.now + WALL);
  });

  it('applies actions at the tick they arrive, in order, acks them, and ignores a repeated number', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.runTo(5);
    const a0 = only(d.send(1, { type: 'act', seq: 0, action: { type: 'scale', node: 'app', by: 2 } }), 1, 'ack');
    expect(a0).toMatchObject({ ok: true, tick: 5 });
    expect(a0.cost).toBeGreaterThan(0);
    const hashBefore = stateHash(d.room.seats.get('p1')!.side!.game.state);
    const refused = only(d.send(1, { type: 'act', seq: 1, action: { type: 'scale', node: 'nope', by: 1 } }), 1, 'ack');
    expect(refused).toMatchObject({ ok: false, code: 'UNKNOWN_NODE', tick: 5 });
    expect(stateHash(d.room.seats.get('p1')!.side!.game.state)).toBe(hashBefore);
    const dup = only(d.send(1, { type: 'act', seq: 0, action: { type: 'scale', node: 'app', by: 2 } }), 1, 'ack');
    expect(dup).toMatchObject({ ok: false, code: ERROR_CODES.DUPLICATE_SEQ });
    expect(d.room.seats.get('p1')!.side!.game.state.nodes.find((n) => n.id === 'app')!.warming).toEqual([[5 + 200, 2]]);
    expect(d.log().filter((e) => e.t === 'act').map((e) => e.t === 'act' && [e.tick, e.seq, e.ok])).toEqual([[5, 0, true], [5, 1, false]]);
  });

  it('refuses actions while paused and sends no tick until resumed, without a burst after', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.runTo(4);
    d.control({ type: 'pause' });
    expect(nextWakeAt(d.room)).toBeUndefined();
    d.at(d.now + 50 * WALL);
    expect(d.room.tick).toBe(4);
    expect(only(d.send(1, { type: 'act', seq: 0, action: { type: 'scale', node: 'app', by: 1 } }), 1, 'ack').code).toBe(ERROR_CODES.WRONG_PHASE);
    d.control({ type: 'resume' });
    expect(nextWakeAt(d.room)).toBe(d.now + WALL);
  });

  it('plays to the end and ranks by availability, then score', () => {
    const d = new Driver();
    d.hello(1, 'idle');
    d.hello(2, 'scaler');
    d.startGame();
    d.send(2, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'app' } });
    d.runTo(totalTicks(d.room));
    expect(d.room.phase).toBe('ended');
    const results = d.outputs.flatMap((o) => (o.type === 'results' ? [o.msg] : []));
    expect(results).toHaveLength(1);
    const rows = results[0]!.rows;
    expect(rows.map((r) => [r.rank, r.player])).toEqual([[1, 'p2'], [2, 'p1']]);
    expect(rows[0]!.availability).toBeGreaterThan(rows[1]!.availability);
    const idle = newGame(level, level.seed);
    while (idle.state.tick < totalTicks(d.room)) advance(idle);
    expect(rows[1]!.score).toBe(resultOf(idle).score);
  });

  it('sends players the top of the leaderboard and their own row, the host and spectators all of it', () => {
    const d = new Driver({ maxPlayers: 20 });
    for (let i = 1; i <= 12; i++) d.hello(i, `player${i}`);
    d.hello(13, 'teacher', { spectate: true, hostToken: HOST_TOKEN });
    d.startGame();
    d.send(3, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'app' } });
    d.at(d.room.origin + (DEFAULTS.LEADERBOARD_EVERY_TICKS - 1) * WALL);
    // The host's comes at the period's start; each player's with its first sync in the period, all the same board.
    const out = d.at(d.room.origin + (DEFAULTS.LEADERBOARD_EVERY_TICKS + DEFAULTS.SYNC_EVERY_TICKS - 1) * WALL);
    const board = (conn: number) => only(out, conn, 'leaderboard');
    for (let conn = 1; conn <= 13; conn++) expect(board(conn).tick).toBe(DEFAULTS.LEADERBOARD_EVERY_TICKS);
    expect(board(13).rows.map((r) => r.id)).toEqual(['p3', 'p1', 'p2', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10', 'p11', 'p12']);
    expect(board(3).rows.map((r) => r.id)).toEqual(board(13).rows.slice(0, DEFAULTS.LEADERBOARD_TOP).map((r) => r.id));
    expect(board(12).rows.map((r) => [r.rank, r.id]).slice(-2)).toEqual([[10, 'p10'], [12, 'p12']]);
    expect(board(12)).toMatchObject({ players: 12 });
  });

  it('starts the next round in the lobby with the same seats and fresh games, and keeps each round\'s results apart', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.runTo(20);
    d.control({ type: 'end' });
    d.control({ type: 'next' });
    expect(d.room.phase).toBe('lobby');
    expect(d.room.seats.get('p1')!.side).toBeUndefined();
    d.startGame();
    d.runTo(totalTicks(d.room));
    expect(d.outputs.flatMap((o) => (o.type === 'results' ? [[o.round, o.msg.tick]] : []))).toEqual([[1, 20], [2, totalTicks(d.room)]]);
    const copy = replayRoom(d.log(), { speed: 1, maxPlayers: 10, maxSpectators: 10 });
    expect([copy.phase, copy.round, copy.tick]).toEqual(['ended', 2, totalTicks(d.room)]);
  });

  it('announces each timeline event its announce seconds ahead, once', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.runTo(totalTicks(d.room));
    const announces = sent(d.outputs, 1).filter((m) => m.type === 'announce');
    expect(announces.map((m) => m.type === 'announce' && [m.tick, m.at, m.live])).toEqual([[40, 6, false]]);
  });

  it('fires a live event into every game at the current time and announces it', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.hello(2, 'bob');
    d.startGame();
    d.runTo(20);
    const out = d.control({ type: 'fire', event: { type: 'db-failure', at: 1, duration: 3, announce: 0 } });
    for (const seat of d.room.seats.values()) expect(seat.side!.game.state.fired).toEqual([{ type: 'db-failure', at: 3, duration: 3, announce: 0 }]);
    expect(only(out, 1, 'announce')).toMatchObject({ at: 3, live: true });
  });

  it('fires a live event at one player\'s game only, announced to that player, to the hosts as aimed at it, not to the others', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.hello(2, 'bob');
    d.hello(3, 'teacher', { spectate: true, hostToken: HOST_TOKEN });
    d.hello(4, 'cy', { hostToken: HOST_TOKEN });
    d.startGame();
    d.runTo(20);
    const out = d.control({ type: 'fire', event: { type: 'db-failure', at: 1, duration: 3, announce: 0 }, player: 'p2' });
    expect(d.room.seats.get('p2')!.side!.game.state.fired).toEqual([{ type: 'db-failure', at: 3, duration: 3, announce: 0 }]);
    expect(d.room.seats.get('p1')!.side!.game.state.fired).toEqual([]);
    const announce = only(out, 2, 'announce');
    expect(announce).toMatchObject({ tick: 20, at: 3, live: true });
    expect(announce.aimedAt).toBeUndefined();
    // A host, seated or not, hears of it without taking it into its own game.
    for (const host of [3, 4]) expect(only(out, host, 'announce')).toEqual({ ...announce, aimedAt: 'p2' });
    expect(sent(out, 1).filter((m) => m.type === 'announce')).toEqual([]);
  });

  it('refuses to fire at a player who is not in the round, changing nothing', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.control({ type: 'fire', event: { type: 'db-failure', at: 1, duration: 3, announce: 0 }, player: 'p9' });
    expect(d.room.seats.get('p1')!.side!.game.state.fired).toEqual([]);
  });

  it('seats a latecomer with a game caught up to the round, as if it had joined at the start', () => {
    const d = new Driver();
    d.hello(1, 'early');
    d.startGame();
    d.runTo(30);
    only(d.hello(2, 'late'), 2, 'snapshot');
    d.runTo(35);
    expect(stateHash(d.room.seats.get('p2')!.side!.game.state)).toBe(stateHash(d.room.seats.get('p1')!.side!.game.state));
  });

  it('kicks: the seat is gone, the socket closed, and its token tells why it fails', () => {
    const d = new Driver();
    const token = only(d.hello(1, 'ada'), 1, 'welcome').resumeToken!;
    d.hello(2, 'bob');
    const out = d.control({ type: 'kick', player: 'p1' });
    expect(closes(out)).toEqual([{ conn: 1, code: CLOSE_CODES.KICKED }]);
    expect([...d.room.seats.keys()]).toEqual(['p2']);
    const back = d.hello(3, 'ada', { resume: token });
    expect(only(back, 3, 'error').message).toContain('removed');
    expect(closes(back)).toEqual([{ conn: 3, code: CLOSE_CODES.KICKED }]);
  });
});

describe('room: teams', () => {
  it('gives a team one architecture: a member acts on it, the others are told who did what', () => {
    const d = new Driver();
    d.hello(1, 'ada', { team: 'Red' });
    d.hello(2, 'bob', { team: 'red', teamKey: d.room.teams.get('red')!.key });
    d.hello(3, 'cy');
    d.startGame();
    const out = d.send(2, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'db' } });
    expect(only(out, 2, 'ack')).toMatchObject({ ok: true });
    expect(only(out, 1, 'activity')).toEqual({ type: 'activity', tick: 0, actor: 'p2', name: 'bob', action: { type: 'upgrade', node: 'db' } });
    expect(sent(out, 3)).toEqual([]);
    expect(sent(out, 2).map((m) => m.type)).toEqual(['ack']);
    const [ada, bob, cy] = ['p1', 'p2', 'p3'].map((p) => d.room.seats.get(p)!.side!);
    expect(ada).toBe(bob);
    expect(cy).not.toBe(ada);
    expect(ada!.team).toBe('Red');
    expect(ada!.game.state.nodes.find((n) => n.id === 'db')!.tier).toBe('medium');
    expect(cy!.game.state.nodes.find((n) => n.id === 'db')!.tier).toBe('small');
  });

  it('runs a shared architecture once per tick, as a player alone would', () => {
    const d = new Driver();
    d.hello(1, 'ada', { team: 'red' });
    d.hello(2, 'bob', { team: 'red', teamKey: d.room.teams.get('red')!.key });
    d.hello(3, 'cy');
    d.startGame();
    d.runTo(30);
    expect(stateHash(d.room.seats.get('p1')!.side!.game.state)).toBe(stateHash(d.room.seats.get('p3')!.side!.game.state));
  });

  it('ranks a team as one row, named for the team, with its members', () => {
    const d = new Driver();
    d.hello(1, 'ada', { team: 'red' });
    d.hello(2, 'bob', { team: 'red', teamKey: d.room.teams.get('red')!.key });
    d.hello(3, 'cy');
    d.startGame();
    d.send(1, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'app' } });
    d.send(2, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'db' } });
    d.runTo(totalTicks(d.room));
    const results = d.outputs.flatMap((o) => (o.type === 'results' ? [o] : []));
    expect(results[0]!.msg.rows.map((r) => [r.rank, r.name, r.player, r.members, r.actions])).toEqual([[1, 'red', 'p1', ['p1', 'p2'], 2], [2, 'cy', 'p3', undefined, 0]]);
    expect(results[0]!.msg.rows[0]).toMatchObject({ team: 'red' });
    // The team's game log holds both members' actions, in order: what the debrief replays.
    expect(results[0]!.logs.p1!.entries).toEqual([{ tick: 0, action: { type: 'upgrade', node: 'app' } }, { tick: 0, action: { type: 'upgrade', node: 'db' } }]);
    expect(Object.keys(results[0]!.logs)).toEqual(['p1', 'p3']);
    expect(results[0]!.players).toEqual({ p1: 'ada', p2: 'bob', p3: 'cy' });
    const board = sent(d.outputs, 2).filter((m) => m.type === 'leaderboard').at(-1)!;
    expect(board.type === 'leaderboard' && board.rows.map((r) => r.name)).toEqual(['red', 'cy']);
  });

  it('seats a latecomer in its team\'s architecture, and a replayed log rebuilds the teams', () => {
    const d = new Driver();
    d.hello(1, 'ada', { team: 'red' });
    d.startGame();
    d.send(1, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'db' } });
    d.runTo(30);
    d.hello(2, 'bob', { team: 'RED', teamKey: d.room.teams.get('red')!.key });
    expect(d.room.seats.get('p2')!.side).toBe(d.room.seats.get('p1')!.side);
    d.send(2, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'app' } });
    d.runTo(40);
    const copy = replayRoom(d.log(), { speed: 1, maxPlayers: 10, maxSpectators: 10 });
    expect(copy.seats.get('p2')!.side).toBe(copy.seats.get('p1')!.side);
    expect(stateHash(copy.seats.get('p1')!.side!.game.state)).toBe(stateHash(d.room.seats.get('p1')!.side!.game.state));
    expect(d.log().find((e) => e.t === 'join' && e.player === 'p2')).toMatchObject({ team: 'RED' });
  });
});

describe('room: replay', () => {
  it('rebuilds the same room from its log: seats, tokens, sequence numbers and state hashes', () => {
    const d = new Driver();
    const token = only(d.hello(1, 'ada'), 1, 'welcome').resumeToken!;
    d.hello(2, 'bob');
    d.startGame();
    d.runTo(12);
    d.send(1, { type: 'act', seq: 3, action: { type: 'scale', node: 'app', by: 1 } });
    d.send(2, { type: 'act', seq: 0, action: { type: 'upgrade', node: 'db' } });
    d.runTo(25);
    d.control({ type: 'fire', event: { type: 'latency', at: 0, duration: 2, announce: 0, factor: 3 } });
    const resumed = only(d.hello(3, 'ada', { resume: token }), 3, 'welcome').resumeToken!;
    d.runTo(43);
    const copy = replayRoom(d.log(), { speed: 1, maxPlayers: 10, maxSpectators: 10 });
    // The log reaches the last checkpoint; the live room is a few ticks further on.
    expect(copy.tick).toBe(40);
    expect(copy.phase).toBe('running');
    expect(copy.seats.get('p1')!.tokenHash).toBe(hashToken(resumed));
    expect(copy.seats.get('p1')!.lastSeq).toBe(3);
    const replica = newGame(level, level.seed);
    for (let t = 0; t < 40; t++) {
      if (t === 12) act(replica, { type: 'scale', node: 'app', by: 1 });
      if (t === 25) replica.state.fired.push({ type: 'latency', at: 2.5, duration: 2, announce: 0, factor: 3 });
      advance(replica);
    }
    expect(stateHash(copy.seats.get('p1')!.side!.game.state)).toBe(stateHash(replica.state));
    expect(copy.seats.get('p2')!.side!.game.state.nodes.find((n) => n.id === 'db')!.tier).toBe('medium');
  });

  it('refuses a log whose actions the rules now judge differently', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.send(1, { type: 'act', seq: 0, action: { type: 'scale', node: 'app', by: 1 } });
    const log = d.log().map((e) => (e.t === 'act' ? { ...e, ok: false } : e));
    expect(() => replayRoom(log, { speed: 1, maxPlayers: 10, maxSpectators: 10 })).toThrow(/expected refused as logged, got accepted/);
  });
});
