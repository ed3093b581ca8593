import type { Rect } from './frame.js';
import type { PanelId } from './panels.js';

/** Rows of the top bar and of the bottom bar of hints. */
const BAR_ROWS = 1;
/** Height of the bottom band (availability, events, log) at 24 rows, and at most. */
const BAND_MIN = 8;
const BAND_MAX = 14;
/** Share of the rows the bottom band takes between those bounds. */
const BAND_SHARE = 0.3;
/** Width of the right column (inspector, leaderboard) at 80 columns, and at most. */
const SIDE_MIN = 30;
const SIDE_MAX = 56;
const SIDE_SHARE = 0.36;
/** Leaderboard rows at least (its header line, one player and the border) and at most. */
const BOARD_MIN = 4;
const BOARD_MAX = 13;
/** Rows of the leaderboard's box besides its players: the border and the header line. */
const BOARD_FRAME = 3;
/** Shares of the bottom band's width for availability and events; the log takes the rest. */
const AVAILABILITY_SHARE = 0.32;
const EVENTS_SHARE = 0.32;

export type GameLayout = Record<PanelId | 'top' | 'bottom' | 'guide', Rect>;

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/**
 * Where each panel goes for a screen size: the map gets what is left after the rest has its minimum.
 * `guideRows` (the tutorial's steps) go under the top bar, taken from the map and the inspector.
 */
export function gameLayout(cols: number, rows: number, players: number, guideRows = 0): GameLayout {
  const band = clamp(Math.round(rows * BAND_SHARE), BAND_MIN, BAND_MAX);
  const side = clamp(Math.round(cols * SIDE_SHARE), SIDE_MIN, SIDE_MAX);
  const upper = Math.max(3, rows - 2 * BAR_ROWS - band - guideRows);
  const upperTop = BAR_ROWS + guideRows;
  // A third of the upper rows, plus the header line, so the header never costs a player row.
  const board = clamp(players + BOARD_FRAME, BOARD_MIN, Math.min(BOARD_MAX, Math.floor(upper / 3) + 1));
  const mapWidth = Math.max(10, cols - side);
  const bandTop = upperTop + upper;
  const availabilityWidth = Math.round(cols * AVAILABILITY_SHARE);
  const eventsWidth = Math.round(cols * EVENTS_SHARE);
  return {
    top: { left: 0, top: 0, width: cols, height: BAR_ROWS },
    guide: { left: 0, top: BAR_ROWS, width: cols, height: guideRows },
    map: { left: 0, top: upperTop, width: mapWidth, height: upper },
    inspector: { left: mapWidth, top: upperTop, width: cols - mapWidth, height: upper - board },
    leaderboard: { left: mapWidth, top: upperTop + upper - board, width: cols - mapWidth, height: board },
    availability: { left: 0, top: bandTop, width: availabilityWidth, height: band },
    events: { left: availabilityWidth, top: bandTop, width: eventsWidth, height: band },
    log: { left: availabilityWidth + eventsWidth, top: bandTop, width: cols - availabilityWidth - eventsWidth, height: band },
    bottom: { left: 0, top: rows - BAR_ROWS, width: cols, height: BAR_ROWS },
  };
}
