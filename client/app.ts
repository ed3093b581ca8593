import type { Level } from '../shared/level.js';
import { systemClock, type Clock } from './clock.js';
import { centred, type Frame } from './frame.js';
import { GameController } from './game-controller.js';
import { GameModel } from './game-model.js';
import { gameScreen, type GameScreen } from './game-screen.js';
import { levelPickerKey, levelPickerScreen, type PickerScreenState } from './level-picker.js';
import { PANELS } from './panels.js';
import { resultsKey, resultsScreen } from './results-view.js';
import type { GameSession } from './session.js';
import { fit, seg } from './styled.js';
import type { MouseClick, Tui } from './tui.js';

/** Shortest time between two frames: at most ten a second, for what the player does. */
export const FRAME_MS = 100;
/**
 * Shortest time between frames that only the game's progress asks for: numbers moving five times a
 * second read as live, and it halves the cost of watching.
 */
export const DATA_FRAME_MS = 200;
/** Below this size the screen only asks for a bigger terminal. */
const TINY_COLS = 40;
const TINY_ROWS = 12;

export interface AppOptions {
  tui: Tui;
  /** The levels of the picker, in curriculum order; asked for only when needed, so a game given at start draws first. */
  levels(): readonly Level[];
  /** Play this level at once instead of showing the picker. */
  start?: Level;
  newSession(level: Level): GameSession;
  completed(): ReadonlySet<string>;
  markPassed(levelId: string): void;
  /** Called once, after the terminal is restored. */
  exit(): void;
  clock?: Clock;
}

interface Playing {
  session: GameSession;
  model: GameModel;
  controller: GameController;
  screen?: GameScreen;
  unsubscribe: () => void;
}

type Screen = { type: 'picker'; state: PickerScreenState } | { type: 'game'; game: Playing };

/**
 * The client: the level picker, the game, the results; keys in, frames out. Draws only when something
 * changed, and never more often than FRAME_MS.
 */
export class App {
  private screen: Screen;
  private readonly clock: Clock;
  private lastFrameAt = Number.NEGATIVE_INFINITY;
  /** What was drawn last: clicks are read against it. */
  private lastFrame: Frame | undefined;
  private frameTimer: unknown;
  /** When the scheduled frame will be drawn. */
  private frameDue = 0;
  private dirty = false;
  private closed = false;
  /** Frames drawn, for the benchmark and the tests. */
  frames = 0;

  constructor(private readonly o: AppOptions) {
    this.clock = o.clock ?? systemClock;
    this.screen = { type: 'picker', state: { index: 0 } };
    o.tui.onKey((k) => this.key(k));
    o.tui.onResize(() => this.invalidate());
    o.tui.onClick((c) => this.click(c));
    if (o.start) this.play(o.start);
    else this.invalidate();
  }

  /**
   * Asks for a frame: at once if the last one is old enough, else as soon as it is. A key press
   * (`urgent`) waits at most FRAME_MS after the last frame, the game's progress DATA_FRAME_MS.
   */
  invalidate(urgent = true): void {
    this.dirty = true;
    if (this.closed) return;
    const due = this.lastFrameAt + (urgent ? FRAME_MS : DATA_FRAME_MS);
    if (this.frameTimer !== undefined) {
      if (due >= this.frameDue) return;
      this.clock.clearTimeout(this.frameTimer);
    }
    this.frameDue = due;
    this.frameTimer = this.clock.setTimeout(() => {
      this.frameTimer = undefined;
      if (this.dirty) this.render();
    }, Math.max(0, due - this.clock.now()));
  }

  /** Draws now. */
  render(): void {
    if (this.closed) return;
    this.dirty = false;
    this.lastFrameAt = this.clock.now();
    this.frames++;
    this.lastFrame = this.frame();
    this.o.tui.draw(this.lastFrame);
  }

