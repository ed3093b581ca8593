import { describe, expect, it } from 'vitest';
import { boardRow } from '../../shared/protocol.js';
import { leaderboard, results } from '../../server/standings.js';
import { Driver } from './helpers/room-driver.js';

describe('leaderboard rows', () => {
  it('count the nodes down in each architecture now, so a player with an outage stands out', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.hello(2, 'bob');
    d.startGame();
    d.runTo(20);
    // Fired at tick 20, it begins at 3 s of game time (tick 30) and lasts 3 s.
    d.control({ type: 'fire', event: { type: 'db-failure', at: 1, duration: 3, announce: 0 }, player: 'p2' });
    d.runTo(35);
    const rows = Object.fromEntries(leaderboard(d.room).map((r) => [r.name, r]));
    expect(rows['bob']!.down).toBe(1);
    expect(rows['ada']!.down).toBeUndefined();
    expect(boardRow(rows['bob']!).down).toBe(1);
    expect(boardRow(rows['ada']!)).not.toHaveProperty('down');
    // Once the failure is over, nothing is down.
    d.runTo(70);
    expect(leaderboard(d.room).every((r) => r.down === undefined)).toBe(true);
  });
});

describe('the ranking', () => {
  it('puts the earlier finisher first at equal availability and score, then the earlier joiner, and says which broke the tie', () => {
    const d = new Driver();
    for (const [conn, name] of [[1, 'ada'], [2, 'bob'], [3, 'cal'], [4, 'dan']] as const) d.hello(conn, name);
    d.startGame();
    // Unlinking and linking again in one tick changes nothing the game computes, but it is a change made then.
    const relink = (conn: number) => {
      d.send(conn, { type: 'act', seq: 1, action: { type: 'unlink', from: 'app', to: 'db' } });
      d.send(conn, { type: 'act', seq: 2, action: { type: 'link', from: 'app', to: 'db' } });
    };
    d.runTo(20);
    relink(2);
    d.runTo(40);
    relink(1);
    d.runTo(60);
    const rows = leaderboard(d.room);
    expect(new Set(rows.map((r) => `${r.availability} ${r.score}`)).size).toBe(1);
    expect(rows.map((r) => r.name)).toEqual(['cal', 'dan', 'bob', 'ada']);
    expect(rows.map((r) => r.tie)).toEqual([undefined, 'joined', 'finished', 'finished']);
    expect(rows.map((r) => r.finishedAt)).toEqual([undefined, undefined, 2, 4]);
    expect(boardRow(rows[3]!)).toMatchObject({ tie: 'finished', fin: 4 });
    expect(boardRow(rows[0]!)).not.toHaveProperty('fin');
    d.control({ type: 'end' });
    expect(results(d.room).map((r) => [r.name, r.tie])).toEqual([['cal', undefined], ['dan', 'joined'], ['bob', 'finished'], ['ada', 'finished']]);
  });

  it('scores a round the host ends early on the part played: never passed, no stars, not complete', () => {
    const d = new Driver();
    d.hello(1, 'ada');
    d.startGame();
    d.runTo(20);
    // Above the target so far, but the level is not over.
    expect(leaderboard(d.room)[0]!.availability).toBeGreaterThan(d.room.level.target);
    expect(leaderboard(d.room)[0]).toMatchObject({ passed: false });
    d.control({ type: 'end' });
    const row = results(d.room)[0]!;
    expect(row.availability).toBeGreaterThan(d.room.level.target);
    expect(row.cost).toBeLessThan(d.room.level.budget);
    expect(row).toMatchObject({ passed: false, stars: 0, complete: false });
  });
});
