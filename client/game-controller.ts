import type { Action } from '../shared/action.js';
import { LINKABLE } from '../shared/catalog.js';
import { describeAction } from './action-text.js';
import { Coach } from './coach.js';
import type { Guide } from './guide.js';
import type { TipStore } from './tips.js';
import { formKey, openForm, type FormState } from './configure-form.js';
import type { GameModel, Outcome } from './game-model.js';
import { resolveKey, type Intent } from './keymap.js';
import { clampCursor, cursorOn, mapGrid, moveCursor, nodeAt, type MapCursor, type MapGrid } from './map-layout.js';
import { CommandHistory, complete, parseCommand } from './palette.js';
import { PANELS, type PanelId } from './panels.js';
import { openPicker, pickerKey, type PickerState } from './placement-picker.js';
import type { Style } from './styled.js';

/** Game seconds a message stays in sight. */
const FLASH_SECONDS = 6;

export type Mode =
  | { type: 'normal' }
  | { type: 'picker'; picker: PickerState }
  | { type: 'link'; from: string; unlink: boolean }
  | { type: 'confirm'; question: string; then: Action | 'quit' }
  | { type: 'palette'; text: string; choices: string[]; error?: string }
  | { type: 'help'; scroll: number }
  | { type: 'brief'; scroll: number }
  | { type: 'glossary'; scroll: number; term?: string }
  | { type: 'form'; form: FormState };

export interface Flash {
  text: string;
  style: Style;
  /** Game second it goes away. */
  until: number;
}

interface ControllerEffects {
  send(action: Action): void;
  quit(): void;
  /** Pauses or resumes the game: solo play only (in a room the host does). */
  pause?(paused: boolean): void;
  /** First-time tips: whether they show, and which the player has seen. */
  tips?: TipStore;
}

/**
 * What the player is doing on the game screen, and what each key does to it: focus, the map cursor,
 * the modal modes (picker, link, confirm, palette, help, form). No terminal here: it takes key names
 * and session outcomes and calls `send` and `quit`.
 */
export class GameController {
  focus: PanelId = 'map';
  cursor: MapCursor = { row: 0, col: 0, slot: 0 };
  mode: Mode = { type: 'normal' };
  scroll: Record<'inspector' | 'log', number> = { inspector: 0, log: 0 };
  flash: Flash | undefined;
  /** The guided steps and the first-time tips. */
  private readonly coach: Coach;
  readonly history = new CommandHistory();
  /** The node the cursor follows when the map changes around it. */
  private selectedId: string | undefined;
  /** After a placement is acked, the cursor moves onto the new node. */
  private followPlacement = false;
  /** The level's brief shows in the inspector until the first key (a level started from `--level`). */
  briefing = false;
  /** Who paused a solo game: the player (space), or an overlay that resumes it when it closes. */
  private pausedBy: 'player' | 'overlay' | undefined;

  constructor(private readonly model: GameModel, private readonly effects: ControllerEffects) {
    this.coach = new Coach(model, effects.tips, (text, style) => this.say(text, style));
    this.sync();
  }

  /** A first-time tip, shown above the message line. */
  get tip(): Flash | undefined {
    return this.coach.tip;
  }

  /** The level's guided steps (the tutorial), unless the player plays without them. */
  get guide(): Guide | undefined {
    return this.coach.guide;
  }

  set guide(guide: Guide | undefined) {
    this.coach.guide = guide;
  }

  get grid(): MapGrid {
    return mapGrid(this.model.level, this.model.state);
  }

  /** Puts the cursor back on its node (or inside the grid) after the state changed. */
  sync(): void {
    const grid = this.grid;
    if (this.followPlacement && this.model.state) {
      const newest = [...this.model.state.nodes].sort((a, b) => b.seq - a.seq)[0];
      if (newest) this.selectedId = newest.id;
      this.followPlacement = false;
    }
    const on = this.selectedId === undefined ? undefined : cursorOn(grid, this.selectedId);
    this.cursor = on ?? clampCursor(grid, this.cursor);
    this.selectedId = nodeAt(grid, this.cursor)?.id;
    if (this.flash && this.model.seconds >= this.flash.until) this.flash = undefined;
    this.coach.sync({ selected: this.selectedId, inspecting: this.focus === 'inspector' });
  }

