import { clock, money, percent } from './format.js';
import type { GameModel } from './game-model.js';
import type { Hit } from './frame.js';
import { factsOf, type Kind } from '../shared/kinds/index.js';
import { configFields } from './config-fields.js';
import { GLOBAL_KEYS, keyLabel, keyOfLabel, MAP_KEYS, PANEL_KEYS, type Binding, type Intent } from './keymap.js';
import type { Mode } from './game-controller.js';
import type { PanelId } from './panels.js';
import type { ConnectionState } from './session.js';
import { fit, lineWidth, seg, spread, type Line, type Segment, type Style } from './styled.js';

const CONNECTION: Record<ConnectionState, { glyph: string; style: Style }> = {
  connecting: { glyph: '~', style: 'warn' },
  connected: { glyph: '+', style: 'ok' },
  reconnecting: { glyph: '~', style: 'warn' },
  closed: { glyph: 'x', style: 'bad' },
};
const SEPARATOR = ' \u2502 ';

/** A piece of a bar, in its longest form first and shorter ones after. */
interface Part {
  priority: number;
  variants: Segment[][];
}

/**
 * Pieces joined with separators. While they do not fit, the least important piece with a shorter form
 * takes it; when none has, the least important piece goes.
 */
function joinFitting(parts: Part[], width: number): Line {
  let kept = parts.map((p) => ({ ...p, v: 0 }));
  const measure = () => kept.reduce((w, p) => w + lineWidth(p.variants[p.v]!), 0) + Math.max(0, kept.length - 1) * SEPARATOR.length;
  const byPriority = () => [...kept].sort((a, b) => a.priority - b.priority);
  while (kept.length > 1 && measure() > width) {
    const shrinkable = byPriority().find((p) => p.v + 1 < p.variants.length);
    if (shrinkable) shrinkable.v++;
    else kept = kept.filter((p) => p !== byPriority()[0]);
  }
  const line: Line = [];
  kept.forEach((p, i) => line.push(...(i ? [seg(SEPARATOR, 'muted')] : []), ...p.variants[p.v]!));
  return fit(line, width);
}

/** The connection's state in words, the wait before the next attempt while reconnecting (`now` on the session's clock). */
export function connectionLabel(state: ConnectionState, retryAt: number | undefined, now: number): Segment {
  const { glyph, style } = CONNECTION[state];
  const wait = state === 'reconnecting' && retryAt !== undefined ? ` in ${clock(Math.max(0, retryAt - now) / 1000)}` : '';
  return seg(`${glyph} ${state}${wait}`, style);
}

/** Time left, or why the clock stands still. */
function timePart(model: GameModel): Segment[][] {
  if (model.phase === 'paused') return [[seg('paused', 'warn')]];
  if (model.phase === 'ended') return [[seg('over', 'muted')]];
  return [[seg(clock(model.timeLeft)), seg(' left', 'muted')], [seg(clock(model.timeLeft))]];
}

/** Room, level, time left, connection, availability against target, budget left. */
export function topBar(model: GameModel, width: number, now: number): Line {
  const level = model.level;
  const conn = CONNECTION[model.connection];
  const ok = model.availability >= level.target;
  const left = level.budget - model.cost;
  const availability = [seg(ok ? '+ ' : '! ', ok ? 'ok' : 'bad'), seg(percent(model.availability), ok ? 'ok' : 'bad')];
  const budget = [seg('$', 'muted'), seg(money(left), left < 0 ? 'bad' : 'normal')];
  return joinFitting([
    { priority: 1, variants: [[seg(' nines', 'title')]] },
    { priority: 3, variants: [[seg('room ', 'muted'), seg(model.room)], [seg(model.room)]] },
    { priority: 2, variants: [[seg(level.title)], [seg(level.id)]] },
    { priority: 9, variants: timePart(model) },
    // A connection that is down is the news of the moment: it keeps its words when room is short.
    { priority: model.connection === 'connected' ? 8 : 11, variants: [[connectionLabel(model.connection, model.retryAt, now)], [seg(`${conn.glyph} ${model.connection}`, conn.style)], [seg(conn.glyph, conn.style)]] },
    { priority: 10, variants: [[...availability, seg(` / ${percent(level.target, 1)}`, 'muted')], availability] },
    { priority: 7, variants: [[...budget, seg(' left', 'muted')], budget] },
  ], width);
}

function hint(keys: string[], words: string): Segment[] {
  return [seg(keys.map(keyLabel).join('/'), 'key'), seg(` ${words}  `, 'muted')];
}

function bindingHints(bindings: Binding[]): Segment[][] {
  return bindings.filter((b) => b.hint).map((b) => hint(b.keys.slice(0, 1), b.hint!));
}

/** Whole hints, as many as fit in `width`, in order. */
function fitting(hints: Segment[][], width: number): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const h of hints) {
    const w = lineWidth(h);
    if (used + w > width) break;
    out.push(...h);
    used += w;
  }
  return out;
}

