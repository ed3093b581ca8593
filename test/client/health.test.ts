import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topBar } from '../../client/bars.js';
import { money } from '../../client/format.js';
import { inspectorView } from '../../client/inspector-view.js';
import { leaderboardView } from '../../client/leaderboard-view.js';
import { mapGrid } from '../../client/map-layout.js';
import { mapView } from '../../client/map-view.js';
import { leaderboardEntries } from '../../client/standings.js';
import { lineText } from '../../client/styled.js';
import { act } from '../../shared/game.js';
import { eventSchema, levelSchema, type Level } from '../../shared/level.js';
import { boardRow } from '../../shared/protocol.js';
import { handGame } from './helpers/game.js';
import { ROOT } from './helpers/levels.js';

const level = (id: string): Level => levelSchema.parse(JSON.parse(readFileSync(join(ROOT, 'levels', `${id}.json`), 'utf8')));

type Hand = ReturnType<typeof handGame>;

/** Ticks of `seconds` of game time. */
const ticks = (g: Hand, seconds: number) => Math.round((seconds * 1000) / g.game.rt.level.tickMs);

/** Plays `seconds` a second at a time, a snapshot each, as the screen samples them. */
function play(g: Hand, seconds: number): void {
  for (let i = 0; i < seconds; i++) g.step(ticks(g, 1));
}

/** A live event as the host fires it: it joins the game now, as the client's replica adds it. */
function fire(g: Hand, event: Record<string, unknown>): void {
  g.game.state.fired.push(eventSchema.parse({ announce: 0, at: g.game.state.tick * (g.game.rt.level.tickMs / 1000), ...event }));
}

function mapText(g: Hand, width = 60, height = 14): string[] {
  const { level: l } = g.model;
  const state = g.game.state;
  return mapView({ level: l, state, grid: mapGrid(l, state), cursor: { row: 0, col: 0, slot: 0 }, focused: false }, width, height).lines.map(lineText);
}

function inspectorText(g: Hand, id: string, width = 54): string {
  const state = g.game.state;
  const node = state.nodes.find((n) => n.id === id)!;
  return inspectorView({ level: g.model.level, state, node, history: g.model.history.get(id), scroll: 0 }, width, 40).map(lineText).join('\n');
}

const logText = (g: Hand) => g.model.log.map((e) => e.text).join('\n');

