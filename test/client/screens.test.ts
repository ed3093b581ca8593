import { describe, expect, it } from 'vitest';
import { bottomBar, topBar } from '../../client/bars.js';
import { boxLines } from '../../client/frame.js';
import { GameModel } from '../../client/game-model.js';
import { helpLines } from '../../client/help-view.js';
import { levelPickerKey, levelPickerScreen } from '../../client/level-picker.js';
import { resultsKey, resultsScreen } from '../../client/results-view.js';
import { lineText } from '../../client/styled.js';
import { newGame, resultOf, advance, isOver } from '../../shared/game.js';
import { KINDS } from '../../shared/catalog.js';
import type { NodeState } from '../../shared/state.js';
import { configFields, fieldHelp } from '../../client/config-fields.js';
import { formKey, formView, openForm } from '../../client/configure-form.js';
import { shortLevel, tutorialLevel } from './helpers/levels.js';

const frameText = (boxes: ReturnType<typeof levelPickerScreen>['boxes']) => boxes.flatMap((b) => boxLines(b).map(lineText)).join('\n');

describe('bars', () => {
  it('fits the top bar in 80 columns by shortening the least important parts first', () => {
    const model = new GameModel(tutorialLevel(), 'SOLO');
    model.apply({ type: 'connection', state: 'connected' });
    const wide = lineText(topBar(model, 160, 0));
    expect(wide).toContain('room SOLO');
    expect(wide).toContain('Tutorial: scale out');
    expect(wide).toContain('4:00 left');
    const narrow = lineText(topBar(model, 80, 0));
    expect(narrow).toHaveLength(80);
    expect(narrow).toMatch(/SOLO.*tutorial.*4:00 left.*\+ connected.*100\.00% \/ 99\.0%.*\$1,200/);
  });

  it('shows the focused panel keys first and always ? help', () => {
    const map = lineText(bottomBar('map', { type: 'normal' }, 80));
    expect(map).toMatch(/^ hjkl move\s+Enter inspect\s+p place/);
    expect(map).toMatch(/\? help\s+q quit\s*$/);
    expect(lineText(bottomBar('log', { type: 'normal' }, 80))).toMatch(/^ Up scroll\s+Tab panel\s+: command\s+b brief\s+Space pause\s+\? help\s+q quit\s*$/);
    expect(lineText(bottomBar('map', { type: 'link', from: 'lb1', unlink: false }, 80))).toMatch(/Enter link\s+Esc cancel/);
  });

  it("puts the selected node's keys first and trims global keys before them at 80 columns, keeping ? help", () => {
    const app = lineText(bottomBar('map', { type: 'normal' }, 80, { type: 'node', kind: 'app' }));
    expect(app).toHaveLength(80);
    // The tutorial's one required action, and the other things to do to an app pool.
    expect(app).toMatch(/^ > scale\s+c link\s+e config\s+u upgrade\s+d remove\s+Enter inspect\s/);
    expect(app).toMatch(/\? help\s+q quit\s*$/);
    expect(app).not.toContain('Tab panel');
    // Only keys that apply: a load balancer does not scale; a replica can be promoted.
    expect(lineText(bottomBar('map', { type: 'normal' }, 160, { type: 'node', kind: 'lb' }))).not.toContain('scale');
    expect(lineText(bottomBar('map', { type: 'normal' }, 80, { type: 'node', kind: 'replica' }))).toContain('P promote');
    expect(lineText(bottomBar('map', { type: 'normal' }, 80, { type: 'slot' }))).toMatch(/^ Enter place here\s+p place/);
    // With room, the globals come back.
    expect(lineText(bottomBar('map', { type: 'normal' }, 160, { type: 'node', kind: 'app' }))).toMatch(/Tab panel\s+: command\s+b brief\s+g glossary\s+Space pause\s+\? help\s+q quit\s*$/);
  });

  it('draws the focused panel with double lines', () => {
    const box = { id: 'x', left: 0, top: 0, width: 11, height: 3, border: true, title: '1 Map', lines: [] };
    expect(lineText(boxLines({ ...box, focused: true })[0]!)).toBe('\u2554\u2550 1 Map \u2550\u2557');
    expect(lineText(boxLines(box)[0]!)).toBe('\u250c\u2500 1 Map \u2500\u2510');
  });
});

