import { availabilityView } from './availability-view.js';
import { bottomBar, keyHits, topBar } from './bars.js';
import { formView } from './configure-form.js';
import { eventsView } from './events-view.js';
import { centred, inner, type BoxSpec, type Frame, type Rect } from './frame.js';
import type { GameController } from './game-controller.js';
import type { GameModel } from './game-model.js';
import { briefLines } from './brief-view.js';
import { allLevels, glossaryView } from './glossary-view.js';
import { helpView } from './help-view.js';
import { inspectorView } from './inspector-view.js';
import { GUIDE_ROWS } from './guide.js';
import { gameLayout, type GameLayout } from './layout.js';
import { leaderboardView } from './leaderboard-view.js';
import { logView } from './log-view.js';
import { nodeAt } from './map-layout.js';
import { mapView, type MapHit } from './map-view.js';
import { PANEL_TITLES, PANELS, panelNumber, type PanelId } from './panels.js';
import { pickerView } from './placement-picker.js';
import { fit, seg, type Line } from './styled.js';

/** Widest the help overlay gets. */
const HELP_WIDTH = 100;
/** Widest the picker, form and confirmation boxes get. */
const DIALOG_WIDTH = 56;
/** Choices of the palette listed above its input line. */
const PALETTE_CHOICES = 6;

export interface GameScreen {
  frame: Frame;
  layout: GameLayout;
  /** Map cells by screen position, for mouse clicks. */
  mapHits: MapHit[];
}

function panelLines(id: PanelId, model: GameModel, ctl: GameController, width: number, height: number, mapHits: MapHit[]): Line[] {
  const level = model.level;
  switch (id) {
    case 'map': {
      const grid = ctl.grid;
      const view = mapView({ level, state: model.state, grid, cursor: ctl.cursor, focused: ctl.focus === 'map', linkFrom: ctl.mode.type === 'link' ? ctl.mode.from : undefined }, width, height);
      mapHits.push(...view.hits);
      return view.lines;
    }
    case 'inspector': {
      // Until the first key, the brief of a level started from --level (the picker showed its lesson).
      if (ctl.briefing) return [[seg('Level brief', 'accent'), seg(' (b: all of it)', 'muted')], ...briefLines(level, width)];
      const grid = ctl.grid;
      const node = nodeAt(grid, ctl.cursor);
      const kind = grid.kinds[ctl.cursor.row];
      const region = grid.regions[ctl.cursor.col];
      return inspectorView({ level, state: model.state, node, slot: !node && kind && region ? { kind, region } : undefined, history: node ? model.history.get(node.id) : undefined, scroll: ctl.scroll.inspector }, width, height);
    }
    case 'availability':
      return availabilityView({ samples: model.samples, availability: model.availability, target: level.target, cost: model.cost, budget: level.budget }, width, height);
    case 'events':
      return eventsView(model.events.values(), model.seconds, width, height);
    case 'log':
      return logView(model.log, width, height, ctl.scroll.log);
    case 'leaderboard':
      return leaderboardView(model.leaderboard, width, height);
  }
}

function overlay(id: string, rect: Rect, title: string, lines: Line[]): BoxSpec {
  const size = inner(rect);
  const shown = lines.slice(0, size.height).map((l) => fit(l, size.width));
  while (shown.length < size.height) shown.push(fit([], size.width));
  return { id, ...rect, border: true, focused: true, title, lines: shown };
}

