import { describe, expect, it } from 'vitest';
import { boxLines } from '../../client/frame.js';
import { debriefHead, debriefLines, resultsScreen } from '../../client/results-view.js';
import { lineText } from '../../client/styled.js';
import { debrief } from '../../shared/debrief.js';
import { act, advance, isOver, newGame, resultOf } from '../../shared/game.js';
import { playedByPlan } from '../helpers/level-plans.js';

const { level, log } = playedByPlan('tutorial', 'naive');
const d = debrief(level, log);

describe('results screen: the debrief', () => {
  it('draws availability over time, red from the incident on, with the event marked under its start', () => {
    const [strip, marks] = debriefLines(d, 80).map(lineText);
    // 66 columns for 240 s: the ramp starts at 30 s, column 8; availability falls from 0:51, column 14.
    expect(strip).toMatch(/^Over time {5}█{14,15}[^█]/);
    expect(strip!.slice(14)).toHaveLength(66);
    expect(marks!.slice(14)).toMatch(/^ {8}\^ the traffic ramp$/);
    const [ok, bad] = debriefLines(d, 80)[0]!.slice(1);
    expect(ok).toMatchObject({ style: 'ok' });
    expect(bad).toMatchObject({ style: 'bad' });
    expect(bad!.text.length).toBeGreaterThan(50);
  });

  it('tells the first incident and the best what-if in words, wrapped to the box', () => {
    const text = debriefHead(d, 80).map(lineText);
    expect(text.join(' ').replace(/\s+/g, ' ')).toContain('Incident app1 (app servers) in us-east saturated, 100% busy, from 0:49 to 4:00 during the traffic ramp');
    expect(text.join(' ').replace(/\s+/g, ' ')).toMatch(/What if Scaling app1 to 4 instances at 0:20 would have kept availability at 99\.\d\d%/);
    for (const line of text) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows on the results screen when the server sent it', () => {
    const game = newGame(level);
    act(game, { type: 'upgrade', node: 'db1', tier: 'medium' });
    while (!isOver(game)) advance(game);
    const result = resultOf(game);
    const results = { result, failedByNode: game.state.failedByNode, rank: 1, players: 1, standings: [] };
    const frame = (withDebrief: boolean) => resultsScreen(level, results, { type: 'solo', hasNext: true }, 100, 50, withDebrief ? d : undefined).boxes.flatMap((b) => boxLines(b).map(lineText)).join('\n');
    expect(frame(true)).toContain('What if');
    expect(frame(false)).not.toContain('Over time');
  });
});
