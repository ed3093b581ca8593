import { describe, expect, it } from 'vitest';
import { boardRow } from '../../shared/protocol.js';
import { leaderboard } from '../../server/standings.js';
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
