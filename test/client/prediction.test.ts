import { describe, expect, it } from 'vitest';
import { Prediction } from '../../client/prediction.js';
import { advance, newGame } from '../../shared/game.js';
import type { GameState } from '../../shared/state.js';
import { tutorialLevel } from './helpers/levels.js';

const level = tutorialLevel();
const copy = (s: GameState): GameState => JSON.parse(JSON.stringify(s)) as GameState;
const ids = (s: GameState) => s.nodes.map((n) => n.id);

describe('Prediction', () => {
  it('shows an acked action at once, on a copy, until a snapshot that has it comes', () => {
    const game = newGame(level);
    const p = new Prediction(level);
    const server = copy(game.state);
    expect(p.snapshot(server)).toBe(server);
    const shown = p.ack(server.tick, { type: 'place', kind: 'lb', region: 'us-east' })!;
    expect(ids(shown)).toContain('lb1');
    expect(ids(server)).not.toContain('lb1');
    // A snapshot of the tick the action was acked at was taken before it: the action is kept on top.
    expect(ids(p.snapshot(copy(game.state)))).toContain('lb1');
    // A later one has it (or not, if the server says so): the server's state is shown as it is.
    advance(game);
    const later = copy(game.state);
    expect(p.snapshot(later)).toBe(later);
  });

  it('has nothing to show before a first snapshot', () => {
    expect(new Prediction(level).ack(0, { type: 'scale', node: 'app1', by: 1 })).toBeUndefined();
  });
});
