import { describe, expect, it } from 'vitest';
import { act, advance, newGame } from '../../shared/game.js';
import { mapGrid, moveCursor, nodeAt } from '../../client/map-layout.js';
import { mapView } from '../../client/map-view.js';
import { lineText } from '../../client/styled.js';
import { shortLevel, tutorialLevel } from './helpers/levels.js';

function view(level = tutorialLevel(), setup?: (g: ReturnType<typeof newGame>) => void, cursor = { row: 0, col: 0, slot: 0 }, size = { w: 48, h: 12 }) {
  const game = newGame(level);
  setup?.(game);
  const grid = mapGrid(level, game.state);
  const v = mapView({ level, state: game.state, grid, cursor, focused: true }, size.w, size.h);
  return { grid, v, text: v.lines.map(lineText) };
}

describe('mapGrid', () => {
  it('has the regions as columns and the allowed kinds as rows in catalog order', () => {
    const g = mapGrid(shortLevel(), newGame(shortLevel()).state);
    expect(g.regions).toEqual(['us-east', 'eu-west']);
    expect(g.kinds).toEqual(['lb', 'app', 'cache', 'db', 'replica']);
    expect(g.cells[1]![0]!.map((n) => n.id)).toEqual(['app1']);
  });

  it('moves through the nodes of a cell, its empty slot, then the next tier', () => {
    const level = tutorialLevel();
    const g = mapGrid(level, newGame(level).state);
    let c = { row: 0, col: 0, slot: 0 };
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      c = moveCursor(g, c, 'down');
      seen.push(nodeAt(g, c)?.id ?? `slot ${g.kinds[c.row]}`);
    }
    expect(seen).toEqual(['app1', 'slot app', 'db1', 'slot db', 'slot db']);
    expect(moveCursor(g, c, 'right')).toEqual(c);
  });
});

describe('mapView', () => {
  it('draws each node with its health glyph, id, load bar and load, under its region', () => {
    const { text } = view();
    expect(text[0]).toContain('us-east');
    expect(text.find((l) => l.includes('app1'))).toMatch(/^app\s+\S\S[+!#] app1 [\u2588\u2589-\u258f\u2591]+\s+\d+%/);
    expect(text).toHaveLength(12);
    expect(text.every((l) => l.length === 48)).toBe(true);
  });

  it('draws a link between two nodes of a region as a line in the gutter, with an arrow head on the node called', () => {
    const { text } = view();
    const app = text.findIndex((l) => l.includes('app1'));
    const db = text.findIndex((l) => l.includes('db1'));
    expect(text[app]![8]).toBe('\u250c');
    expect(text[app + 1]![8]).toBe('\u2502');
    expect(text[db]![8]).toBe('\u2514');
    expect(text[app]!.slice(8, 12)).toBe('\u250c\u2500+ ');
    expect(text[db]!.slice(8, 12)).toBe('\u2514>+ ');
  });

  it('marks a node warming up with ~ and its units as 3u, never with x (x is down)', () => {
    const { text } = view(tutorialLevel(), (g) => {
      act(g, { type: 'place', kind: 'lb', region: 'us-east' });
      act(g, { type: 'scale', node: 'app1', by: 2 });
      advance(g);
    });
    expect(text.find((l) => l.includes('lb1'))).toMatch(/~ lb1/);
    expect(text.find((l) => l.includes('app1'))).toContain('app1 1u+2');
    expect(text.join('\n')).not.toMatch(/x\d/);
  });

  it('shows the cursor on an empty slot as a place button', () => {
    const { text } = view();
    expect(text[1]).toContain('[+] place');
  });

  it('scrolls to keep the cursor in sight on a small map', () => {
    const level = shortLevel();
    const { text, grid } = view(level, undefined, { row: 4, col: 1, slot: 0 }, { w: 40, h: 4 });
    expect(grid.kinds[4]).toBe('replica');
    expect(text.join('\n')).toContain('[+]');
    expect(text[0]).toContain('us-east');
  });

  it('tells where a click lands', () => {
    const { v } = view();
    const hit = v.hits.find((h) => h.cursor.row === 1 && h.cursor.slot === 0)!;
    expect(hit.y).toBe(2);
    expect(hit.x0).toBe(8);
  });
});
