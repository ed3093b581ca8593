import { describe, expect, it } from 'vitest';
import { boxLines } from '../../client/frame.js';
import { resultsScreen } from '../../client/results-view.js';
import { lineText } from '../../client/styled.js';
import { isOver, newGame, advance, resultOf } from '../../shared/game.js';
import { tutorialLevel } from './helpers/levels.js';

describe('results screen: a series of levels', () => {
  it('shows the podium of the cumulative totals and the player\'s own place', () => {
    const level = tutorialLevel();
    const game = newGame(level);
    while (!isOver(game)) advance(game);
    const totals = [
      { rank: 1, name: 'ada', score: 300, rounds: 2, you: false },
      { rank: 2, name: 'bob', score: 250, rounds: 2, you: false },
      { rank: 3, name: 'cy', score: 200, rounds: 2, you: false },
      { rank: 4, name: 'dee', score: 100, rounds: 2, you: true },
    ];
    const results = (final: boolean) => ({
      result: resultOf(game), failedByNode: {}, rank: 4, players: 4, standings: [],
      series: { level: final ? 3 : 2, of: 3, final, totals },
    });
    const text = (final: boolean) => resultsScreen(level, results(final), { type: 'room' }, 100, 50).boxes.flatMap((b) => boxLines(b).map(lineText)).join('\n');
    expect(text(false)).toMatch(/Series\s+level 2 of 3, points so far/);
    expect(text(false)).toMatch(/ 1\. ada {2}300 points in 2 round\(s\)/);
    expect(text(false)).toMatch(/> 4\. dee {2}100 points/);
    expect(text(true)).toMatch(/Final podium\s+after 3 levels/);
  });
});