  private frame(): Frame {
    const cols = this.o.tui.cols();
    const rows = this.o.tui.rows();
    if (cols < TINY_COLS || rows < TINY_ROWS) {
      return { boxes: [{ id: 'tiny', left: 0, top: 0, width: cols, height: rows, border: false, lines: [fit([seg(`nines needs at least 80x24 (now ${cols}x${rows})`, 'warn')], cols)] }] };
    }
    if (this.screen.type === 'picker') return levelPickerScreen(this.o.levels(), this.o.completed(), this.screen.state, cols, rows);
    const g = this.screen.game;
    if (g.model.results) return resultsScreen(g.model.level, g.model.results, this.nextLevel(g.model.level) !== undefined, cols, rows);
    g.screen = gameScreen(g.model, g.controller, cols, rows);
    return g.screen.frame;
  }

  private play(level: Level): void {
    this.leaveGame();
    const session = this.o.newSession(level);
    const model = new GameModel(level, session.room);
    const controller = new GameController(model, {
      send: (action) => { session.act(action); },
      quit: () => this.quit(),
    });
    const unsubscribe = session.subscribe((m) => {
      const outcome = model.apply(m);
      if (outcome) controller.outcome(outcome);
      else if (m.type === 'snapshot') controller.sync();
      if (m.type === 'results' && m.results.result.passed) this.o.markPassed(level.id);
      this.invalidate(m.type !== 'snapshot' && m.type !== 'leaderboard');
    });
    this.screen = { type: 'game', game: { session, model, controller, unsubscribe } };
    session.start();
    this.invalidate();
  }

  private leaveGame(): void {
    if (this.screen.type !== 'game') return;
    this.screen.game.unsubscribe();
    this.screen.game.session.close();
  }

  private nextLevel(level: Level): Level | undefined {
    const i = this.o.levels().findIndex((l) => l.id === level.id);
    return i >= 0 ? this.o.levels()[i + 1] : undefined;
  }

  key(key: string): void {
    if (this.closed) return;
    if (key === 'C-c') return this.quit();
    const s = this.screen;
    if (s.type === 'picker') {
      const r = levelPickerKey(this.o.levels(), s.state, key);
      if (r.type === 'quit') return this.quit();
      if (r.type === 'play') return this.play(r.level);
      this.screen = { type: 'picker', state: r.state };
    } else if (s.game.model.results) {
      const level = s.game.model.level;
      const next = this.nextLevel(level);
      const choice = resultsKey(key, next !== undefined);
      if (choice === 'quit') return this.quit();
      if (choice === 'again') return this.play(level);
      if (choice === 'next' && next) return this.play(next);
      if (choice === 'levels') {
        this.leaveGame();
        const index = Math.max(0, this.o.levels().findIndex((l) => l.id === level.id));
        this.screen = { type: 'picker', state: { index } };
      }
    } else {
      s.game.controller.key(key);
      if (this.closed) return;
    }
    this.invalidate();
  }

  private click(c: MouseClick): void {
    const hit = this.lastFrame?.hits?.find((h) => h.y === c.y && c.x >= h.x0 && c.x < h.x1);
    if (hit) return this.key(hit.key);
    if (this.screen.type !== 'game' || !this.screen.game.screen || this.screen.game.model.results) return;
    const { controller } = this.screen.game;
    const { layout, mapHits } = this.screen.game.screen;
    if (controller.mode.type !== 'normal' && controller.mode.type !== 'link') return;
    const cell = mapHits.find((h) => h.y === c.y && c.x >= h.x0 && c.x < h.x1);
    if (cell) {
      controller.focus = 'map';
      controller.moveTo(cell.cursor);
    } else {
      const panel = PANELS.find((p) => { const r = layout[p]; return c.x >= r.left && c.x < r.left + r.width && c.y >= r.top && c.y < r.top + r.height; });
      if (panel) controller.focus = panel;
    }
    this.invalidate();
  }

  quit(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.frameTimer !== undefined) this.clock.clearTimeout(this.frameTimer);
    this.leaveGame();
    this.o.tui.destroy();
    this.o.exit();
  }
}

