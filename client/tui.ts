/**
 * The only module that knows blessed. Swapping in a fork (neo-blessed through an npm alias) means
 * changing the two module names below and nothing else.
 */
import type Blessed from 'blessed';
import { createRequire } from 'node:module';
import type { Readable, Writable } from 'node:stream';
import { boxLines, type Frame } from './frame.js';
import type { Line, Style } from './styled.js';

/** blessed is CommonJS: required rather than imported, Node does not lex its files for exports (10 ms a start). */
const blessed = createRequire(import.meta.url)('blessed') as typeof Blessed;

/** blessed cannot parse Debian's terminfo files, nor is every TERM value safe: always this one. */
const TERMINAL = 'xterm-256color';

/** blessed tags of each style in colour; in monochrome only the attributes stay. */
const COLOUR_TAGS: Record<Style, string[]> = {
  normal: [],
  muted: ['gray-fg'],
  accent: ['cyan-fg'],
  ok: ['green-fg'],
  warn: ['yellow-fg'],
  bad: ['red-fg'],
  unknown: ['gray-fg'],
  key: ['bold', 'yellow-fg'],
  title: ['bold'],
  selected: ['bold', 'magenta-fg'],
  cursor: ['inverse'],
};
const MONO_TAGS: Record<Style, string[]> = {
  normal: [], muted: [], accent: [], ok: [], warn: [], bad: [], unknown: [], key: ['bold'], title: ['bold'], selected: ['underline'], cursor: ['inverse'],
};

export interface MouseClick {
  x: number;
  y: number;
  /** A turn of the mouse wheel rather than a press. */
  wheel?: 'up' | 'down';
}

interface TuiOptions {
  input?: Readable;
  output?: Writable;
  mouse: boolean;
  mono: boolean;
}

export interface Tui {
  cols(): number;
  rows(): number;
  draw(frame: Frame): void;
  onKey(handler: (key: string) => void): void;
  onResize(handler: () => void): void;
  onClick(handler: (click: MouseClick) => void): void;
  /** The screen as text, one string a row: what was last drawn. */
  text(): string[];
  /** Restores the terminal: main screen, cursor, no mouse reporting, cooked mode. */
  destroy(): void;
}

function escapeText(text: string): string {
  if (!text.includes('{') && !text.includes('}')) return text;
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

function tagged(line: Line, tags: Record<Style, string[]>): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const style = line[i]!.style;
    let text = '';
    // Neighbours of one style share one pair of tags.
    while (i < line.length && line[i]!.style === style) text += line[i++]!.text;
    const t = style ? tags[style] : [];
    const escaped = escapeText(text);
    out += t.length ? `${t.map((x) => `{${x}}`).join('')}${escaped}${[...t].reverse().map((x) => `{/${x}}`).join('')}` : escaped;
  }
  return out;
}

/** A key as the keymap names it: a printable character as itself, anything else as blessed spells it. */
function keyName(ch: string | undefined, key: Blessed.Widgets.Events.IKeyEventArg | undefined): string | undefined {
  // Enter arrives twice, as `return` and as `enter`: keep one.
  if (key?.name === 'return') return undefined;
  if (ch && ch.length === 1 && ch >= ' ' && ch !== '\x7f' && !key?.ctrl && !key?.meta) return ch;
  return key?.full ?? key?.name ?? ch;
}

export function createTui(options: TuiOptions): Tui {
  const screen = blessed.screen({
    input: options.input,
    output: options.output,
    terminal: TERMINAL,
    smartCSR: true,
    fullUnicode: false,
    // Every character we draw is one cell wide and any terminal today takes UTF-8; without this a
    // non-UTF-8 LANG would turn blocks and braille into '?'.
    forceUnicode: true,
    autoPadding: false,
    warnings: false,
    title: 'nines',
  } as Blessed.Widgets.IScreenOptions);
  // Lines as themselves rather than through the alternate character set: one less mode switch per
  // line, and the same bytes whatever the terminal's ACS support.
  (screen as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
  const tags = options.mono ? MONO_TAGS : COLOUR_TAGS;
  const boxes = new Map<string, { el: Blessed.Widgets.BoxElement; content: string }>();
  if (options.mouse) screen.enableMouse();
  screen.program.hideCursor();
  /** What the last frame drew, to skip a frame that would draw the same; a resize clears the screen. */
  let lastDrawn = '';
  screen.on('resize', () => { lastDrawn = ''; });

  return {
    cols: () => screen.width as number,
    rows: () => screen.height as number,
    draw(frame) {
      const seen = new Set<string>();
      let drawn = '';
      for (const spec of frame.boxes) {
        seen.add(spec.id);
        let entry = boxes.get(spec.id);
        if (!entry) {
          entry = { el: blessed.box({ parent: screen, tags: true, wrap: false }), content: '' };
          boxes.set(spec.id, entry);
        }
        const { el } = entry;
        if (el.left !== spec.left) el.left = spec.left;
        if (el.top !== spec.top) el.top = spec.top;
        if (el.width !== spec.width) el.width = spec.width;
        if (el.height !== spec.height) el.height = spec.height;
        const content = boxLines(spec).map((l) => tagged(l, tags)).join('\n');
        if (content !== entry.content) {
          el.setContent(content);
          entry.content = content;
        }
        el.show();
        el.setFront();
        drawn += `${spec.id}:${spec.left},${spec.top},${spec.width},${spec.height}:${content}\n`;
      }
      for (const [id, entry] of boxes) if (!seen.has(id)) entry.el.hide();
      if (drawn === lastDrawn) return;
      lastDrawn = drawn;
      screen.render();
    },
    onKey(handler) {
      screen.on('keypress', (ch: string | undefined, key: Blessed.Widgets.Events.IKeyEventArg | undefined) => {
        const name = keyName(ch, key);
        if (name !== undefined) handler(name);
      });
    },
    onResize(handler) {
      screen.on('resize', handler);
    },
    onClick(handler) {
      screen.on('mouse', (data: Blessed.Widgets.Events.IMouseEventArg) => {
        // The typings know no wheel, which blessed reports as an action of its own.
        const action = data.action as string;
        if (action === 'mousedown') handler({ x: data.x, y: data.y });
        else if (action === 'wheelup' || action === 'wheeldown') handler({ x: data.x, y: data.y, wheel: action === 'wheelup' ? 'up' : 'down' });
      });
    },
    text() {
      const lines = (screen as unknown as { lines: [unknown, string][][] }).lines;
      return lines.map((row) => row.map((cell) => cell[1]).join(''));
    },
    destroy() {
      screen.destroy();
    },
  };
}
