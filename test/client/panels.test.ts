import { describe, expect, it } from 'vitest';
import { act, advance, newGame } from '../../shared/game.js';
import { availabilityView } from '../../client/availability-view.js';
import { eventsView } from '../../client/events-view.js';
import { inspectorView } from '../../client/inspector-view.js';
import { leaderboardView } from '../../client/leaderboard-view.js';
import { leaderboardEntries } from '../../client/standings.js';
import { logView } from '../../client/log-view.js';
import { gameLayout } from '../../client/layout.js';
import { PANELS } from '../../client/panels.js';
import { lineText, type Line } from '../../client/styled.js';
import { FAILURE_REASONS } from '../../shared/reasons.js';
import { shortLevel, tutorialLevel } from './helpers/levels.js';

const text = (lines: Line[]) => lines.map(lineText);
/** A second's failures per reason: `n` node-down, nothing else. */
const down = (n: number) => FAILURE_REASONS.map((r) => (r === 'node-down' ? n : 0));

describe('inspectorView', () => {
  it('shows a node: health in words, load, traffic, links, config, cost and failures by reason', () => {
    const level = shortLevel();
    const game = newGame(level);
    for (let i = 0; i < 70; i++) advance(game);
    const node = game.state.nodes.find((n) => n.id === 'app1')!;
    const lines = text(inspectorView({ level, state: game.state, node, history: { load: [0.1, 0.5, 0.9], rps: [100, 300, 200], failed: [down(0), down(0), down(150)], blocked: [0, 0, 0] }, scroll: 0 }, 40, 20)).join('\n');
    expect(lines).toContain('app1  app servers, us-east');
    expect(lines).toMatch(/state\s+x down/);
    expect(lines).toMatch(/calls\s+db1/);
    expect(lines).toMatch(/config\s+autoscale=false minInstances=1/);
    expect(lines).toMatch(/cost\s+100\/unit, 20\/min/);
    expect(lines).toMatch(/fails\s+node-down \d+/);
    expect(lines).toMatch(/load 1m\s+\u2582\u2585\u2587\s*$/m);
    expect(lines).toMatch(/rps 1m\s+\u2583\u2588\u2586\s*$/m);
    expect(lines).toMatch(/drop 1m\s+\u2581\u2581\u2585 node-down 150\/s\s*$/m);
  });

  it('shows how far a replica trails its primary: the lag and the writes it has yet to apply', () => {
    const level = shortLevel();
    const game = newGame(level);
    advance(game);
    const node = { ...game.state.nodes[0]!, kind: 'replica' as const, config: {}, backlog: 240_000, metrics: { ...game.state.nodes[0]!.metrics, lagMs: 30_000 } };
    const lines = text(inspectorView({ level, state: game.state, node, history: undefined, scroll: 0 }, 50, 20)).join('\n');
    expect(lines).toMatch(/lag\s+30\.0s behind, 240k writes to apply/);
    const caughtUp = { ...node, backlog: 0, metrics: { ...node.metrics, lagMs: 40 } };
    expect(text(inspectorView({ level, state: game.state, node: caughtUp, history: undefined, scroll: 0 }, 50, 20)).join('\n')).toMatch(/lag\s+40ms behind\s*$/m);
  });

  it('shows what an empty slot would hold and what it costs', () => {
    const level = tutorialLevel();
    const lines = text(inspectorView({ level, state: newGame(level).state, node: undefined, slot: { kind: 'lb', region: 'us-east' }, history: undefined, scroll: 0 }, 30, 8));
    expect(lines[0]).toContain('empty slot  lb in us-east');
    expect(lines.join('\n')).toMatch(/cost\s+60 \+ 6\/min/);
    expect(lines).toHaveLength(8);
  });

  it('scrolls', () => {
    const level = tutorialLevel();
    const game = newGame(level);
    const node = game.state.nodes[0];
    const top = text(inspectorView({ level, state: game.state, node, history: undefined, scroll: 0 }, 30, 4));
    const scrolled = text(inspectorView({ level, state: game.state, node, history: undefined, scroll: 2 }, 30, 4));
    expect(scrolled[0]).toBe(top[2]);
  });
});

describe('availabilityView', () => {
  const samples = [1, 1, 0.9, 1].map((availability, t) => ({ t, availability, cost: 10 * t }));

  it('charts each second against a target line and sums up availability and budget', () => {
    const lines = text(availabilityView({ samples, availability: 0.975, target: 0.99, cost: 300, budget: 1200 }, 20, 6));
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 4).join('')).toContain('-');
    expect(lines[4]).toMatch(/^! 97\.50%\s+\/ 99\.0%$/);
    expect(lines[5]).toMatch(/^\$ 300\/1,200/);
  });

  it('marks availability at the target with + rather than !', () => {
    const lines = text(availabilityView({ samples, availability: 0.995, target: 0.99, cost: 0, budget: 1 }, 24, 2));
    expect(lines[0]).toMatch(/^\+ 99\.50%/);
  });
});