describe('a failed node shows as failed, from the simulation, not from its load', () => {
  it('a db-failure the host fires live: x and down on the map, down since when in the inspector, its failures charted, in the log', () => {
    const g = handGame(level('db-failover'));
    play(g, 20);
    expect(mapText(g).find((l) => l.includes('db1'))).toMatch(/\+ db1 /);
    fire(g, { type: 'db-failure', duration: 60 });
    play(g, 5);
    expect(mapText(g).find((l) => l.includes('db1'))).toMatch(/x db1 down/);
    const inspector = inspectorText(g, 'db1');
    expect(inspector).toMatch(/state\s+x down/);
    expect(inspector).toContain('down since 0:20');
    // Down, it takes no arrivals: its failures still chart, by reason, at the rate they happen.
    expect(inspector).toMatch(/drop 1m\s+\u2581+[\u2585-\u2588]{5} node-down \d\.\dk\/s/);
    expect(logText(g)).toContain('db1 is down (the database primary fails)');
  });

  it('a primary with a standby is "failing over, ready in" the time the state has left, then back with its standby', () => {
    const g = handGame(level('db-failover'));
    expect(act(g.game, { type: 'configure', node: 'db1', config: { standby: 'async' } }).ok).toBe(true);
    play(g, 10);
    fire(g, { type: 'db-failure', duration: 100 });
    play(g, 15);
    expect(inspectorText(g, 'db1')).toContain('down since 0:10, failing over, ready in 30s');
    expect(logText(g)).toContain('db1 is down (the database primary fails); its standby takes over at 0:55');
    play(g, 31);
    expect(mapText(g).find((l) => l.includes('db1'))).toMatch(/[+!#] db1 [\u2588-\u258f\u2591]/);
    expect(inspectorText(g, 'db1')).toContain('failed since 0:10; its standby serves now');
    expect(logText(g)).toContain('db1: its standby took over');
  });

  it('a node failure on the level\'s timeline, and back when it ends', () => {
    const l = level('load-balancing');
    const g = handGame({ ...l, events: [{ ...eventSchema.parse({ type: 'node-failure', kind: 'lb', at: 2, duration: 3, announce: 0 }) }] });
    play(g, 3);
    expect(mapText(g).find((x) => x.includes('lb1'))).toMatch(/x lb1 down/);
    play(g, 3);
    expect(mapText(g).find((x) => x.includes('lb1'))).toMatch(/\+ lb1 /);
    expect(logText(g)).toMatch(/lb1 is down \(1 lb node\(s\) fail\)\n(.*\n)*lb1 is back/);
  });

  it('a node cut off by a partition: / on the map, "unreachable from eu-west" in the inspector and the log', () => {
    const g = handGame(level('regional-partition'));
    play(g, 2);
    fire(g, { type: 'partition', regions: ['us-east', 'eu-west'], duration: 30 });
    play(g, 2);
    expect(mapText(g, 90).find((l) => l.includes('app1'))).toMatch(/\/ app1 5u/);
    expect(inspectorText(g, 'app1')).toMatch(/state\s+\/ cut off by a partition/);
    expect(inspectorText(g, 'app1')).toContain('unreachable from eu-west since 0:02');
    expect(logText(g)).toContain('app1 is unreachable from eu-west (network partition between us-east and eu-west)');
  });

  it('the leaderboard row of a player with a node down is red with x and the count', () => {
    const rows = [
      { rank: 1, player: 'p1', name: 'ana', availability: 0.99, score: 700, cost: 100, passed: false, nodes: 2, connected: true },
      { rank: 2, player: 'p2', name: 'bo', availability: 0.57, score: 300, cost: 90, passed: false, nodes: 2, connected: true, down: 1 },
    ];
    const entries = leaderboardEntries(rows.map(boardRow), 'p1');
    const lines = leaderboardView(entries, 40, 3);
    expect(lines.map(lineText)[2]).toMatch(/^ 2\. bo x 1 down\s+57\.00%/);
    expect(lines[2]!.find((s) => s.text === 'bo')?.style).toBe('bad');
    expect(lineText(lines[1]!)).not.toContain('down');
  });
});

describe('the inspector explains what a node does with its traffic', () => {
  it('charts a gateway\'s filtered attack traffic as blocked, on its own line, not as a failure', () => {
    const g = handGame(level('ddos'));
    expect(act(g.game, { type: 'place', kind: 'gateway', region: 'us-east', id: 'gw1', config: { filter: true } }).ok).toBe(true);
    expect(act(g.game, { type: 'link', from: 'gw1', to: 'app1' }).ok).toBe(true);
    play(g, 6);
    fire(g, { type: 'ddos', rps: 50_000, bots: 1000, duration: 30 });
    play(g, 4);
    const text = inspectorText(g, 'gw1');
    expect(text).toMatch(/blocked\s+\u2581+[\u2585-\u2588]{4} \d+k\/s malicious/);
    expect(text).not.toMatch(/drop 1m[^\n]*blocked/);
  });

  it('a CDN says it answers static files and the hot key only, and what share of requests that is now', () => {
    const g = handGame(level('celebrity'));
    expect(act(g.game, { type: 'place', kind: 'cdn', region: 'us-east', id: 'cdn1' }).ok).toBe(true);
    expect(act(g.game, { type: 'link', from: 'cdn1', to: 'app1' }).ok).toBe(true);
    play(g, 10);
    expect(inspectorText(g, 'cdn1').replace(/\s+/g, ' ')).toMatch(/hits \d+% answers static files and the hot key only: 10% of requests now; its \d+% hits answer \d+% of all requests, the rest \(misses, reads and writes\) goes on/);
    // A celebrity spike makes most reads hot-key reads: the CDN can answer far more of them.
    fire(g, { type: 'celebrity', multiplier: 20, hotKeyShare: 0.9, rampSeconds: 0, duration: 30 });
    play(g, 2);
    const share = Number(/answers static files and the hot key only: (\d+)%/.exec(inspectorText(g, 'cdn1').replace(/\s+/g, ' '))![1]);
    expect(share).toBeGreaterThan(80);
  });

  it('lists links both ways and counts in whole requests', () => {
    const g = handGame(level('load-balancing'));
    play(g, 3);
    const text = inspectorText(g, 'app1');
    expect(text).toMatch(/links\s+calls db1 *\n\s+called by lb1/);
    // Requests are whole: 1.9k, 39, <1; never 1.1 (settings such as targetUtilization=0.6 aside).
    const figures = text.split('\n').filter((l) => !l.includes('='));
    expect(figures.join('\n')).toMatch(/drop <1/);
    expect(figures.join('\n')).not.toMatch(/\d\.\d(?![\dkM])/);
  });
});

describe('money', () => {
  it('reads the same in the top bar and in a refusal: whole units, rounded down', () => {
    const g = handGame(level('tutorial'));
    play(g, 7);
    const left = g.game.rt.level.budget - g.game.state.built - g.game.state.upkeep;
    expect(left % 1).not.toBe(0);
    const r = act(g.game, { type: 'scale', node: 'app1', by: 90 });
    const shown = /budget left is ([\d,]+)$/.exec(r.ok ? '' : r.error.message)?.[1];
    expect(shown).toBe(money(left));
    expect(lineText(topBar(g.model, 120, 0))).toContain(`$${shown} left`);
    expect(money(1234.99)).toBe('1,234');
  });
});
