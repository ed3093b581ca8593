import type { Level } from '../shared/level.js';
import type { GameState, NodeState } from '../shared/state.js';
import { wholePercent } from './format.js';
import { bar, HEALTH_GLYPH, HEALTH_STYLE, loadStyle, nodeHealth } from './health.js';
import type { MapCursor, MapGrid } from './map-layout.js';
import { fit, seg, type Line, type Segment } from './styled.js';

/** Width of the kind labels on the left. */
const LABEL_WIDTH = 8;
/** Narrowest load bar worth drawing, and the widest. */
const MIN_BAR = 3;
const MAX_BAR = 10;
/** Width of a load percentage, e.g. " 100%". */
const PCT_WIDTH = 5;
/** What the map says in place of the load bar of a node that is down (it serves nothing). */
const DOWN_WORD = 'down';

interface MapViewInput {
  level: Level;
  state: Readonly<GameState> | undefined;
  grid: MapGrid;
  cursor: MapCursor;
  /** Whether the map has the focus (the cursor shows either way, brighter with it). */
  focused: boolean;
  /** The node a link starts from, while the player picks the other end. */
  linkFrom?: string;
}

/** Where a click lands: cells of a drawn line, by column range. */
export interface MapHit {
  y: number;
  x0: number;
  x1: number;
  cursor: MapCursor;
}

interface MapView {
  lines: Line[];
  hits: MapHit[];
}

interface GridLine {
  row: number;
  /** Per column: the node drawn on this line, the empty slot, or nothing. */
  cells: ({ node: NodeState; slot: number } | { empty: true; slot: number } | undefined)[];
  label: string;
}

function gridLines(grid: MapGrid): GridLine[] {
  const out: GridLine[] = [];
  grid.kinds.forEach((kind, row) => {
    const height = Math.max(...grid.cells[row]!.map((c) => c.length + 1));
    for (let i = 0; i < height; i++) {
      out.push({
        row,
        label: i === 0 ? kind : '',
        cells: grid.cells[row]!.map((c) => (i < c.length ? { node: c[i]!, slot: i } : i === c.length ? { empty: true, slot: i } : undefined)),
      });
    }
  });
  return out;
}

/** Box-drawing joints of the link gutter, by which way the line goes from a cell: up, down, to the node. */
function joint(up: boolean, down: boolean, right: boolean): string {
  if (up && down) return right ? '\u251c' : '\u2502';
  if (down) return right ? '\u250c' : '\u2502';
  if (up) return right ? '\u2514' : '\u2502';
  return right ? '\u2500' : ' ';
}

/** Width of the link gutter: the joint, then the arrow head into a node that is called, or a line out of a caller. */
const GUTTER_WIDTH = 2;
/** The arrow head on a node that is called; the caller's end is a plain line. */
export const ARROW_HEAD = '>';

interface GutterFlags {
  up: boolean;
  down: boolean;
  /** Some link starts or ends at the node on this line. */
  right: boolean;
  /** Some link ends at it: it is called. */
  called: boolean;
}

/**
 * The gutter left of each column: a vertical line for each link between two nodes of the same region,
 * a stub on every node that calls or is called across regions, and an arrow head on each node called.
 */
function gutters(lines: GridLine[], grid: MapGrid, state: Readonly<GameState> | undefined): string[][] {
  const where = new Map<string, { col: number; y: number }>();
  lines.forEach((l, y) => l.cells.forEach((c, col) => { if (c && 'node' in c) where.set(c.node.id, { col, y }); }));
  const flags: GutterFlags[][] = lines.map(() => grid.regions.map(() => ({ up: false, down: false, right: false, called: false })));
  for (const link of state?.links ?? []) {
    const a = where.get(link.from);
    const b = where.get(link.to);
    if (!a || !b) continue;
    flags[a.y]![a.col]!.right = true;
    flags[b.y]![b.col]!.right = true;
    flags[b.y]![b.col]!.called = true;
    if (a.col !== b.col) continue;
    const top = Math.min(a.y, b.y);
    const bottom = Math.max(a.y, b.y);
    for (let y = top; y <= bottom; y++) {
      if (y > top) flags[y]![a.col]!.up = true;
      if (y < bottom) flags[y]![a.col]!.down = true;
    }
  }
  return flags.map((row) => row.map((f) => joint(f.up, f.down, f.right) + (f.called ? ARROW_HEAD : f.right ? '\u2500' : ' ')));
}

