import type { ActiveEvent } from './game-model.js';
import { clock } from './format.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Width of the countdown column, e.g. "1:05 left" and a space. */
const WHEN_WIDTH = 10;
/** Narrowest text column beside the countdown; below it the text goes under the countdown. */
const MIN_TEXT_WIDTH = 20;
/** Indent of an event's text under its countdown. */
const INDENT = 2;

/** Announced events, the soonest first, with countdowns to their start (or to their end, once running). */
export function eventsView(events: Iterable<ActiveEvent>, seconds: number, width: number, height: number): Line[] {
  const list = [...events].sort((a, b) => a.notice.at - b.notice.at);
  const lines: Line[] = [];
  if (!list.length) lines.push([seg('no events announced', 'muted')]);
  const beside = width - WHEN_WIDTH - INDENT >= MIN_TEXT_WIDTH;
  for (const e of list) {
    const running = e.phase === 'started';
    const when = running ? `${clock(e.notice.at + e.notice.duration - seconds)} left` : `in ${clock(e.notice.at - seconds)}`;
    const style = running ? 'bad' : 'warn';
    const head = [seg(running ? '# ' : '! ', style), seg(when.padEnd(WHEN_WIDTH), style)];
    if (beside) {
      wrapText(e.notice.text, width - WHEN_WIDTH - INDENT).forEach((t, i) => lines.push(i === 0 ? [...head, seg(t)] : [seg(' '.repeat(WHEN_WIDTH + INDENT)), seg(t)]));
    } else {
      lines.push(head, ...wrapText(e.notice.text, Math.max(1, width - INDENT)).map((t) => [seg(' '.repeat(INDENT)), seg(t)]));
    }
  }
  const shown = lines.slice(0, height).map((l) => fit(l, width));
  while (shown.length < height) shown.push(fit([], width));
  return shown;
}