describe('help', () => {
  it('lists the focused panel keys first, then the map and global keys, commands and legend', () => {
    const lines = helpLines('log', ['lb', 'app', 'db']).map(lineText);
    expect(lines[0]).toBe('Log keys');
    const joined = lines.join('\n');
    for (const part of ['Map keys (panel 1)', 'Everywhere', 'Placement picker letters', 'Commands (:)', 'Map legend']) expect(joined).toContain(part);
    expect(joined).toMatch(/l\s+lb: load balancer/);
    expect(joined).toMatch(/x\s+down/);
  });

  it('explains the focused leaderboard first: its ranking and what 2= means', () => {
    const lines = helpLines('leaderboard', ['lb', 'app', 'db']).map(lineText);
    expect(lines[0]).toBe('Leaderboard');
    expect(lines[1]).toContain('ranked by availability, then score, then the earlier finisher');
    expect(lines[3]).toMatch(/^ {2}2= ties the row above/);
    for (const line of lines.slice(0, 6)) expect(line.length).toBeLessThanOrEqual(76);
  });

  it('keeps the legend true: x is down and nothing else, units are 3u, a partition is /, > marks the node called', () => {
    const joined = helpLines('map', ['lb', 'app', 'db']).map(lineText).join('\n');
    const legend = joined.slice(joined.indexOf('Map legend'));
    expect(legend).toMatch(/^ {2}x\s+down$/m);
    expect(legend).toMatch(/^ {2}\/\s+cut off by a partition$/m);
    expect(legend).toMatch(/^ {2}3u\+2\s+3 units taking traffic, 2 warming up$/m);
    expect(legend).toMatch(/> on the node called/);
    expect(legend.match(/^ {2}x/gm)).toHaveLength(1);
  });
});