describe('eventsView', () => {
  const notice = { index: 0, type: 'ddos' as const, text: 'DDoS: 5000 req/s from 1000 bots', at: 60, duration: 30 };

  it('counts down to an announced event, then to its end', () => {
    expect(text(eventsView([{ notice, phase: 'upcoming' }], 48, 40, 2))[0]).toMatch(/^! in 12s\s+DDoS: 5000 req\/s/);
    expect(text(eventsView([{ notice, phase: 'started' }], 70, 40, 2))[0]).toMatch(/^# 20s left\s+DDoS/);
  });

  it('puts the text under the countdown when the panel is narrow', () => {
    const lines = text(eventsView([{ notice, phase: 'upcoming' }], 50, 24, 4));
    expect(lines[0]).toMatch(/^! in 10s\s*$/);
    expect(lines[1]).toMatch(/^ {2}DDoS/);
  });

  it('says so when nothing is announced', () => {
    expect(text(eventsView([], 0, 30, 1))[0]).toContain('no events announced');
  });
});

describe('logView', () => {
  const log = Array.from({ length: 30 }, (_, i) => ({ t: i, text: `entry ${i}`, style: 'normal' as const }));

  it('shows the newest entries at the bottom, with their time', () => {
    const lines = text(logView(log, 30, 3));
    expect(lines[2]).toMatch(/^\s+29s entry 29/);
    expect(lines[0]).toContain('entry 27');
  });

  it('scrolls back in history', () => {
    expect(text(logView(log, 30, 3, 5))[2]).toContain('entry 24');
  });

  it('wraps a long entry under its time', () => {
    const lines = text(logView([{ t: 65, text: 'refused: db cannot call app; db calls nothing', style: 'bad' }], 26, 3));
    expect(lines[0]).toMatch(/^ 1:05 refused: db cannot/);
    expect(lines[1]).toMatch(/^ {6}\S/);
  });
});

describe('leaderboardView', () => {
  it("lists players in the server's rank order, marks the player and those away", () => {
    const lines = text(leaderboardView([
      { rank: 2, name: 'ana', availability: 0.99, cost: 100, score: 700, you: false, connected: false },
      { rank: 1, name: 'bo', availability: 0.999, cost: 50, score: 900, you: true, connected: true },
    ], 40, 3));
    expect(lines[0]).toMatch(/^ # +name +avail +cost +score$/);
    expect(lines[1]).toMatch(/^>1\. bo +99\.90% +\$50 +900$/);
    expect(lines[2]).toMatch(/^ 2\. ana ~away +99\.00%/);
    // The columns line up under their titles.
    expect(lines[1]!.indexOf('900') + 3).toBe(lines[0]!.indexOf('score') + 5);
  });

  it("keeps the player's own row in view when it ranks below the rows that fit, and marks a tie with its tie-break", () => {
    const entries = Array.from({ length: 8 }, (_, i) => ({ rank: i + 1, name: `p${i + 1}`, availability: 0.99, cost: 100, score: 700, you: i === 6, connected: true, ...(i > 0 ? { tie: 'tie: joined later' } : {}) }));
    const lines = text(leaderboardView(entries, 56, 4));
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^ 1\. p1 /);
    expect(lines[2]).toMatch(/^ 2= p2 tie: joined later +99\.00%/);
    expect(lines[3]).toMatch(/^>7= p7 /);
    // At 28 columns (an 80-column screen) the cost column goes, and the words, which would not fit whole.
    // A team member's own row is the team's, and stays in view the same way.
    const board = Array.from({ length: 8 }, (_, i) => ({ rank: i + 1, id: `p${i + 1}`, name: i === 6 ? 'blue' : `p${i + 1}`, avail: 0.99 - i / 100, score: 700 - i, cost: 100, ...(i === 6 ? { members: ['p7', 'p9'] } : {}) }));
    expect(text(leaderboardView(leaderboardEntries(board, 'p9'), 56, 4))[3]).toMatch(/^>7\. blue /);
    const narrow = text(leaderboardView(entries, 28, 4));
    expect(narrow[0]).toMatch(/^ # +name +avail +score$/);
    expect(narrow[3]).toMatch(/^>7= p7 +99\.00% +700$/);
  });
});

describe('gameLayout', () => {
  it.each([[80, 24], [120, 40], [160, 48], [200, 60]])('places every panel inside a %ix%i screen without overlap', (cols, rows) => {
    const l = gameLayout(cols, rows, 1);
    const cells = new Set<string>();
    for (const p of PANELS) {
      const r = l[p];
      expect(r.left + r.width).toBeLessThanOrEqual(cols);
      expect(r.top + r.height).toBeLessThanOrEqual(rows - 1);
      for (let y = r.top; y < r.top + r.height; y++) for (let x = r.left; x < r.left + r.width; x++) {
        expect(cells.has(`${x},${y}`)).toBe(false);
        cells.add(`${x},${y}`);
      }
    }
    // Everything but the two bars is covered.
    expect(cells.size).toBe(cols * (rows - 2));
  });

  it('gives the map more room on a bigger screen', () => {
    expect(gameLayout(160, 48, 1).map.width).toBeGreaterThan(gameLayout(80, 24, 1).map.width);
    expect(gameLayout(160, 48, 1).map.height).toBeGreaterThan(gameLayout(80, 24, 1).map.height);
  });
});

describe('a game in progress', () => {
  it('draws a warming node as starting until it is ready', () => {
    const level = tutorialLevel();
    const game = newGame(level);
    act(game, { type: 'place', kind: 'lb', region: 'us-east' });
    advance(game);
    const node = game.state.nodes.find((n) => n.id === 'lb1');
    expect(text(inspectorView({ level, state: game.state, node, history: undefined, scroll: 0 }, 40, 3))[1]).toMatch(/state\s+~ starting/);
  });
});
