import type { Level } from '../shared/level.js';
import { describeEvent } from '../shared/sim/index.js';
import { gameTime, money, percent } from './format.js';
import { seg, wrapText, type Line } from './styled.js';

// The level's brief: the goal in numbers, what will happen and when, and the lesson. Shown in the
// inspector when a level starts from `--level` (the picker shows the lesson before), and in full on `b`.

/** The goal in one sentence: target, duration, budget. */
function goalText(level: Level): string {
  return `keep availability at or above ${percent(level.target, 1)} for ${gameTime(level.durationSeconds)}, spending at most ${money(level.budget)}`;
}

/** The brief, wrapped to `width`: goal, timeline of events, lesson. */
export function briefLines(level: Level, width: number): Line[] {
  const wrap = (text: string, style?: 'muted' | 'warn') => wrapText(text, Math.max(10, width)).map((t) => [seg(t, style)]);
  const lines: Line[] = [[seg(level.title, 'title')], ...wrap(`Goal: ${goalText(level)}.`)];
  if (level.events.length) {
    lines.push([seg('What will happen:', 'title')]);
    for (const e of [...level.events].sort((a, b) => a.at - b.at)) lines.push(...wrap(`${gameTime(e.at)} ${describeEvent(e)}`, 'warn'));
  }
  if (level.description) lines.push([], ...wrap(level.description, 'muted'));
  return lines;
}
