import { connectionLabel } from './bars.js';
import { between, BARS, centred, type Frame } from './frame.js';
import type { ConnectionState } from './session.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Widest the box gets. */
const WAITING_WIDTH = 72;

interface WaitingInput {
  room: string;
  /** What is being waited for, in words. */
  what: string;
  connection: ConnectionState;
  detail: string | undefined;
  retryAt: number | undefined;
  /** On the session's clock. */
  now: number;
}

/** While there is nothing to play or watch yet: what is awaited, and the connection's state. */
export function waitingScreen(input: WaitingInput, cols: number, rows: number): Frame {
  const width = Math.min(cols, WAITING_WIDTH) - 2;
  const lines: Line[] = [
    [seg(input.what)],
    [],
    [connectionLabel(input.connection, input.retryAt, input.now)],
    ...(input.detail ? wrapText(input.detail, width).map((t) => [seg(t, 'muted')]) : []),
  ];
  const rect = between(centred(cols, rows - BARS, WAITING_WIDTH, lines.length + 2));
  const hints: Line = [seg(' '), seg('q', 'key'), seg(' quit', 'muted')];
  return {
    boxes: [
      { id: 'top', left: 0, top: 0, width: cols, height: 1, border: false, lines: [fit([seg(' nines', 'title'), seg(' \u2502 room ', 'muted'), seg(input.room)], cols)] },
      { id: 'waiting', ...rect, border: true, focused: true, title: `Room ${input.room}`, lines: lines.map((l) => fit(l, width)) },
      { id: 'bottom', left: 0, top: rows - 1, width: cols, height: 1, border: false, lines: [fit(hints, cols)] },
    ],
  };
}