  /** Puts the cursor on a cell (a click on the map). */
  moveTo(cursor: MapCursor): void {
    this.cursor = clampCursor(this.grid, cursor);
    this.selectedId = nodeAt(this.grid, this.cursor)?.id;
    this.scroll.inspector = 0;
  }

  say(text: string, style: Style): void {
    this.flash = { text, style, until: this.model.seconds + FLASH_SECONDS };
  }

  /** The answer to one of the player's actions, shown where the player is looking. */
  outcome(o: Outcome): void {
    if (o.ok) {
      this.say(`done: ${describeAction(o.action)}`, 'ok');
      if (o.action.type === 'place') this.followPlacement = true;
    } else {
      this.say(`refused: ${o.message}`, 'bad');
      this.coach.showTip('first-refusal');
    }
    this.sync();
  }

  key(key: string): void {
    this.handleKey(key);
    // What the player looks at is part of the guide's goals (select a node, read the inspector).
    if (this.guide?.active) this.sync();
  }

  private handleKey(key: string): void {
    if (key === 'C-c') return this.effects.quit();
    this.briefing = false;
    switch (this.mode.type) {
      case 'picker': return this.pickerKey(this.mode.picker, key);
      case 'confirm': return this.confirmKey(this.mode.then, key);
      case 'palette': return this.paletteKey(this.mode, key);
      case 'help': return this.helpKey(this.mode.scroll, key);
      case 'glossary': return this.glossaryKey(this.mode, key);
      case 'brief': return this.briefKey(this.mode.scroll, key);
      case 'form': return this.formKey(this.mode.form, key);
      case 'link': if (this.linkKey(this.mode, key)) return; break;
      case 'normal': break;
    }
    const intent = resolveKey(this.focus, key);
    if (intent) this.run(intent);
  }

  private selected() {
    return nodeAt(this.grid, this.cursor);
  }

  private act(action: Action): void {
    this.effects.send(action);
  }

  private run(intent: Intent): void {
    const node = this.selected();
    switch (intent.type) {
      case 'move':
        this.cursor = moveCursor(this.grid, this.cursor, intent.dir);
        this.selectedId = nodeAt(this.grid, this.cursor)?.id;
        this.scroll.inspector = 0;
        return;
      case 'focus': this.focus = intent.panel; return;
      case 'focus-next': this.focus = PANELS[(PANELS.indexOf(this.focus) + 1) % PANELS.length]!; return;
      case 'focus-prev': this.focus = PANELS[(PANELS.indexOf(this.focus) + PANELS.length - 1) % PANELS.length]!; return;
      case 'select':
        if (node) this.focus = 'inspector';
        else this.openPicker(true);
        return;
      case 'place': return this.openPicker(false);
      case 'link':
      case 'unlink':
        if (!node) return this.say(`move the cursor onto the node that makes the call, then press ${intent.type === 'link' ? 'c' : 'x'}`, 'warn');
        this.mode = { type: 'link', from: node.id, unlink: intent.type === 'unlink' };
        return this.say(`${intent.type} ${node.id} to...: move to the other node, Enter (${node.kind} calls ${LINKABLE[node.kind].join(', ') || 'nothing'}; Esc cancels)`, 'accent');
      case 'scale': return node ? this.act({ type: 'scale', node: node.id, by: intent.by }) : this.needNode('scale');
      case 'upgrade': return node ? this.act({ type: 'upgrade', node: node.id }) : this.needNode('upgrade');
      case 'promote': return node ? this.act({ type: 'promote', node: node.id }) : this.needNode('promote');
      case 'remove':
        if (!node) return this.needNode('remove');
        this.mode = { type: 'confirm', question: `remove ${node.id} and its links? (y/n)`, then: { type: 'remove', node: node.id } };
        return;
      case 'configure': {
        if (!node) return this.needNode('configure');
        const form = openForm(node);
        if (!form) return this.say(`${node.kind} has no settings`, 'warn');
        this.mode = { type: 'form', form };
        return;
      }
      case 'scroll':
        if (this.focus === 'inspector') this.scroll.inspector = Math.max(0, this.scroll.inspector + intent.by);
        if (this.focus === 'log') this.scroll.log = Math.max(0, this.scroll.log - intent.by);
        return;
      case 'palette':
        this.history.reset();
        this.mode = { type: 'palette', text: '', choices: [] };
        return;
      case 'help': return this.openOverlay({ type: 'help', scroll: 0 });
      case 'brief': return this.openOverlay({ type: 'brief', scroll: 0 });
      case 'glossary': return this.openOverlay({ type: 'glossary', scroll: 0 });
      case 'pause': return this.togglePause();
      case 'skip-guide': return this.coach.skipGuide();
      case 'tips': return this.coach.toggleTips();
      case 'back':
        this.flash = undefined;
        this.focus = 'map';
        return;
      case 'quit': return this.askQuit();
      case 'exit': return this.effects.quit();
    }
  }

