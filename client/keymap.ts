import type { Direction } from './map-layout.js';
import { PANELS, type PanelId } from './panels.js';

/**
 * Keys, by what the player is doing. One table serves the key handler, the bottom bar's hints and
 * the help overlay, so they cannot disagree. Key names: a printable character as itself ('a', '>',
 * ':'), others as blessed spells them ('up', 'enter', 'escape', 'S-tab', 'C-c').
 */

export type Intent =
  | { type: 'move'; dir: Direction }
  | { type: 'focus'; panel: PanelId }
  | { type: 'focus-next' }
  | { type: 'focus-prev' }
  | { type: 'select' }
  | { type: 'place' }
  | { type: 'link' }
  | { type: 'unlink' }
  | { type: 'scale'; by: number }
  | { type: 'configure' }
  | { type: 'upgrade' }
  | { type: 'remove' }
  | { type: 'promote' }
  | { type: 'scroll'; by: number }
  | { type: 'palette' }
  | { type: 'help' }
  | { type: 'brief' }
  | { type: 'glossary' }
  | { type: 'pause' }
  | { type: 'skip-guide' }
  | { type: 'tips' }
  | { type: 'back' }
  | { type: 'quit' }
  | { type: 'exit' };

export interface Binding {
  keys: string[];
  /** What the key does, for help. */
  help: string;
  /** The few words of the bottom bar; no hint keeps it out of the bar. */
  hint?: string;
  intent: Intent;
}

const move = (dir: Direction): Intent => ({ type: 'move', dir });

export const MAP_KEYS: Binding[] = [
  { keys: ['up', 'k'], help: 'move up (through the nodes of a cell, then the tiers)', intent: move('up') },
  { keys: ['down', 'j'], help: 'move down', intent: move('down') },
  { keys: ['left', 'h'], help: 'previous region', intent: move('left') },
  { keys: ['right', 'l'], help: 'next region', intent: move('right') },
  { keys: ['enter'], help: 'inspect the node, or place on an empty slot; ends a link', hint: 'inspect', intent: { type: 'select' } },
  { keys: ['p'], help: 'place a component in this region (picker with mnemonic letters)', hint: 'place', intent: { type: 'place' } },
  { keys: ['c'], help: 'connect: link this node to another (move, then Enter)', hint: 'link', intent: { type: 'link' } },
  { keys: ['x'], help: 'disconnect: unlink this node from a node it calls', intent: { type: 'unlink' } },
  { keys: ['>', '+'], help: 'scale out: one more unit', hint: 'scale', intent: { type: 'scale', by: 1 } },
  { keys: ['<', '-'], help: 'scale in: one unit fewer', intent: { type: 'scale', by: -1 } },
  { keys: ['e'], help: 'configure the node (a form of its settings)', hint: 'config', intent: { type: 'configure' } },
  { keys: ['u'], help: 'upgrade to the next size tier', hint: 'upgrade', intent: { type: 'upgrade' } },
  { keys: ['d', 'delete'], help: 'remove the node (asks first)', hint: 'remove', intent: { type: 'remove' } },
  { keys: ['P'], help: 'promote a read replica to primary', intent: { type: 'promote' } },
];

const SCROLL_KEYS: Binding[] = [
  { keys: ['up', 'k'], help: 'scroll up', hint: 'scroll', intent: { type: 'scroll', by: -1 } },
  { keys: ['down', 'j'], help: 'scroll down', intent: { type: 'scroll', by: 1 } },
  { keys: ['pageup'], help: 'scroll a page up', intent: { type: 'scroll', by: -10 } },
  { keys: ['pagedown'], help: 'scroll a page down', intent: { type: 'scroll', by: 10 } },
];

export const PANEL_KEYS: Record<PanelId, Binding[]> = {
  map: MAP_KEYS,
  inspector: SCROLL_KEYS,
  availability: [],
  events: [],
  log: SCROLL_KEYS,
  leaderboard: [],
};

export const GLOBAL_KEYS: Binding[] = [
  { keys: ['tab'], help: 'next panel', hint: 'panel', intent: { type: 'focus-next' } },
  { keys: ['S-tab'], help: 'previous panel', intent: { type: 'focus-prev' } },
  ...PANELS.map((panel, i): Binding => ({ keys: [String(i + 1)], help: `go to panel ${i + 1}`, intent: { type: 'focus', panel } })),
  { keys: [':'], help: 'command palette (place, link, scale, configure...; Tab completes)', hint: 'command', intent: { type: 'palette' } },
  { keys: ['b'], help: 'the level brief: goal, target, budget, what will happen (pauses a solo game)', hint: 'brief', intent: { type: 'brief' } },
  { keys: ['g'], help: 'the glossary: every concept, defined, with the levels that play it (:glossary <term> finds one)', hint: 'glossary', intent: { type: 'glossary' } },
  { keys: [' '], help: 'pause or go on (a solo game; in a room the host pauses)', hint: 'pause', intent: { type: 'pause' } },
  { keys: ['S'], help: 'skip the tutorial\'s guide: play the level as any other (:skip)', intent: { type: 'skip-guide' } },
  { keys: ['T'], help: 'first-time tips on or off, kept for next time (:tips on|off)', intent: { type: 'tips' } },
  { keys: ['?', 'f1'], help: 'this help (pauses a solo game)', hint: 'help', intent: { type: 'help' } },
  { keys: ['escape'], help: 'back out: close, cancel, return to the map (never quits)', intent: { type: 'back' } },
  { keys: ['q'], help: 'quit (asks first during a game)', hint: 'quit', intent: { type: 'quit' } },
  { keys: ['C-c'], help: 'quit at once', intent: { type: 'exit' } },
];

/** The intent of a key in a panel: the panel's own keys first, then the global ones. */
export function resolveKey(panel: PanelId, key: string): Intent | undefined {
  for (const b of PANEL_KEYS[panel]) if (b.keys.includes(key)) return b.intent;
  for (const b of GLOBAL_KEYS) if (b.keys.includes(key)) return b.intent;
  return undefined;
}

const KEY_LABELS: Record<string, string> = { ' ': 'Space', enter: 'Enter', escape: 'Esc', tab: 'Tab', 'S-tab': 'S-Tab', 'C-c': 'Ctrl-C', up: 'Up', down: 'Down', left: 'Left', right: 'Right', delete: 'Del', pageup: 'PgUp', pagedown: 'PgDn', f1: 'F1' };
const LABEL_KEYS = Object.fromEntries(Object.entries(KEY_LABELS).map(([k, v]) => [v, k]));

/** How a key is written in hints and help. */
export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key;
}

/** The key a hint's label stands for (the first of `A/B`), or undefined for words like "letter". */
export function keyOfLabel(label: string): string | undefined {
  const first = label.split('/')[0]!;
  if (LABEL_KEYS[first]) return LABEL_KEYS[first];
  return first.length === 1 ? first : undefined;
}
