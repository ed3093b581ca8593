import type { Level } from '../shared/level.js';
import type { Phase } from '../shared/protocol.js';
import { connectionLabel } from './bars.js';
import { raceChart } from './dashboard/race-chart.js';
import { eventsView } from './events-view.js';
import { clock, percent } from './format.js';
import { inner, type BoxSpec, type Frame } from './frame.js';
import type { ActiveEvent } from './game-model.js';
import { leaderboardView } from './leaderboard-view.js';
import type { RaceWatch } from './race-watch.js';
import type { ConnectionState, LeaderboardEntry } from './session.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Rows of the race chart's box at least, and its share of the screen. */
const RACE_MIN_ROWS = 9;
const RACE_SHARE = 0.45;
/** Share of the width the standings take beside the events. */
const STANDINGS_SHARE = 0.55;
/** Rows the race chart draws: the leaders. */
const RACE_SERIES = 5;

export interface WatchInput {
  room: string;
  level: Level;
  phase: Phase;
  watch: RaceWatch;
  events: Iterable<ActiveEvent>;
  leaderboard: readonly LeaderboardEntry[];
  connection: ConnectionState;
  retryAt: number | undefined;
  /** Why the connection is down, or the server's last word. */
  notice: string | undefined;
  /** On the session's clock. */
  now: number;
}

/** Where the round stands: time left, paused, or over. */
function roundClock(input: WatchInput): Line {
  const left = clock(input.level.durationSeconds - (input.watch.tick * input.level.tickMs) / 1000);
  if (input.phase === 'paused') return [seg('paused', 'warn'), seg(`, ${left} left`, 'muted')];
  if (input.phase === 'ended') return [seg('over', 'muted')];
  return [seg(left), seg(' left', 'muted')];
}

/**
 * A spectator's view of a round: the clock, the standings, the events announced and running, and the
 * availability race of the leaders. Pure.
 */
export function watchScreen(input: WatchInput, cols: number, rows: number): Frame {
  const sep = seg(' \u2502 ', 'muted');
  const top: Line = [
    seg(' nines', 'title'), sep, seg('room ', 'muted'), seg(input.room), sep, seg('watching', 'accent'), sep, seg(input.level.title), sep,
    ...roundClock(input), sep, connectionLabel(input.connection, input.retryAt, input.now),
  ];
  const notice = input.notice ? wrapText(input.notice, cols - 2).map((t) => [seg(` ${t}`, 'bad')]) : [];
  const bodyTop = 1 + notice.length;
  const body = Math.max(0, rows - bodyTop - 1);
  const raceRows = Math.min(body, Math.max(RACE_MIN_ROWS, Math.round(rows * RACE_SHARE)));
  const upper = body - raceRows;
  const boardWidth = Math.round(cols * STANDINGS_SHARE);
  const seconds = (input.watch.tick * input.level.tickMs) / 1000;
  const board = { left: 0, top: bodyTop, width: boardWidth, height: upper };
  const events = { left: boardWidth, top: bodyTop, width: cols - boardWidth, height: upper };
  const race = { left: 0, top: bodyTop + upper, width: cols, height: raceRows };
  const leaders = [...input.leaderboard].sort((a, b) => a.rank - b.rank).slice(0, RACE_SERIES);
  const series = leaders.map((e) => ({ name: e.name, values: input.watch.history[e.name] ?? [] }));
  const target = `target ${percent(input.level.target, 1)}`;
  const boxes: BoxSpec[] = [
    { id: 'top', left: 0, top: 0, width: cols, height: 1, border: false, lines: [fit(top, cols)] },
    ...(notice.length ? [{ id: 'notice', left: 0, top: 1, width: cols, height: notice.length, border: false, lines: notice }] : []),
    { id: 'standings', ...board, border: true, title: `${input.phase === 'ended' ? 'Final standings' : 'Standings'} (${input.leaderboard.length}), ${target}`, lines: leaderboardView(input.leaderboard, inner(board).width, inner(board).height) },
    { id: 'events', ...events, border: true, title: 'Events', lines: eventsView(input.events, seconds, inner(events).width, inner(events).height) },
    { id: 'race', ...race, border: true, title: 'Availability race', lines: raceChart(series, inner(race).width, inner(race).height) },
    { id: 'bottom', left: 0, top: rows - 1, width: cols, height: 1, border: false, lines: [fit([seg(' '), seg('q', 'key'), seg(' quit', 'muted')], cols)] },
  ];
  return { boxes };
}