function unitsText(n: NodeState): string {
  const warming = n.warming.reduce((s, w) => s + w[1], 0);
  if (n.units <= 1 && warming === 0) return '';
  return warming > 0 ? ` ${n.units}u+${warming}` : ` ${n.units}u`;
}

function nodeSegments(input: MapViewInput, n: NodeState, width: number, atCursor: boolean, linked: boolean): Segment[] {
  const health = nodeHealth(input.level, input.state!, n);
  const idStyle = atCursor ? 'cursor' : n.id === input.linkFrom ? 'selected' : linked ? 'accent' : undefined;
  const head = `${n.id}${unitsText(n)}`;
  const out: Segment[] = [seg(HEALTH_GLYPH[health], HEALTH_STYLE[health]), seg(' '), seg(head, idStyle)];
  const room = width - 2 - head.length - 1;
  const load = n.metrics.utilization;
  if (health === 'down') {
    if (room >= DOWN_WORD.length) out.push(seg(' '), seg(DOWN_WORD, HEALTH_STYLE[health]));
  } else if (room >= MIN_BAR + PCT_WIDTH) {
    const w = Math.min(MAX_BAR, room - PCT_WIDTH);
    out.push(seg(' '), seg(bar(load, w), loadStyle(load)), seg(wholePercent(load).padStart(PCT_WIDTH), loadStyle(load)));
  } else if (room >= MIN_BAR) {
    out.push(seg(' '), seg(bar(load, Math.min(MAX_BAR, room)), loadStyle(load)));
  }
  return out;
}

/** Ids of the nodes the selected one calls or is called by. */
function neighbours(state: Readonly<GameState> | undefined, id: string | undefined): Set<string> {
  const out = new Set<string>();
  if (!state || id === undefined) return out;
  for (const l of state.links) {
    if (l.from === id) out.add(l.to);
    if (l.to === id) out.add(l.from);
  }
  return out;
}

/**
 * The architecture map, `width` x `height` cells: a header of regions, then one band of lines per
 * kind. Scrolls to keep the cursor in sight.
 */
export function mapView(input: MapViewInput, width: number, height: number): MapView {
  const { grid, cursor } = input;
  const lines = gridLines(grid);
  const gut = gutters(lines, grid, input.state);
  const colWidth = Math.max(4, Math.floor((width - LABEL_WIDTH) / Math.max(1, grid.regions.length)));
  const selected = grid.cells[cursor.row]?.[cursor.col]?.[cursor.slot]?.id;
  const near = neighbours(input.state, selected);
  const header: Line = [seg(''.padEnd(LABEL_WIDTH))];
  for (const r of grid.regions) header.push(seg(` ${r}`.slice(0, colWidth - 1).padEnd(colWidth), 'title'));
  const cursorY = lines.findIndex((l) => l.row === cursor.row && l.cells[cursor.col]?.slot === cursor.slot);
  const body = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(lines.length - body, cursorY - Math.floor(body / 2)));
  const out: Line[] = [fit(header, width)];
  const hits: MapHit[] = [];
  lines.slice(top, top + body).forEach((l, i) => {
    const y = i + 1;
    const line: Line = [seg(l.label.padEnd(LABEL_WIDTH).slice(0, LABEL_WIDTH), 'muted')];
    l.cells.forEach((c, col) => {
      const x0 = LABEL_WIDTH + col * colWidth;
      const g = gut[top + i]![col]!;
      const here = c !== undefined && l.row === cursor.row && col === cursor.col && c.slot === cursor.slot;
      let cell: Segment[];
      if (!c) cell = [];
      else if ('node' in c) cell = nodeSegments(input, c.node, colWidth - GUTTER_WIDTH, here, near.has(c.node.id));
      else cell = here ? [seg(input.focused ? '[+] place' : '[+]', 'cursor')] : [seg(' .', 'muted')];
      line.push(seg(g, 'muted'), ...fit(cell, colWidth - GUTTER_WIDTH));
      if (c) hits.push({ y, x0, x1: x0 + colWidth - 1, cursor: { row: l.row, col, slot: c.slot } });
    });
    out.push(fit(line, width));
  });
  while (out.length < height) out.push(fit([], width));
  return { lines: out, hits };
}
