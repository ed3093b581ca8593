import { advanceGuide, type GuideFacts, type GuideStep } from '../shared/guide.js';
import type { Level } from '../shared/level.js';
import { fit, seg, type Line } from './styled.js';

/** Rows the guide takes under the top bar while it runs: the step, and the hint. */
export const GUIDE_ROWS = 2;
/** The key that skips the guide (`:skip` does the same). */
export const SKIP_KEY = 'S';

/** How a guided game ended, for the results: every step done, skipped, or the first step not done. */
export type GuideVerdict =
  | { type: 'done'; steps: number }
  | { type: 'skipped' }
  | { type: 'missed'; step: number; steps: number; do: string };

/**
 * A level's guided steps as one player follows them: which step is current, and whether the player
 * skipped the guide. The goals are checked by the shared rules, from the state and the UI facts.
 */
export class Guide {
  /** Steps done so far, in order. */
  done = 0;
  skipped = false;

  constructor(readonly steps: readonly GuideStep[]) {}

  /** A level's guide, or none when it has no steps or the player asked to play without it. */
  static of(level: Level, enabled: boolean): Guide | undefined {
    return enabled && level.guide?.length ? new Guide(level.guide) : undefined;
  }

  get active(): boolean {
    return !this.skipped && this.done < this.steps.length;
  }

  /** Whether the guide shows on the game screen: running, or finished but not skipped. */
  get shown(): boolean {
    return !this.skipped;
  }

  /** Moves on past every step whose goal holds now; returns the steps just done. */
  update(facts: GuideFacts): GuideStep[] {
    if (!this.active) return [];
    const before = this.done;
    this.done = advanceGuide(this.steps, this.done, facts);
    return this.steps.slice(before, this.done);
  }

  skip(): void {
    this.skipped = true;
  }

  verdict(): GuideVerdict {
    if (this.skipped) return { type: 'skipped' };
    if (this.done >= this.steps.length) return { type: 'done', steps: this.steps.length };
    return { type: 'missed', step: this.done + 1, steps: this.steps.length, do: this.steps[this.done]!.do };
  }

  /** The guide's two lines: the step to do (or that all are done), and where to look. */
  lines(width: number): Line[] {
    const n = this.steps.length;
    if (this.done >= n) {
      return [
        fit([seg(' Tutorial ', 'title'), seg(`all ${n} steps done: `, 'ok'), seg('keep the service up until the end')], width),
        fit([seg(' the results will say how it went; n then plays the next level', 'muted')], width),
      ];
    }
    const step = this.steps[this.done]!;
    return [
      fit([seg(` Step ${this.done + 1}/${n} `, 'title'), seg(step.do, 'accent'), seg(`  ${SKIP_KEY} skips`, 'muted')], width),
      fit([seg(' hint: ', 'muted'), seg(step.hint)], width),
    ];
  }
}

/** The results' line about the guide: why a tutorial was not passed, or that it was followed. */
export function guideVerdictText(v: GuideVerdict): { text: string; ok: boolean } {
  switch (v.type) {
    case 'done': return { text: `all ${v.steps} steps done`, ok: true };
    case 'skipped': return { text: 'guide skipped: scored as any level', ok: true };
    case 'missed': return { text: `not passed: step ${v.step} of ${v.steps} was not done (${v.do})`, ok: false };
  }
}
