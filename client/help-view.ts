import { factsOf, type Kind } from '../shared/kinds/index.js';
import { HEALTH_GLYPH, HEALTH_WORD, type Health } from './health.js';
import { ARROW_HEAD } from './map-view.js';
import { GLOBAL_KEYS, keyLabel, MAP_KEYS, PANEL_KEYS, type Binding } from './keymap.js';
import { COMMANDS } from './palette.js';
import { PANEL_TITLES, type PanelId } from './panels.js';
import { fit, seg, type Line } from './styled.js';

/** Width of the key column. */
const KEY_WIDTH = 14;

function bindingLines(bindings: Binding[]): Line[] {
  return bindings.map((b) => [seg(`  ${b.keys.map(keyLabel).join(' ')}`.padEnd(KEY_WIDTH), 'key'), seg(b.help)]);
}

const heading = (text: string): Line => [seg(text, 'title')];

/** Every key, the focused panel's first, then the global keys, the palette's commands and the map's legend. */
/** What a panel without keys of its own shows, said first when it has the focus (lines fit the 80-column help). */
const PANEL_NOTES: Partial<Record<PanelId, string[]>> = {
  leaderboard: [
    'ranked by availability, then score, then the earlier finisher',
    '(whose last change came first), then who joined first',
    '2= ties the row above on availability and score; the words',
    'after the name, where they fit, say what broke the tie',
    '> your row (your team\'s), always in view; ~away connection down',
  ],
};

export function helpLines(focus: PanelId, allowed: readonly Kind[]): Line[] {
  const own = PANEL_KEYS[focus];
  const lines: Line[] = [];
  const notes = PANEL_NOTES[focus];
  if (notes) lines.push(heading(PANEL_TITLES[focus]), ...notes.map((n): Line => [seg(`  ${n}`)]), []);
  if (own.length) lines.push(heading(`${PANEL_TITLES[focus]} keys`), ...bindingLines(own), []);
  if (focus !== 'map') lines.push(heading('Map keys (panel 1)'), ...bindingLines(MAP_KEYS), []);
  const panelKeys = GLOBAL_KEYS.filter((b) => b.intent.type === 'focus');
  const others = GLOBAL_KEYS.filter((b) => b.intent.type !== 'focus');
  const digits = `${panelKeys[0]!.keys[0]}-${panelKeys.at(-1)!.keys[0]}`;
  lines.push(heading('Everywhere'), ...bindingLines(others.slice(0, 2)), [seg(`  ${digits}`.padEnd(KEY_WIDTH), 'key'), seg('go to a panel by its number')], ...bindingLines(others.slice(2)), []);
  lines.push(heading('Placement picker letters'));
  for (const k of allowed) lines.push([seg(`  ${factsOf(k).key}`.padEnd(KEY_WIDTH), 'key'), seg(`${k}: ${factsOf(k).params.label}`)]);
  lines.push([], heading('Commands (:)'));
  for (const [name, args] of Object.entries(COMMANDS)) lines.push([seg(`  ${name}`.padEnd(KEY_WIDTH), 'key'), seg(args)]);
  lines.push([seg('  e.g. :place cache us-east  :link app1 db1  :scale app1 +2  :configure lb1 algorithm=least-connections', 'muted')]);
  lines.push([], heading('Map legend'));
  for (const h of Object.keys(HEALTH_GLYPH) as Health[]) lines.push([seg(`  ${HEALTH_GLYPH[h]}`.padEnd(KEY_WIDTH), 'key'), seg(HEALTH_WORD[h])]);
  lines.push([seg('  3u+2'.padEnd(KEY_WIDTH), 'key'), seg('3 units taking traffic, 2 warming up')]);
  lines.push([seg(`  \u251c \u2502 \u2500 ${ARROW_HEAD}`.padEnd(KEY_WIDTH), 'key'), seg(`links in a region, ${ARROW_HEAD} on the node called; the inspector lists all`)]);
  return lines;
}

/** `height` lines of `all` from `scroll` (kept within them), each fitted to `width`, padded to fill. */
export function scrolledWindow(all: readonly Line[], scroll: number, width: number, height: number): Line[] {
  const top = Math.max(0, Math.min(scroll, all.length - height));
  const shown = all.slice(top, top + height).map((l) => fit(l, width));
  while (shown.length < height) shown.push(fit([], width));
  return shown;
}

export function helpView(focus: PanelId, allowed: readonly Kind[], scroll: number, width: number, height: number): Line[] {
  return scrolledWindow(helpLines(focus, allowed), scroll, width, height);
}
