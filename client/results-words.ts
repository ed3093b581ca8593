import type { Debrief, WhatIf } from '../shared/debrief/schema.js';
import type { Level } from '../shared/level.js';
import { MAX_STARS, missedStars, type MissedStar } from '../shared/scoring.js';
import { gameTime, money, percent, wholePercent } from './format.js';
import type { GameResults } from './session.js';
import { seg, type Line } from './styled.js';

// The verdict and the stars of a results screen in words: what a player reads first.

/** Whether the round played the level's whole duration (results kept before the field was sent were whole). */
function endedEarly(r: GameResults): boolean {
  return !r.result.complete;
}

export function verdict(level: Level, r: GameResults): Line {
  const res = r.result;
  if (endedEarly(r)) {
    const at = r.endTick === undefined ? '' : ` at ${gameTime((r.endTick * level.tickMs) / 1000)} of ${gameTime(level.durationSeconds)}`;
    return [seg('- ENDED EARLY, not scored as a pass', 'warn'), seg(`: the host ended the round${at}; the part played is scored`)];
  }
  if (res.passed) return [seg('+ PASSED', 'ok')];
  const why: string[] = [];
  if (res.cost > level.budget) why.push(`cost ${money(res.cost)} is over the ${money(level.budget)} budget`);
  if (res.availability < level.target || !why.length) why.push(`availability ${percent(res.availability)} is below the ${percent(level.target, 1)} target`);
  return [seg('x FAILED', 'bad'), seg(`: ${why.join('; ')}`)];
}

/** A share of the budget as a whole percentage, with a decimal when whole would read as the threshold itself. */
function budgetShare(actual: number, needed: number): string {
  return wholePercent(actual) === wholePercent(needed) ? `${(Math.floor(actual * 1000) / 10).toFixed(1)}%` : wholePercent(actual);
}

/** "thrift: cost 76% of budget; 75% needed". */
function missedWords(m: MissedStar, r: GameResults, level: Level): string {
  switch (m.star) {
    case 'pass':
      if (endedEarly(r)) return 'no stars: a round ended early is not passed';
      return r.result.availability < level.target
        ? `no stars without a pass: availability ${percent(m.actual)}; ${percent(m.needed, 1)} needed`
        : `no stars without a pass: cost ${wholePercent(r.result.cost / level.budget)} of budget; 100% at most`;
    case 'thrift': return `thrift missed: cost ${budgetShare(m.actual, m.needed)} of budget; ${wholePercent(m.needed)} needed`;
    case 'care': return `care missed: availability ${percent(m.actual)}; ${percent(m.needed)} needed`;
  }
}

/** The stars earned, and each one missed with what it needed: "[**-] 2 of 3: thrift missed: cost 76% of budget; 75% needed". */
export function starsText(level: Level, r: GameResults): { stars: string; missed: string } {
  const res = r.result;
  const stars = `[${'*'.repeat(res.stars)}${'-'.repeat(MAX_STARS - res.stars)}] ${res.stars} of ${MAX_STARS}`;
  return { stars, missed: missedStars(res, level.target, level.budget).map((m) => missedWords(m, r, level)).join('; ') };
}

/** The what-if to show first: one that passes, else the highest availability. */
export function bestWhatIf(d: Debrief): WhatIf | undefined {
  return [...d.whatIfs].sort((a, b) => Number(b.passed) - Number(a.passed) || b.availability - a.availability)[0];
}