function overlays(model: GameModel, ctl: GameController, layout: GameLayout, cols: number, rows: number): BoxSpec[] {
  const mode = ctl.mode;
  switch (mode.type) {
    case 'picker': {
      const lines = pickerView(mode.picker, model.level, Math.min(DIALOG_WIDTH, cols) - 2);
      return [overlay('picker', centred(cols, rows, DIALOG_WIDTH, lines.length + 2), 'Place', lines)];
    }
    case 'form': {
      const lines = formView(mode.form, Math.min(DIALOG_WIDTH, cols) - 2);
      return [overlay('form', centred(cols, rows, DIALOG_WIDTH, lines.length + 2), 'Configure', lines)];
    }
    case 'confirm': {
      const lines: Line[] = [[seg(mode.question, 'warn')]];
      return [overlay('confirm', centred(cols, rows, Math.min(DIALOG_WIDTH, mode.question.length + 4), 3), 'Confirm', lines)];
    }
    case 'help': {
      const rect = centred(cols, rows, HELP_WIDTH, rows - 2);
      const size = inner(rect);
      return [overlay('help', rect, 'Help (Esc closes)', helpView(ctl.focus, model.level.allowed, mode.scroll, size.width, size.height))];
    }
    case 'glossary': {
      const rect = centred(cols, rows, HELP_WIDTH, rows - 2);
      const size = inner(rect);
      const title = mode.term === undefined ? 'Glossary (Esc closes)' : `Glossary: ${mode.term} (Esc closes; g for all)`;
      return [overlay('glossary', rect, title, glossaryView(allLevels(), mode.term, mode.scroll, size.width, size.height))];
    }
    case 'brief': {
      const rect = centred(cols, rows, HELP_WIDTH, rows - 2);
      const size = inner(rect);
      const all = briefLines(model.level, size.width);
      const top = Math.max(0, Math.min(mode.scroll, all.length - size.height));
      return [overlay('brief', rect, 'Level brief (Esc closes)', all.slice(top))];
    }
    case 'palette': {
      const choices = mode.choices.slice(0, PALETTE_CHOICES);
      const lines: Line[] = [];
      if (mode.error) lines.push([seg(mode.error, 'bad')]);
      else if (choices.length) lines.push([seg(choices.join('  '), 'muted')]);
      lines.push([seg(':', 'key'), seg(mode.text), seg(' ', 'cursor')]);
      const height = lines.length + 2;
      const rect = { left: 0, top: Math.max(0, layout.bottom.top - height), width: cols, height };
      return [overlay('palette', rect, 'Command', lines)];
    }
    case 'link':
    case 'normal':
      return [];
  }
}

/** The game screen for a size at a moment: bars, the six numbered panels, the player's message, any overlay. */
export function gameScreen(model: GameModel, ctl: GameController, cols: number, rows: number, now: number): GameScreen {
  const guide = ctl.guide?.shown ? ctl.guide : undefined;
  const layout = gameLayout(cols, rows, model.leaderboard.length, guide ? GUIDE_ROWS : 0);
  const mapHits: MapHit[] = [];
  const boxes: BoxSpec[] = [
    { id: 'top', ...layout.top, border: false, lines: [topBar(model, cols, now)] },
  ];
  if (guide) boxes.push({ id: 'guide', ...layout.guide, border: false, lines: guide.lines(cols) });
  for (const id of PANELS) {
    const rect = layout[id];
    const size = inner(rect);
    const lines = panelLines(id, model, ctl, size.width, size.height, mapHits);
    const focused = ctl.focus === id;
    // The message goes where the player is looking: the last line of the focused panel, a tip above it.
    let free = lines.length - 1;
    if (focused && ctl.flash && free >= 0) lines[free--] = fit([seg(ctl.flash.text, ctl.flash.style)], size.width);
    if (focused && ctl.tip && free >= 0) lines[free] = fit([seg('tip: ', 'key'), seg(ctl.tip.text, ctl.tip.style)], size.width);
    boxes.push({ id, ...rect, border: true, focused, title: `${panelNumber(id)} ${PANEL_TITLES[id]}`, lines });
  }
  const node = nodeAt(ctl.grid, ctl.cursor);
  const hints = bottomBar(ctl.focus, ctl.mode, cols, node ? { type: 'node', kind: node.kind } : ctl.grid.kinds[ctl.cursor.row] ? { type: 'slot' } : undefined);
  boxes.push({ id: 'bottom', ...layout.bottom, border: false, lines: [hints] });
  boxes.push(...overlays(model, ctl, layout, cols, rows));
  // Hits are relative to the map's content; make them screen positions.
  const offset = { x: layout.map.left + 1, y: layout.map.top + 1 };
  return { frame: { boxes, hits: keyHits(hints, layout.bottom.top) }, layout, mapHits: mapHits.map((h) => ({ ...h, y: h.y + offset.y, x0: h.x0 + offset.x, x1: h.x1 + offset.x })) };
}