  private needNode(what: string): void {
    this.say(`move the cursor onto a node to ${what} it`, 'warn');
  }

  private askQuit(): void {
    if (this.model.results) return this.effects.quit();
    this.mode = { type: 'confirm', question: 'quit this game? (y/n)', then: 'quit' };
  }

  private openPicker(fromSlot: boolean): void {
    const grid = this.grid;
    const region = grid.regions[this.cursor.col];
    if (region === undefined) return;
    this.mode = { type: 'picker', picker: openPicker(this.model.level, region, fromSlot ? grid.kinds[this.cursor.row] : undefined) };
  }

  private pickerKey(picker: PickerState, key: string): void {
    const r = pickerKey(picker, key);
    if (!r.done) { this.mode = { type: 'picker', picker: r.state }; return; }
    this.mode = { type: 'normal' };
    if (r.kind) this.act({ type: 'place', kind: r.kind, region: picker.region });
  }

  private confirmKey(then: Action | 'quit', key: string): void {
    if (key === 'y' || key === 'Y' || key === 'enter') {
      this.mode = { type: 'normal' };
      if (then === 'quit') this.effects.quit();
      else this.act(then);
    } else if (key === 'n' || key === 'N' || key === 'escape' || key === 'q') {
      this.mode = { type: 'normal' };
    }
  }

  /** Returns whether the key was the link mode's own. */
  private linkKey(mode: { from: string; unlink: boolean }, key: string): boolean {
    if (key === 'escape') {
      this.mode = { type: 'normal' };
      this.say('link cancelled', 'muted');
      return true;
    }
    if (key !== 'enter' && key !== (mode.unlink ? 'x' : 'c')) return false;
    const to = this.selected();
    if (!to) { this.say('move the cursor onto the node to call', 'warn'); return true; }
    this.mode = { type: 'normal' };
    this.act({ type: mode.unlink ? 'unlink' : 'link', from: mode.from, to: to.id });
    return true;
  }