describe('level picker', () => {
  const levels = [tutorialLevel(), shortLevel()];
  const none = { completed: new Set<string>(), bests: new Map() };
  const played = { completed: new Set(['tutorial']), bests: new Map([['tutorial', { passed: true, availability: 0.99912, stars: 2, score: 900 }], ['short', { passed: false, availability: 0.9512, stars: 0, score: 300 }]]) };

  it('lists the levels under their chapter, with the best game, the stars and the concepts, and the chosen one\'s lesson below', () => {
    const text = frameText(levelPickerScreen(levels, played, { index: 0 }, 80, 24).boxes);
    expect(text).toMatch(/best stars\s+concepts/);
    expect(text).toMatch(/║Foundations\s+║/);
    expect(text).toMatch(/> {2}1\. \+ Tutorial: scale out\s+99\.91% \[\*\*-\] {2}Client-server, three tiers/);
    expect(text).toMatch(/║More levels\s+║/);
    expect(text).toMatch(/ {3}2\. {3}Short test level\s+95\.12% \[---\]/);
    expect(text.indexOf('Foundations')).toBeLessThan(text.indexOf('Tutorial'));
    expect(text.indexOf('More levels')).toBeLessThan(text.indexOf('Short test level'));
    expect(text).toContain('You start with one app server pool');
    expect(text).toContain('Foundations: Client-server, three tiers, Horizontal scaling');
    expect(text).toContain('4:00 long, target 99.0%, budget $1,200; best 99.91%, 2 of 3 stars');
  });

  it('shows a dash for a level never played, and the facts beside the titles where the screen is wide', () => {
    const text = frameText(levelPickerScreen(levels, none, { index: 0 }, 160, 48).boxes);
    expect(text).toMatch(/> {2}1\. {3}Tutorial: scale out\s+-\s+4:00\s+99\.0%\s+\$1,200\s+Client-server, three tiers, Horizontal scaling/);
    expect(text).toMatch(/time\s+target\s+budget\s+concepts/);
    // A level never played keeps the columns of one played: the facts start at the same place.
    const rows = text.split('\n');
    const playedText = frameText(levelPickerScreen(levels, played, { index: 0 }, 160, 48).boxes).split('\n');
    const factsAt = (lines: string[], title: string) => lines.find((l) => l.includes(title))!.indexOf('$');
    expect(factsAt(rows, 'Short test level')).toBe(factsAt(playedText, 'Short test level'));
  });

  it('groups chapters in curriculum order whatever order the levels come in, and numbers, moves and plays in that order', () => {
    const data = { ...tutorialLevel(), id: 'd', title: 'A data level', chapter: 'data' as const, order: 3 };
    const found = { ...tutorialLevel(), id: 'f', title: 'A second foundations level', order: 5 };
    const mixed = [data, shortLevel(), found, tutorialLevel()];
    const text = frameText(levelPickerScreen(mixed, none, { index: 1 }, 80, 24).boxes);
    const at = (t: string) => text.indexOf(t);
    expect(at('Foundations')).toBeLessThan(at('1. '));
    expect(at('1. ')).toBeLessThan(at('Tutorial: scale out'));
    expect(text).toMatch(/> {2}2\. {3}A second foundations level/);
    expect(at('A second foundations level')).toBeLessThan(at('║Data'));
    expect(at('║Data')).toBeLessThan(at('A data level'));
    expect(at('A data level')).toBeLessThan(at('More levels'));
    expect(text.match(/║Foundations\s+║/g)).toHaveLength(1);
    expect(levelPickerKey(mixed, { index: 1 }, 'down')).toEqual({ type: 'stay', state: { index: 2 } });
    expect(levelPickerKey(mixed, { index: 2 }, 'enter')).toMatchObject({ type: 'play', level: { id: 'd' } });
    expect(levelPickerKey(mixed, { index: 0 }, '4')).toEqual({ type: 'stay', state: { index: 3 } });
    expect(levelPickerKey(mixed, { index: 3 }, 'enter')).toMatchObject({ type: 'play', level: { id: 'short' } });
  });

  it('moves, plays on Enter, quits on q and stays on Esc', () => {
    expect(levelPickerKey(levels, { index: 0 }, 'down')).toEqual({ type: 'stay', state: { index: 1 } });
    expect(levelPickerKey(levels, { index: 1 }, 'enter')).toMatchObject({ type: 'play', level: { id: 'short' } });
    expect(levelPickerKey(levels, { index: 1 }, 'q')).toEqual({ type: 'quit' });
    expect(levelPickerKey(levels, { index: 1 }, 'escape')).toEqual({ type: 'stay', state: { index: 1 } });
  });

  it('at 80x24 with many levels in chapters: a window around the chosen one, which is always shown, the lesson kept, any row clickable', () => {
    const chapters = ['foundations', 'caching', 'data', 'reliability', 'global'] as const;
    const many = Array.from({ length: 20 }, (_, i) => ({ ...tutorialLevel(), id: `l${i + 1}`, order: i, chapter: chapters[Math.floor(i / 4)]!, title: `Level ${i + 1}: a title long enough to need cutting somewhere`, budget: 14_000 }));
    for (let index = 0; index < many.length; index++) {
      const text = frameText(levelPickerScreen(many, none, { index }, 80, 24).boxes);
      expect(text, `level ${index + 1} chosen`).toMatch(new RegExp(`> ${String(index + 1).padStart(2)}\\. {3}Level ${index + 1}: `));
    }
    const frame = levelPickerScreen(many, none, { index: 17 }, 80, 24);
    const text = frameText(frame.boxes);
    expect(text).toMatch(/> 18\. {3}Level 18: a title long.*…\s+-\s+Client-server/);
    expect(text).toContain('║Global');
    expect(text).toContain(' 20. ');
    expect(text).not.toContain('  1. ');
    expect(text).toMatch(/levels \d+-20 of 20/);
    expect(text).toContain('4:00 long, target 99.0%, budget $14,000');
    expect(text).toContain('You start with one app server pool');
    expect(frame.boxes.every((b) => boxLines(b).every((l) => lineText(l).length <= 80))).toBe(true);
    const hit = frame.hits!.find((h) => h.key === 'pick:19')!;
    expect(hit).toBeDefined();
    expect(levelPickerKey(many, { index: 17 }, hit.key)).toEqual({ type: 'stay', state: { index: 19 } });
    // A heading is not a level: a click on it chooses none.
    const box = frame.boxes.find((b) => b.id === 'levels')!;
    const headingY = box.top + boxLines(box).map(lineText).findIndex((l) => /^║Global\s+║$/.test(l));
    expect(headingY).toBeGreaterThan(box.top);
    expect(frame.hits!.filter((h) => h.y === headingY)).toEqual([]);
    expect(frame.hits!.find((h) => h.y === headingY + 1)?.key).toBe('pick:16');
  });
});

