import { KINDS, type Kind } from '../shared/catalog.js';
import type { Level } from '../shared/level.js';
import type { GameState, NodeState } from '../shared/state.js';

/**
 * The map's grid: regions as columns, kinds as rows in the catalog's order (edge first, data last),
 * each cell holding that kind's nodes in that region, in placement order.
 */
export interface MapGrid {
  regions: string[];
  kinds: Kind[];
  /** cells[row][col] */
  cells: NodeState[][][];
}

/** Where the cursor is: a node of a cell, or the cell's empty slot after its nodes (slot = count). */
export interface MapCursor {
  row: number;
  col: number;
  slot: number;
}

export function mapGrid(level: Level, state: Readonly<GameState> | undefined): MapGrid {
  const regions = level.regions.map((r) => r.id);
  const nodes = state?.nodes ?? [];
  const present = new Set<Kind>([...level.allowed, ...nodes.map((n) => n.kind)]);
  const kinds = KINDS.filter((k) => present.has(k));
  const cells = kinds.map((k) => regions.map((r) => nodes.filter((n) => n.kind === k && n.region === r)));
  return { regions, kinds, cells };
}

function cellSize(grid: MapGrid, row: number, col: number): number {
  return grid.cells[row]?.[col]?.length ?? 0;
}

/** The cursor moved back inside the grid after the grid changed under it. */
export function clampCursor(grid: MapGrid, c: MapCursor): MapCursor {
  const row = Math.max(0, Math.min(grid.kinds.length - 1, c.row));
  const col = Math.max(0, Math.min(grid.regions.length - 1, c.col));
  return { row, col, slot: Math.max(0, Math.min(cellSize(grid, row, col), c.slot)) };
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/** Up and down walk the slots of a cell, then the rows; left and right change region. */
export function moveCursor(grid: MapGrid, c: MapCursor, dir: Direction): MapCursor {
  switch (dir) {
    case 'left':
      return clampCursor(grid, { ...c, col: c.col - 1 });
    case 'right':
      return clampCursor(grid, { ...c, col: c.col + 1 });
    case 'down':
      if (c.slot < cellSize(grid, c.row, c.col)) return { ...c, slot: c.slot + 1 };
      return c.row + 1 < grid.kinds.length ? { ...c, row: c.row + 1, slot: 0 } : c;
    case 'up':
      if (c.slot > 0) return { ...c, slot: c.slot - 1 };
      return c.row > 0 ? { ...c, row: c.row - 1, slot: cellSize(grid, c.row - 1, c.col) } : c;
  }
}

export function nodeAt(grid: MapGrid, c: MapCursor): NodeState | undefined {
  return grid.cells[c.row]?.[c.col]?.[c.slot];
}

/** The cursor on a node, wherever it is; undefined when the node is gone. */
export function cursorOn(grid: MapGrid, id: string): MapCursor | undefined {
  for (let row = 0; row < grid.kinds.length; row++) {
    for (let col = 0; col < grid.regions.length; col++) {
      const slot = grid.cells[row]![col]!.findIndex((n) => n.id === id);
      if (slot >= 0) return { row, col, slot };
    }
  }
  return undefined;
}
