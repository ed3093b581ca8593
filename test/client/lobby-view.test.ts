import { describe, expect, it } from 'vitest';
import { boxLines, type Frame } from '../../client/frame.js';
import { lobbyScreen, type LobbyInput } from '../../client/lobby-view.js';
import { lineText } from '../../client/styled.js';
import { tutorialLevel } from './helpers/levels.js';

/** The frame as the screen would show it, boxes drawn back to front. */
function render(frame: Frame, cols: number, rows: number): string {
  const grid = Array.from({ length: rows }, () => Array<string>(cols).fill(' '));
  for (const b of frame.boxes) {
    boxLines(b).forEach((l, y) => [...lineText(l)].forEach((c, x) => {
      if (b.top + y < rows && b.left + x < cols) grid[b.top + y]![b.left + x] = c;
    }));
  }
  return grid.map((r) => r.join('')).join('\n');
}

const lobby = (team?: { name: string; key: string }): LobbyInput => ({
  room: {
    code: 'K7QXM', levelId: 'tutorial', title: 'Tutorial', phase: 'lobby', spectators: 0,
    players: [{ id: 'p1', name: 'ana', ready: false, connected: true, you: true }], ...(team ? { team } : {}),
  },
  level: tutorialLevel(), spectator: false, connection: 'connected', retryAt: undefined, notice: undefined, now: 0,
});

describe('lobby: a team member sees the team key, like the room code', () => {
  it('shows the team and its key, and how teammates use it, at 80x24', () => {
    const screen = render(lobbyScreen(lobby({ name: 'red', key: 'Q7MZ4K' }), 80, 24), 80, 24);
    expect(screen).toMatch(/Team +red +key Q7MZ4K +teammates join with --team-key/);
    expect(render(lobbyScreen(lobby(), 80, 24), 80, 24)).not.toContain('Team ');
  });
});

describe('lobby: the level line', () => {
  it("shows a long title's round facts whole at 80x24, on the next line, and beside a short title", () => {
    const long = { ...lobby(), level: { ...tutorialLevel(), title: 'Load balancing: no single point of failure', budget: 1_500 } };
    const screen = render(lobbyScreen(long, 80, 24), 80, 24);
    expect(screen).toContain('Load balancing: no single point of failure');
    expect(screen).toMatch(/\n║ +\d+:\d\d, target [\d.]+%, budget \$1,500/);
    expect(render(lobbyScreen(lobby(), 80, 24), 80, 24)).toContain(`Level     ${tutorialLevel().title}  `);
  });
});

describe('lobby: the room\'s difficulty, the same for everyone, is said before the round', () => {
  it('shows normal when the room says none, and hard with what it changes, at 80x24', () => {
    expect(render(lobbyScreen(lobby(), 80, 24), 80, 24)).toMatch(/ difficulty normal: the level as written/);
    const hard = lobby();
    hard.room.difficulty = 'hard';
    const screen = render(lobbyScreen(hard, 80, 24), 80, 24);
    expect(screen).toMatch(/ difficulty hard: budget x0\.8, machines fail unannounced/);
    // The players and what to do still fit.
    expect(screen).toContain('ana');
    expect(screen).toContain('press r when you are ready');
  });
});
