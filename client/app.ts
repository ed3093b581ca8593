import type { Level } from '../shared/level.js';
import { systemClock, type Clock } from './clock.js';
import type { Frame } from './frame.js';
import { GameController } from './game-controller.js';
import { GameModel } from './game-model.js';
import { Guide } from './guide.js';
import { withReplayBar } from './replay-bar.js';
import { gameScreen, type GameScreen } from './game-screen.js';
import type { BestResult } from './progress.js';
import { inPickerOrder } from './picker-rows.js';
import { levelPickerKey, levelPickerScreen, type PickerScreenState } from './level-picker.js';
import { lobbyKey, lobbyScreen, type LobbyInput } from './lobby-view.js';
import { PANELS } from './panels.js';
import { resultsKey, resultsScreen, resultsScrollKey, type AfterResults } from './results-view.js';
import type { ConnectionState, GameSession, RoomInfo, SessionMessage } from './session.js';
import { fit, seg } from './styled.js';
import type { MouseClick, Tui } from './tui.js';
import { RaceWatch } from './race-watch.js';
import { waitingScreen } from './waiting-view.js';
import { watchScreen } from './watch-view.js';
import type { TipStore } from './tips.js';

/** Shortest time between two frames: at most ten a second, for what the player does. */
export const FRAME_MS = 100;
/**
 * Shortest time between frames that only the game's progress asks for: numbers moving five times a
 * second read as live, and it halves the cost of watching.
 */
export const DATA_FRAME_MS = 200;
/**
 * How long a wait (a connection, a first snapshot) may last before the screen says so: a server on
 * this machine answers well within it, so solo play goes from the picker to the game with no flash
 * of a waiting screen in between.
 */
const WAIT_SCREEN_MS = 150;
/** Below this size the screen only asks for a bigger terminal. */
const TINY_COLS = 40;
const TINY_ROWS = 12;

/** Solo: a level picker, and a new room of one for each game. */
interface SoloMode {
  type: 'solo';
  /** The levels of the picker, in curriculum order; asked for only when needed, so a game given at start draws first. */
  levels(): readonly Level[];
  /** Play this level at once instead of showing the picker. */
  start?: Level;
  newSession(level: Level): GameSession;
  completed(): ReadonlySet<string>;
  /** Each level's best game, for the picker. */
  bests(): ReadonlyMap<string, BestResult>;
  /** Keeps a finished game: the level's best if it beats it, passed if it passed. */
  record(levelId: string, result: BestResult): void;
}

/** A room joined on a server: its lobby, its rounds, their results, for as long as the player stays. */
interface RoomMode {
  type: 'room';
  session: GameSession;
}

interface AppOptions {
  tui: Tui;
  mode: SoloMode | RoomMode;
  /** Called once, after the terminal is restored; with the reason when the room could not be joined. */
  exit(error?: string): void;
  clock?: Clock;
  /** Off: a level's guided steps (the tutorial) are not shown, and it is scored as any level (solo play only has them). */
  guide?: boolean;
  /** First-time tips; none without a store. */
  tips?: TipStore;
}

interface Round {
  model: GameModel;
  controller: GameController;
  screen?: GameScreen;
  /** A spectator's: the round's clock and the availability race, from the leaderboards. */
  watch?: RaceWatch;
  /** The results screen's first line shown, and how it scrolls, as last drawn. */
  results: { scroll: number; page: number; maxScroll: number };
}

/** A session and what it said that outlives a round. */
interface Playing {
  session: GameSession;
  unsubscribe: () => void;
  /** What the waiting screen says before a level comes. */
  joining: string;
  spectator: boolean;
  room: RoomInfo | undefined;
  connection: ConnectionState;
  detail: string | undefined;
  retryAt: number | undefined;
  notice: string | undefined;
  round: Round | undefined;
  /** The next round's game opens with the level's brief in the inspector (a level given at start). */
  brief: boolean;
}

type Screen = { type: 'picker'; state: PickerScreenState } | { type: 'session'; playing: Playing };
type SessionView = 'waiting' | 'lobby' | 'watch' | 'game' | 'results';