  private paletteKey(mode: { text: string; choices: string[] }, key: string): void {
    const ctx = { level: this.model.level, state: this.model.state };
    switch (key) {
      case 'escape': this.mode = { type: 'normal' }; return;
      case 'tab': {
        const c = complete(mode.text, ctx);
        this.mode = { type: 'palette', text: c.text, choices: c.choices };
        return;
      }
      case 'up': this.mode = { type: 'palette', text: this.history.previous() ?? mode.text, choices: [] }; return;
      case 'down': this.mode = { type: 'palette', text: this.history.next(), choices: [] }; return;
      case 'backspace': this.mode = { type: 'palette', text: mode.text.slice(0, -1), choices: [] }; return;
      case 'C-u': this.mode = { type: 'palette', text: '', choices: [] }; return;
      case 'enter': {
        const parsed = parseCommand(mode.text, ctx);
        if (!parsed.ok) { this.mode = { type: 'palette', text: mode.text, choices: [], error: parsed.message }; return; }
        this.history.add(mode.text.trim());
        this.mode = { type: 'normal' };
        if ('action' in parsed) this.act(parsed.action);
        else if (parsed.command === 'help') this.openOverlay({ type: 'help', scroll: 0 });
        else if (parsed.command === 'glossary') this.openOverlay(parsed.term === undefined ? { type: 'glossary', scroll: 0 } : { type: 'glossary', scroll: 0, term: parsed.term });
        else if (parsed.command === 'skip') this.coach.skipGuide();
        else if (parsed.command === 'tips') this.coach.toggleTips(parsed.on);
        else this.askQuit();
        return;
      }
      default:
        if (key === 'space') key = ' ';
        if (key.length === 1) this.mode = { type: 'palette', text: mode.text + key, choices: [] };
    }
  }

  /** Help, the brief or the glossary: a solo game waits while the player reads. */
  private openOverlay(mode: Extract<Mode, { type: 'help' | 'brief' | 'glossary' }>): void {
    this.mode = mode;
    this.holdWhileReading();
  }

  /** Pauses a running solo game while an overlay is open; called again when the game starts under one. */
  holdWhileReading(): void {
    if ((this.mode.type === 'help' || this.mode.type === 'brief' || this.mode.type === 'glossary') && this.effects.pause && this.model.phase === 'running' && !this.pausedBy) {
      this.pausedBy = 'overlay';
      this.effects.pause(true);
    }
  }

  private closeOverlay(): void {
    this.mode = { type: 'normal' };
    if (this.pausedBy !== 'overlay') return;
    this.pausedBy = undefined;
    this.effects.pause?.(false);
  }

  private togglePause(): void {
    if (!this.effects.pause) return this.say('only the host pauses a room game', 'warn');
    if (this.model.phase === 'paused') {
      this.pausedBy = undefined;
      this.effects.pause(false);
      return this.say('the game goes on', 'muted');
    }
    if (this.model.phase !== 'running') return;
    this.pausedBy = 'player';
    this.effects.pause(true);
    this.say('paused: Space goes on', 'warn');
  }

  /** Keys of a scrolling overlay: a new scroll, 'close', or undefined for a key it ignores. */
  private overlayKey(scroll: number, key: string, closers: readonly string[]): number | 'close' | undefined {
    if (closers.includes(key)) return 'close';
    if (key === 'down' || key === 'j') return scroll + 1;
    if (key === 'up' || key === 'k') return Math.max(0, scroll - 1);
    if (key === 'pagedown' || key === 'space' || key === ' ') return scroll + 10;
    if (key === 'pageup') return Math.max(0, scroll - 10);
    return undefined;
  }

  private helpKey(scroll: number, key: string): void {
    const r = this.overlayKey(scroll, key, ['escape', '?', 'q', 'enter', 'f1']);
    if (r === 'close') this.closeOverlay();
    else if (r !== undefined) this.mode = { type: 'help', scroll: r };
  }

  private briefKey(scroll: number, key: string): void {
    const r = this.overlayKey(scroll, key, ['escape', 'b', 'q', 'enter']);
    if (r === 'close') this.closeOverlay();
    else if (r !== undefined) this.mode = { type: 'brief', scroll: r };
  }

  private glossaryKey(mode: Extract<Mode, { type: 'glossary' }>, key: string): void {
    const r = this.overlayKey(mode.scroll, key, ['escape', 'g', 'q', 'enter']);
    if (r === 'close') this.closeOverlay();
    else if (r !== undefined) this.mode = { ...mode, scroll: r };
  }

  private formKey(form: FormState, key: string): void {
    const r = formKey(form, key);
    if (!r.done) { this.mode = { type: 'form', form: r.state }; return; }
    this.mode = { type: 'normal' };
    if (r.action) this.act(r.action);
  }
}