/**
 * Where the key labels of a line of hints sit, so a click on a hint presses its key: from the label to
 * the start of the next label.
 */
export function keyHits(line: Line, y: number, left = 0): Hit[] {
  const hits: Hit[] = [];
  let x = left;
  for (const s of line) {
    const key = s.style === 'key' ? keyOfLabel(s.text) : undefined;
    const last = hits.at(-1);
    if (s.style === 'key' && last && last.x1 < 0) last.x1 = x;
    if (key !== undefined) hits.push({ y, x0: x, x1: -1, key });
    x += s.text.length;
  }
  const last = hits.at(-1);
  if (last && last.x1 < 0) last.x1 = x;
  return hits.filter((h) => h.x1 > h.x0);
}

/** Which global hints stay when room is short, first the one that always does: help finds every other key. */
const GLOBAL_HINT_PRIORITY: readonly Intent['type'][] = ['help', 'quit', 'brief', 'pause', 'palette', 'focus-next', 'glossary'];

/** What the map's cursor is on: a node of a kind, an empty slot, or nothing. */
type Selection = { type: 'node'; kind: Kind } | { type: 'slot' } | undefined;

/** The map keys that act on what the cursor is on, most useful first: what you can do to this node. */
function selectionHints(selected: Selection): Segment[][] {
  const map = (intent: Intent['type']) => MAP_KEYS.filter((b) => b.intent.type === intent && b.hint).map((b) => hint(b.keys.slice(0, 1), b.hint!));
  if (!selected) return [hint(['hjkl'], 'move'), ...bindingHints(MAP_KEYS)];
  if (selected.type === 'slot') return [hint(['enter'], 'place here'), ...map('place')];
  const k = selected.kind;
  return [
    ...(factsOf(k).units ? map('scale') : []), ...map('link'), ...(configFields(k).length ? map('configure') : []),
    ...(factsOf(k).tiers ? map('upgrade') : []), ...(factsOf(k).promotes ? [hint(['P'], 'promote')] : []), ...map('remove'), ...map('select'),
  ];
}

/**
 * The keys that matter now: the mode's, or the selected thing's and the focused panel's, then the
 * global ones. Trimmed from the end: globals go before the panel's keys, but `?` stays (it finds the rest).
 */
export function bottomBar(focus: PanelId, mode: Mode, width: number, selected?: Selection): Line {
  let segs: Segment[];
  switch (mode.type) {
    case 'picker': segs = [...hint(['letter'], 'place that kind'), ...hint(['up', 'down'], 'choose'), ...hint(['enter'], 'place'), ...hint(['escape'], 'cancel')]; break;
    case 'link': segs = [...hint(['arrows'], 'move to the node to call'), ...hint(['enter'], mode.unlink ? 'unlink' : 'link'), ...hint(['escape'], 'cancel')]; break;
    case 'confirm': segs = [...hint(['y'], 'yes'), ...hint(['n', 'escape'], 'no')]; break;
    case 'palette': segs = [...hint(['tab'], 'complete'), ...hint(['up', 'down'], 'history'), ...hint(['enter'], 'run'), ...hint(['escape'], 'close')]; break;
    case 'help': segs = [...hint(['up', 'down'], 'scroll'), ...hint(['escape', '?'], 'close')]; break;
    case 'brief': segs = [...hint(['up', 'down'], 'scroll'), ...hint(['escape', 'b'], 'close')]; break;
    case 'glossary': segs = [...hint(['up', 'down'], 'scroll'), ...hint(['escape', 'g'], 'close')]; break;
    case 'form': segs = [...hint(['up', 'down'], 'field'), ...hint(['left', 'right'], 'choose'), ...hint(['enter'], 'apply'), ...hint(['escape'], 'cancel')]; break;
    case 'normal': {
      const shown = GLOBAL_KEYS.filter((b) => b.hint);
      const rank = (b: Binding) => GLOBAL_HINT_PRIORITY.indexOf(b.intent.type);
      const byPriority = [...shown].sort((a, b) => rank(a) - rank(b));
      const help = bindingHints(byPriority.slice(0, 1)).flat();
      const context = focus === 'map' ? (selected ? [...selectionHints(selected), hint(['hjkl'], 'move')] : selectionHints(undefined)) : bindingHints(PANEL_KEYS[focus]);
      const room = width - 1 - lineWidth(help);
      const own = fitting(context, room);
      // The other globals by priority while they fit, shown in the table's order.
      let left = room - lineWidth(own);
      const kept = new Set(byPriority.filter((b, i) => {
        const w = i === 0 ? 0 : lineWidth(bindingHints([b]).flat());
        if (w > left) { left = -1; return false; }
        left -= w;
        return true;
      }));
      return spread([seg(' '), ...own], bindingHints(shown.filter((b) => kept.has(b))).flat(), width);
    }
  }
  return fit([seg(' '), ...segs], width);
}
