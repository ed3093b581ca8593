import type { Level } from '../shared/level.js';
import { DEFAULT_DIFFICULTY, difficultyText } from '../shared/difficulty.js';
import { connectionLabel, keyHits } from './bars.js';
import { clock, money, percent } from './format.js';
import { between, BARS, centred, type Frame } from './frame.js';
import type { ConnectionState, RoomInfo } from './session.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** Widest the room box gets. */
const LOBBY_WIDTH = 80;
/** Lines of the level's lesson kept however short the terminal. */
const MIN_LESSON_LINES = 2;
/** Label column width. */
const LABEL = 10;

export interface LobbyInput {
  room: RoomInfo;
  level: Level;
  /** A spectator waits here for the round, which it then watches (watch-view.ts). */
  spectator: boolean;
  connection: ConnectionState;
  retryAt: number | undefined;
  /** The server's last word about no action (a refused ready...). */
  notice: string | undefined;
  /** On the session's clock, for the countdowns. */
  now: number;
}

type LobbyChoice = 'ready' | 'quit';

/** r (or space) toggles ready, for a seated player in the lobby; q quits (there is no game to lose). */
export function lobbyKey(key: string, input: LobbyInput): LobbyChoice | undefined {
  if (key === 'q' || key === 'C-c') return 'quit';
  if ((key === 'r' || key === ' ' || key === 'space') && !input.spectator && input.room.phase === 'lobby') return 'ready';
  return undefined;
}

const field = (label: string, ...rest: Line): Line => [seg(label.padEnd(LABEL), 'muted'), ...rest];

/** What everyone waits for, in words. */
function status(input: LobbyInput): Line {
  const { room } = input;
  const me = room.players.find((p) => p.you);
  switch (room.phase) {
    case 'lobby':
      if (input.spectator) return [seg('waiting for the host to start', 'warn')];
      return [seg('waiting for the host to start', 'warn'), seg(me?.ready ? ' - you are ready' : ' - press r when you are ready', 'muted')];
    case 'countdown':
      return [seg(`starting in ${clock(Math.max(0, (room.startsAt ?? input.now) - input.now) / 1000)}`, 'ok')];
    case 'running': return [seg(`the round is on: ${room.players.length} playing`, 'ok')];
    case 'paused': return [seg('the host paused the round', 'warn')];
    case 'ended': return [seg('the round is over: the final standings', 'muted')];
  }
}

/** Players and whether each is ready. */
function peopleLines(input: LobbyInput): Line[] {
  const { room } = input;
  if (!room.players.length) return [field('Players', seg('nobody yet', 'muted'))];
  return room.players.map((p, i) => field(
    i === 0 ? 'Players' : '',
    seg(p.ready ? '[x] ' : '[ ] ', p.ready ? 'ok' : 'muted'),
    seg(p.name, p.you ? 'accent' : 'normal'),
    ...(p.you ? [seg(' (you)', 'accent')] : []),
    ...(p.connected ? [] : [seg(' ~away', 'warn')]),
  ));
}

/**
 * The room before the round: its code, the level, the players and
 * whether each is ready, what everyone waits for, the countdown.
 */
export function lobbyScreen(input: LobbyInput, cols: number, rows: number): Frame {
  const { room, level } = input;
  const width = Math.min(cols, LOBBY_WIDTH) - 2;
  const tail: Line[] = [
    // Like the room code, the key is to hand on: teammates join with it.
    ...(room.team ? [field('Team', seg(room.team.name), seg('  key ', 'muted'), seg(room.team.key, 'accent'), seg('  teammates join with --team-key', 'muted'))] : []),
    field('Watching', seg(`${room.spectators}${input.spectator ? ' (you among them)' : ''}`, 'muted')),
    [],
    field('', ...status(input)),
    // Wrapped, not cut: why the connection is down is worth all its words.
    ...(input.notice ? wrapText(input.notice, width - LABEL).map((t) => field('', seg(t, 'bad'))) : []),
  ];
  const people = peopleLines(input);
  const facts = `${clock(level.durationSeconds)}, target ${percent(level.target, 1)}, budget $${money(level.budget)}`;
  // The round's facts follow the title when both fit, else they take the next line: never cut.
  const levelLines: Line[] = level.title.length + 2 + facts.length <= width - LABEL
    ? [field('Level', seg(level.title, 'title'), seg(`  ${facts}`, 'muted'))]
    : [field('Level', seg(level.title, 'title')), field('', seg(facts, 'muted'))];
  // The same for everyone in the room: said before the round so nobody is surprised by it.
  levelLines.push(field('', seg('difficulty ', 'muted'), seg(room.difficulty ?? DEFAULT_DIFFICULTY, room.difficulty === 'hard' ? 'warn' : 'normal'), seg(`: ${difficultyText(room.difficulty ?? DEFAULT_DIFFICULTY)}`, 'muted')));
  // Rows inside the box besides the level's line(s), a blank and what to do; the lesson gives way first, then the list.
  const free = Math.max(2, rows - BARS - 2 - 1 - levelLines.length - tail.length);
  const lessonRows = Math.max(MIN_LESSON_LINES, free - people.length);
  const lesson = wrapText(level.description, width - LABEL);
  const head: Line[] = [
    ...levelLines,
    ...(lesson.length > lessonRows ? [...lesson.slice(0, lessonRows - 1), `${lesson[lessonRows - 1]!.slice(0, width - LABEL - 3)}...`] : lesson).map((t) => field('', seg(t, 'muted'))),
    [],
  ];
  const roomForPeople = Math.max(1, free - (head.length - levelLines.length - 1));
  const shown = people.length > roomForPeople ? [...people.slice(0, roomForPeople - 1), field('', seg(`and ${people.length - roomForPeople + 1} more`, 'muted'))] : people;
  const lines = [...head, ...shown, ...tail].map((l) => fit(l, width));
  const rect = between(centred(cols, rows - BARS, LOBBY_WIDTH, lines.length + 2));
  const hints: Line = [
    seg(' '),
    ...(!input.spectator && room.phase === 'lobby' ? [seg('r', 'key'), seg(' ready / not ready  ', 'muted')] : []),
    seg('q', 'key'), seg(' quit', 'muted'),
  ];
  const top: Line = [
    seg(' nines', 'title'), seg(' \u2502 room ', 'muted'), seg(room.code), seg(' \u2502 ', 'muted'), seg(input.spectator ? 'watching' : room.phase),
    seg(' \u2502 ', 'muted'), connectionLabel(input.connection, input.retryAt, input.now),
  ];
  return {
    boxes: [
      { id: 'top', left: 0, top: 0, width: cols, height: 1, border: false, lines: [fit(top, cols)] },
      { id: 'lobby', ...rect, border: true, focused: true, title: `Room ${room.code}`, lines },
      { id: 'bottom', left: 0, top: rows - 1, width: cols, height: 1, border: false, lines: [fit(hints, cols)] },
    ],
    hits: keyHits(hints, rows - 1),
  };
}
