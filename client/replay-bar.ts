import { keyHits } from './bars.js';
import { clock } from './format.js';
import type { Frame } from './frame.js';
import type { ReplayControls } from './session.js';
import { fit, seg, type Line } from './styled.js';

/** The footer of a replay: that it is one, the time shown, and its keys (the game's edit keys are refused). */
export function replayBar(controls: ReplayControls, width: number): Line {
  return fit([
    seg(' REPLAY ', 'warn'), seg(`${clock(controls.seconds())}${controls.paused() ? ' paused' : ''}  `, controls.paused() ? 'warn' : 'muted'),
    seg('Space', 'key'), seg(controls.paused() ? ' play  ' : ' pause  ', 'muted'),
    seg('Left', 'key'), seg('/', 'muted'), seg('Right', 'key'), seg(' seek  ', 'muted'),
    seg('q', 'key'), seg(' quit  read-only', 'muted'),
  ], width);
}

/** Puts the replay's footer in place of the game's own, with its clickable keys. */
export function withReplayBar(frame: Frame, controls: ReplayControls, width: number): void {
  const bottom = frame.boxes.find((b) => b.id === 'bottom');
  if (!bottom) return;
  const line = replayBar(controls, width);
  bottom.lines = [line];
  frame.hits = keyHits(line, bottom.top);
}
