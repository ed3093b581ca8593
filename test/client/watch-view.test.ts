import { describe, expect, it } from 'vitest';
import { boxLines, type Frame } from '../../client/frame.js';
import { lobbyScreen, type LobbyInput } from '../../client/lobby-view.js';
import { RaceWatch } from '../../client/race-watch.js';
import type { LeaderboardEntry } from '../../client/session.js';
import { lineText } from '../../client/styled.js';
import { watchScreen, type WatchInput } from '../../client/watch-view.js';
import { tutorialLevel } from './helpers/levels.js';

/** The frame as the screen would show it, boxes drawn back to front. */
function render(frame: Frame, cols: number, rows: number): string[] {
  const grid = Array.from({ length: rows }, () => Array<string>(cols).fill(' '));
  for (const b of frame.boxes) {
    boxLines(b).forEach((l, y) => [...lineText(l)].forEach((c, x) => {
      if (b.top + y < rows && b.left + x < cols) grid[b.top + y]![b.left + x] = c;
    }));
  }
  return grid.map((r) => r.join(''));
}

/** The words on screen, borders and line breaks aside. */
const words = (rows: string[]) => rows.join(' ').replace(/[\u2500-\u257f]/g, ' ').replace(/\s+/g, ' ');

const LONG = 'cannot reach ws://192.168.100.200:7777: nothing listens there (is `nines host` running, on that port?)';
const entry = (rank: number, name: string, availability: number): LeaderboardEntry => ({ rank, name, availability, cost: 100, score: 900 - rank, you: false, connected: true });

function watching(): WatchInput {
  const level = tutorialLevel();
  const watch = new RaceWatch();
  const board = [entry(1, 'ada', 0.999), entry(2, 'bob', 0.95)];
  for (let s = 1; s <= 30; s++) watch.leaderboard([entry(1, 'ada', 1 - s / 10_000), entry(2, 'bob', 1 - s / 600)], s * 10);
  const notice = { index: 0, type: 'ddos' as const, text: 'DDoS: 2000 req/s from bots', at: 40, duration: 30 };
  return {
    room: 'K7QXM', level, phase: 'running', watch, leaderboard: board, events: [{ notice, phase: 'upcoming' }],
    connection: 'connected', retryAt: undefined, notice: undefined, now: 0,
  };
}

describe('a spectator watching a round', () => {
  it('sees the time left, the standings, the events with their countdown and the availability race', () => {
    const input = watching();
    for (const [cols, rows] of [[80, 24], [160, 48]] as const) {
      const screen = render(watchScreen(input, cols, rows), cols, rows);
      const left = input.level.durationSeconds - (300 * input.level.tickMs) / 1000;
      expect(screen[0]).toMatch(new RegExp(`watching .*${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left .*\\+ connected`));
      expect(screen.join('\n')).toMatch(/1\. ada\s+99\.90%/);
      expect(screen.join('\n')).toMatch(/! in 10s\s+DDoS: 2000 req\/s/);
      expect(screen.join('\n')).toContain('Availability race');
      expect(screen.join('\n')).toMatch(/1 ada\s+2 bob/);
      // Both series are drawn: the leader at the top, bob below it.
      const chart = screen.filter((l) => /\u2502[ 12]+\u2502$/.test(l) || /%\s\u2502/.test(l));
      expect(chart.some((l) => l.includes('1'))).toBe(true);
      expect(chart.some((l) => l.includes('2'))).toBe(true);
    }
  });

  it('takes a resent or final board without adding a moment to the race', () => {
    const w = new RaceWatch();
    w.leaderboard([entry(1, 'ada', 1)], 10);
    w.leaderboard([entry(1, 'ada', 0.9)], 10);
    w.leaderboard([entry(1, 'ada', 0.8)], 20);
    expect(w.history).toEqual({ ada: [1, 0.8] });
    expect(w.tick).toBe(20);
  });

  it('reads the whole of a long reason the connection is down, at 80x24, while watching and in the lobby', () => {
    const down = { ...watching(), connection: 'reconnecting' as const, notice: LONG };
    expect(words(render(watchScreen(down, 80, 24), 80, 24))).toContain(LONG);
    const lobby: LobbyInput = {
      room: { code: 'K7QXM', levelId: 'short', title: 'Short', phase: 'lobby', players: [], spectators: 1 }, level: down.level, spectator: true,
      connection: 'reconnecting', retryAt: undefined, notice: LONG, now: 0,
    };
    expect(words(render(lobbyScreen(lobby, 80, 24), 80, 24))).toContain(LONG);
  });
});
