import { describe, expect, it } from 'vitest';
import { forkReplay, playTo, startReplay } from '../../../shared/debrief/replay.js';
import { stateHash } from '../../../shared/state-hash.js';
import { playedByPlan } from '../../helpers/level-plans.js';

describe('replay', () => {
  it('a fork carries on exactly as the game it was taken from, and apart from it', () => {
    const { level, log } = playedByPlan('flash-sale', 'reference');
    const whole = startReplay(level, log);
    playTo(whole, log.endTick);
    const part = startReplay(level, log);
    playTo(part, 600);
    const fork = forkReplay(part);
    playTo(fork, log.endTick);
    expect(stateHash(fork.game.state)).toBe(stateHash(whole.game.state));
    expect(part.game.state.tick).toBe(600);
  });
});