/**
 * The client: the level picker (solo), the lobby (a room), the game, the results; keys in, frames
 * out. Draws only when something changed, and never more often than FRAME_MS.
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
  /** A redraw the clock asks for (a countdown's next second, the end of a wait's grace). */
  private clockTimer: unknown;
  private clockDue = 0;
  /** Since when the screen has had nothing to show but a wait. */
  private waitingSince: number | undefined;
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
    const mode = o.mode;
    if (mode.type === 'room') this.attach(mode.session, `joining room ${mode.session.room} as ${mode.session.playerName}`);
    else if (mode.start) this.play(mode.start, true);
    else this.invalidate();
  }

  private get solo(): SoloMode | undefined {
    return this.o.mode.type === 'solo' ? this.o.mode : undefined;
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

  /** Draws now, unless there is only a wait to show and its grace is not over. */
  render(): void {
    if (this.closed) return;
    this.dirty = false;
    const frame = this.frame();
    if (!frame) return;
    this.lastFrameAt = this.clock.now();
    this.frames++;
    this.lastFrame = frame;
    this.o.tui.draw(frame);
  }

  /** Asks the clock for a redraw at `at`. */
  private redrawAt(at: number): void {
    if (this.clockTimer !== undefined) {
      if (this.clockDue <= at) return;
      this.clock.clearTimeout(this.clockTimer);
    }
    this.clockDue = at;
    this.clockTimer = this.clock.setTimeout(() => {
      this.clockTimer = undefined;
      this.invalidate(false);
    }, Math.max(0, at - this.clock.now()));
  }

  /** A countdown to `at` shown in whole seconds: redraw when the number changes. */
  private countdown(at: number | undefined): void {
    const left = at === undefined ? 0 : at - this.clock.now();
    if (left > 0) this.redrawAt(at! - (Math.ceil(left / 1000) - 1) * 1000);
  }

  private frame(): Frame | undefined {
    const cols = this.o.tui.cols();
    const rows = this.o.tui.rows();
    if (cols < TINY_COLS || rows < TINY_ROWS) {
      return { boxes: [{ id: 'tiny', left: 0, top: 0, width: cols, height: rows, border: false, lines: [fit([seg(`nines needs at least 80x24 (now ${cols}x${rows})`, 'warn')], cols)] }] };
    }
    if (this.screen.type === 'picker') {
      this.waitingSince = undefined;
      const solo = this.solo!;
      return levelPickerScreen(solo.levels(), { completed: solo.completed(), bests: solo.bests() }, this.screen.state, cols, rows);
    }
    const p = this.screen.playing;
    const now = this.clock.now();
    this.countdown(p.retryAt);
    const view = this.view(p);
    if (view !== 'waiting') this.waitingSince = undefined;
    const r = p.round;
    switch (view) {
      case 'waiting': {
        this.waitingSince ??= now;
        const shownAt = this.waitingSince + WAIT_SCREEN_MS;
        if (now < shownAt) {
          this.redrawAt(shownAt);
          return undefined;
        }
        const what = r ? `${r.model.level.title}: waiting for the game to begin` : p.joining;
        return waitingScreen({ room: p.session.room, what, connection: p.connection, detail: p.detail, retryAt: p.retryAt, now }, cols, rows);
      }
      case 'lobby':
        if (p.room?.phase === 'countdown') this.countdown(p.room.startsAt);
        return lobbyScreen(this.lobbyInput(p, r!), cols, rows);
      case 'watch': {
        const input = this.lobbyInput(p, r!);
        return watchScreen({ ...input, room: input.room.code, phase: input.room.phase, watch: r!.watch!, events: r!.model.events.values(), leaderboard: r!.model.leaderboard }, cols, rows);
      }
      case 'results': {
        const level = r!.model.level;
        const down = p.connection !== 'connected' && p.detail ? { down: p.detail } : {};
        const after: AfterResults = this.solo ? { type: 'solo', hasNext: this.nextLevel(level) !== undefined } : p.session.replayControls ? { type: 'replay' } : { type: 'room', ...down };
        const frame = resultsScreen(level, r!.model.results!, after, cols, rows, r!.model.debrief, r!.results.scroll, r!.controller.guide?.verdict());
        r!.results = { scroll: frame.scroll, page: frame.page, maxScroll: frame.maxScroll };
        return frame;
      }
      case 'game':
        r!.screen = gameScreen(r!.model, r!.controller, cols, rows, now);
        if (p.session.replayControls) withReplayBar(r!.screen.frame, p.session.replayControls, cols);
        return r!.screen.frame;
    }
  }

  /** Which screen a session shows: solo play has no lobby; a spectator watches the round once it runs. */
  private view(p: Playing): SessionView {
    const r = p.round;
    if (!r) return 'waiting';
    if (r.model.results) return 'results';
    const phase = p.room?.phase ?? 'lobby';
    if (!this.solo && (phase === 'lobby' || phase === 'countdown')) return 'lobby';
    if (p.spectator) return 'watch';
    return r.model.state ? 'game' : 'waiting';
  }

  private lobbyInput(p: Playing, r: Round): LobbyInput {
    const level = r.model.level;
    const room = p.room ?? { code: p.session.room, levelId: level.id, title: level.title, phase: 'lobby', players: [], spectators: 0 };
    // While the connection is down, why it is matters more than the server's last word.
    const notice = p.connection !== 'connected' && p.detail ? p.detail : p.notice;
    return { room, level, spectator: p.spectator, connection: p.connection, retryAt: p.retryAt, notice, now: this.clock.now() };
  }

  /** `brief`: the level was given at start, so the picker did not show its lesson; the game does. */
  private play(level: Level, brief = false): void {
    this.attach(this.solo!.newSession(level), `starting ${level.title}`, brief);
  }

  private attach(session: GameSession, joining: string, brief = false): void {
    this.leaveGame();
    const p: Playing = {
      session, joining, unsubscribe: () => {}, spectator: false, room: undefined,
      connection: 'connecting', detail: undefined, retryAt: undefined, notice: undefined, round: undefined, brief,
    };
    p.unsubscribe = session.subscribe((m) => this.message(p, m));
    this.screen = { type: 'session', playing: p };
    session.start();
    this.invalidate();
  }

  private newRound(p: Playing, level: Level): Round {
    const model = new GameModel(level, p.session.room);
    model.apply({ type: 'connection', state: p.connection, detail: p.detail, retryAt: p.retryAt });
    const pause = p.session.pause?.bind(p.session);
    const controller = new GameController(model, {
      send: (action) => { p.session.act(action); },
      quit: () => this.quit(),
      ...(this.solo && pause ? { pause } : {}),
      ...(this.o.tips ? { tips: this.o.tips } : {}),
    });
    // Solo only: in a room the server's ranking is the verdict, the same for everyone.
    controller.guide = Guide.of(level, this.solo !== undefined && (this.o.guide ?? true));
    controller.briefing = p.brief;
    p.brief = false;
    return { model, controller, results: { scroll: 0, page: 1, maxScroll: 0 } };
  }

  private message(p: Playing, m: SessionMessage): void {
    switch (m.type) {
      case 'level':
        p.spectator = m.spectator;
        p.notice = undefined;
        p.round = this.newRound(p, m.level);
        if (m.spectator) p.round.watch = new RaceWatch();
        break;
      case 'room':
        p.room = m.room;
        break;
      case 'connection':
        p.connection = m.state;
        p.detail = m.detail;
        p.retryAt = m.retryAt;
        // Closed before any level came: the room could not be joined, and there is nothing to show.
        if (m.state === 'closed' && !p.round) return this.quit(m.detail ?? 'the connection closed');
        if (m.state === 'closed' && m.detail) p.round?.controller.say(`disconnected: ${m.detail}`, 'bad');
        break;
      case 'notice':
        p.notice = m.text;
        p.round?.controller.say(m.text, 'bad');
        break;
      case 'results':
        // A round ended early is scored but never a pass, nor a level's best game; a tutorial is passed by doing its steps, not only by the numbers.
        if (p.round && m.results.result.complete !== false) {
          const stepsMissed = p.round.controller.guide?.verdict().type === 'missed';
          this.solo?.record(p.round.model.level.id, stepsMissed ? { ...m.results.result, passed: false, stars: 0 } : m.results.result);
        }
        break;
      case 'leaderboard':
        p.round?.watch?.leaderboard(m.entries, m.tick);
        break;
      default:
        break;
    }
    const r = p.round;
    if (r && m.type !== 'level') {
      const outcome = r.model.apply(m);
      if (outcome) r.controller.outcome(outcome);
      else if (m.type === 'snapshot') r.controller.sync();
      // An overlay opened before the game ran holds it once it does.
      if (m.type === 'room') r.controller.holdWhileReading();
    }
    this.invalidate(m.type !== 'snapshot' && m.type !== 'leaderboard');
  }

  private leaveGame(): void {
    if (this.screen.type !== 'session') return;
    this.screen.playing.unsubscribe();
    this.screen.playing.session.close();
  }

  private nextLevel(level: Level): Level | undefined {
    // The next one down the picker, chapter by chapter.
    const levels = inPickerOrder(this.solo?.levels() ?? []);
    const i = levels.findIndex((l) => l.id === level.id);
    return i >= 0 ? levels[i + 1] : undefined;
  }

  key(key: string): void {
    if (this.closed) return;
    if (key === 'C-c') return this.quit();
    const s = this.screen;
    if (s.type === 'picker') {
      const solo = this.solo!;
      const r = levelPickerKey(solo.levels(), s.state, key);
      if (r.type === 'quit') return this.quit();
      if (r.type === 'play') return this.play(r.level);
      this.screen = { type: 'picker', state: r.state };
    } else {
      const p = s.playing;
      switch (this.view(p)) {
        case 'waiting':
          if (key === 'q') return this.quit();
          break;
        case 'watch':
          if (key === 'q') return this.quit();
          break;
        case 'lobby': {
          const input = this.lobbyInput(p, p.round!);
          const choice = lobbyKey(key, input);
          if (choice === 'quit') return this.quit();
          if (choice === 'ready') p.session.ready(!input.room.players.find((x) => x.you)?.ready);
          break;
        }
        case 'results': {
          const view = p.round!.results;
          const scroll = resultsScrollKey(key, view.scroll, view.page, view.maxScroll);
          if (scroll !== undefined) view.scroll = scroll;
          else if (this.resultsKey(p.round!.model.level, key)) return;
          break;
        }
        case 'game':
          if (p.session.replayControls?.key(key)) break;
          p.round!.controller.key(key);
          if (this.closed) return;
          break;
      }
    }
    this.invalidate();
  }

  /** Returns whether the key left the results (another screen was set up, or the app quit). */
  private resultsKey(level: Level, key: string): boolean {
    const solo = this.solo;
    if (!solo) {
      // In a room the host decides what comes next; the player may only leave.
      if (key !== 'q') return false;
      this.quit();
      return true;
    }
    const next = this.nextLevel(level);
    const choice = resultsKey(key, next !== undefined);
    if (choice === 'quit') this.quit();
    else if (choice === 'again') this.play(level);
    else if (choice === 'next' && next) this.play(next);
    else if (choice === 'levels') {
      this.leaveGame();
      this.screen = { type: 'picker', state: { index: Math.max(0, inPickerOrder(solo.levels()).findIndex((l) => l.id === level.id)) } };
      this.invalidate();
    } else return false;
    return true;
  }

  private click(c: MouseClick): void {
    if (c.wheel) {
      // The wheel scrolls the results; elsewhere it does nothing (every panel scrolls by keys).
      if (this.screen.type === 'session' && this.view(this.screen.playing) === 'results') this.key(c.wheel === 'up' ? 'wheelup' : 'wheeldown');
      return;
    }
    const hit = this.lastFrame?.hits?.find((h) => h.y === c.y && c.x >= h.x0 && c.x < h.x1);
    if (hit) return this.key(hit.key);
    if (this.screen.type !== 'session' || this.view(this.screen.playing) !== 'game') return;
    const round = this.screen.playing.round!;
    if (!round.screen) return;
    const { controller } = round;
    controller.briefing = false;
    const { layout, mapHits } = round.screen;
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

  /** Leaves: the session closed, the terminal restored; `error` says why when the room could not be joined. */
  quit(error?: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.frameTimer !== undefined) this.clock.clearTimeout(this.frameTimer);
    if (this.clockTimer !== undefined) this.clock.clearTimeout(this.clockTimer);
    this.leaveGame();
    this.o.tui.destroy();
    this.o.exit(error);
  }
}