describe('results', () => {
  it('shows pass or fail with why, availability, cost, score, stars, rank, formula and the nodes to blame', () => {
    const level = shortLevel();
    const game = newGame(level);
    while (!isOver(game)) advance(game);
    const result = resultOf(game);
    const results = { result, failedByNode: game.state.failedByNode, rank: 1, players: 1, standings: [{ rank: 1, name: 'you', availability: result.availability, score: result.score, passed: false, complete: true, you: true }] };
    const text = frameText(resultsScreen(level, results, { type: 'solo', hasNext: true }, 80, 24).boxes);
    expect(text).toMatch(/Result\s+x FAILED: availability \d+\.\d+% is below the 99\.0% target/);
    expect(text).toMatch(/Cost\s+\d+ of 2,000/);
    expect(text).toMatch(/Stars\s+\[---\] 0 of 3: no stars without a pass: availability \d+\.\d+%;[\s║]+99\.0% needed/);
    expect(text).toMatch(/Score\s+\d+ /);
    expect(text).toMatch(/Rank\s+1 of 1/);
    expect(text).toContain('score = 200 x nines');
    expect(text).toMatch(/node-down\s+\d+\s+app1 \d+/);
    expect(text).toMatch(/Enter play again\s+n next level\s+l levels\s+q quit/);
  });

  it('plays again on Enter, the next level on n only when there is one', () => {
    expect(resultsKey('enter', false)).toBe('again');
    expect(resultsKey('n', true)).toBe('next');
    expect(resultsKey('n', false)).toBeUndefined();
    expect(resultsKey('escape', true)).toBe('levels');
  });
});

describe('configure form', () => {
  it('explains every field of every kind, and the unit of its number', () => {
    for (const kind of KINDS) for (const f of configFields(kind)) expect(fieldHelp(kind, f.name), `${kind}.${f.name}`).toBeDefined();
    const gw = { id: 'gw1', kind: 'gateway', config: { limiter: 'token-bucket', ratePerClient: 10, burstPerClient: 20, windowSeconds: 1, filter: false } } as unknown as NodeState;
    let form = openForm(gw)!;
    const text = () => formView(form, 54).map(lineText).join('\n');
    expect(text()).toContain('limiter: the rate limiter: none, token-bucket');
    const next = formKey(form, 'down');
    if (next.done) throw new Error('the form closed on Down');
    form = next.state;
    expect(text()).toMatch(/> ratePerClient +10_ req\/s/);
    expect(text()).toContain('ratePerClient: requests per second per client');
    expect(text()).toMatch(/ burstPerClient +20 req +\n/);
  });
});
