import type { Flash } from './game-controller.js';
import type { GameModel } from './game-model.js';
import type { Guide } from './guide.js';
import type { Style } from './styled.js';
import { TIPS, type TipId, type TipStore } from './tips.js';

/** Game seconds a first-time tip stays in sight (the log keeps it). */
const TIP_SECONDS = 15;
/** Failed requests, over the game, that make the first failure worth a tip. */
const FIRST_FAILURE_MIN = 1;

/** What the screen shows of the player, which the guide's goals read. */
export interface UiFacts {
  selected: string | undefined;
  inspecting: boolean;
}

/**
 * The game screen's teaching: the level's guided steps (the tutorial) and the first-time tips. It
 * writes to the log and the tip line; the controller feeds it the player's keys and the UI facts.
 */
export class Coach {
  /** A first-time tip, shown above the message line. */
  tip: Flash | undefined;
  /** The level's guided steps, unless the player plays without them. */
  guide: Guide | undefined;

  constructor(private readonly model: GameModel, private readonly tips: TipStore | undefined, private readonly say: (text: string, style: Style) => void) {}

  /** After the state or the screen changed: tips for what is met first, and the guide's next steps. */
  sync(ui: UiFacts): void {
    if (this.tip && this.model.seconds >= this.tip.until) this.tip = undefined;
    const s = this.model.state;
    if (s && s.totals.failed.reduce((a, b) => a + b, 0) >= FIRST_FAILURE_MIN) this.showTip('first-failure');
    if (this.model.events.size > 0) this.showTip('first-event');
    this.checkGuide(ui);
  }

  /** Shows a tip the first time ever the player meets what it explains, unless tips are off. */
  showTip(id: TipId): void {
    const tips = this.tips;
    if (!tips?.enabled() || tips.seen(id)) return;
    tips.markSeen(id);
    this.tip = { text: TIPS[id], style: 'accent', until: this.model.seconds + TIP_SECONDS };
    this.model.addLog(`tip: ${TIPS[id]} (T: tips off)`, 'accent');
  }

  /** `T` and `:tips [on|off]`: the setting is kept for the next games. */
  toggleTips(on?: boolean): void {
    const tips = this.tips;
    if (!tips) return this.say('no tips here', 'warn');
    const next = on ?? !tips.enabled();
    tips.setEnabled(next);
    if (!next) this.tip = undefined;
    this.say(next ? 'tips on: each shows the first time you meet its subject' : 'tips off (T or :tips on brings them back)', 'muted');
  }

  /** Moves the guide on past the steps whose goals hold, from the state and what the screen shows. */
  private checkGuide(ui: UiFacts): void {
    const guide = this.guide;
    const state = this.model.state;
    if (!guide?.active || !state) return;
    const before = guide.done;
    const steps = guide.update({ state, tickSeconds: this.model.level.tickMs / 1000, target: this.model.level.target, ...ui }).length;
    for (let i = 0; i < steps; i++) this.model.addLog(`step ${before + i + 1} of ${guide.steps.length} done`, 'ok');
    if (before < guide.done && !guide.active) this.model.addLog(`tutorial: all ${guide.steps.length} steps done`, 'ok');
  }

  /** `S` and `:skip`. */
  skipGuide(): void {
    if (!this.guide?.shown) return this.say('this level has no guide to skip', 'warn');
    this.guide.skip();
    this.model.addLog('guide skipped: the level plays as any other', 'warn');
    this.say('guide skipped: the level plays as any other', 'muted');
  }
}
