import { fit, seg, truncate, type Line } from './styled.js';

/** A rectangle of the screen, in cells. */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** One box to draw: its place, an optional border with a title, and its content lines (inside the border). */
export interface BoxSpec extends Rect {
  id: string;
  border: boolean;
  title?: string;
  /** The focused panel's border stands out (double lines, and colour when there is colour). */
  focused?: boolean;
  lines: Line[];
}

/** A place a click presses a key: a button, a hint of the bottom bar, a row of a list. */
export interface Hit {
  y: number;
  x0: number;
  /** Exclusive. */
  x1: number;
  key: string;
}

/** Everything on the screen, back to front: the pure views build it, the terminal layer draws it. */
export interface Frame {
  boxes: BoxSpec[];
  hits?: Hit[];
}

/** Content size of a box: its rectangle less the border. */
export function inner(r: Rect, border = true): { width: number; height: number } {
  const b = border ? 2 : 0;
  return { width: Math.max(0, r.width - b), height: Math.max(0, r.height - b) };
}

/** A box of `width` x `height` centred in a screen, kept inside it. */
export function centred(cols: number, rows: number, width: number, height: number): Rect {
  const w = Math.min(cols, width);
  const h = Math.min(rows, height);
  return { left: Math.floor((cols - w) / 2), top: Math.floor((rows - h) / 2), width: w, height: h };
}

/** Rows the top and bottom bars take together. */
export const BARS = 2;

/** A rectangle laid out in the rows between the two bars, moved below the top one. */
export function between(r: Rect): Rect {
  return { ...r, top: r.top + 1 };
}

/** Border glyphs: single lines, or double lines for the focused box so focus shows without colour. */
const SINGLE = { tl: '\u250c', tr: '\u2510', bl: '\u2514', br: '\u2518', h: '\u2500', v: '\u2502' };
const DOUBLE = { tl: '\u2554', tr: '\u2557', bl: '\u255a', br: '\u255d', h: '\u2550', v: '\u2551' };

/** A box's full lines, its border drawn around its content, each exactly its width. */
export function boxLines(box: BoxSpec): Line[] {
  const { width, height } = inner(box, box.border);
  const content = box.lines.slice(0, height).map((l) => fit(l, width));
  while (content.length < height) content.push(fit([], width));
  if (!box.border || box.width < 2 || box.height < 2) return content;
  const g = box.focused ? DOUBLE : SINGLE;
  // Unfocused borders in the terminal's own colour: most of the screen is border, and every styled
  // piece costs escape codes to write and to parse.
  const style = box.focused ? 'accent' : undefined;
  const title = box.title ? truncate([seg(` ${box.title} `, box.focused ? 'title' : 'muted')], Math.max(0, width - 1)) : [];
  const titleWidth = title.reduce((w, s) => w + s.text.length, 0);
  const top: Line = [seg(g.tl + (width > 0 ? g.h : ''), style), ...title, seg(g.h.repeat(Math.max(0, width - 1 - titleWidth)) + g.tr, style)];
  const bottom: Line = [seg(g.bl + g.h.repeat(width) + g.br, style)];
  return [fit(top, box.width), ...content.map((l) => [seg(g.v, style), ...l, seg(g.v, style)]), bottom];
}
