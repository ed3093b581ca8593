import type { BoxSpec, Frame } from '../frame.js';
import { percent } from '../format.js';
import { fit, lineWidth, seg, spread, type Line } from '../styled.js';
import { blockText, blockWidth } from './block-font.js';
import { MAIN_KEYS, shownPlayers } from './dashboard-keys.js';
import { roundClock, type DashboardData, type DashPlayer, type DashUi } from './dashboard-model.js';
import { overlay } from './dashboard-overlays.js';
import { ORDER_WORDS, playerCounts, windowStart } from './player-list.js';
import { projectorFrame } from './projector-view.js';

/** Lines of the player box besides its rows: the counts, and where the window is with the list's keys. */
const LIST_CHROME = 2;
/** Keys the player list's last line names, which a narrow keys line leaves to it. */
const LIST_KEYS = new Set(['o', '/']);

/** The top line: what room this is and where its round stands (time left, not a tick number). */
function headerLine(data: DashboardData, width: number): Line {
  return spread(
    [seg(' nines host  ', 'title'), seg(`room ${data.code}  `, 'accent'), seg(`${data.levelId}: ${data.title}`)],
    [seg(`  ${roundClock(data)}`, data.phase === 'running' ? 'ok' : data.phase === 'paused' ? 'warn' : 'muted'), seg(' ')],
    width,
  );
}

/** The keys, spaced when they fit, else packed closer without the list's own keys (its last line names them). */
function keysLine(width: number): Line {
  const wide = MAIN_KEYS.flatMap(([k, what]) => [seg(` ${k}`, 'key'), seg(` ${what} `)]);
  if (lineWidth(wide) <= width) return fit(wide, width);
  return fit(MAIN_KEYS.filter(([k]) => !LIST_KEYS.has(k)).flatMap(([k, what]) => [seg(` ${k}`, 'key'), seg(` ${what}`)]), width);
}

export function playerLine(p: DashPlayer, width: number, selected: boolean): Line {
  return spread(
    [seg(selected ? '>' : ' ', 'selected'), seg(`${p.id} `, 'muted'), seg(p.name, selected ? 'selected' : 'normal'), ...(p.team ? [seg(` [${p.team}]`, 'accent')] : [])],
    [
      seg(p.connected ? ' connected' : ' away', p.connected ? 'ok' : 'warn'),
      seg(p.ready ? ' ready' : '      ', 'ok'),
      seg(p.availability === undefined ? '        -' : ` ${percent(p.availability).padStart(8)}`, 'title'),
      seg(' '),
    ],
    width,
  );
}

/** Rows of players the list shows in a terminal of `rows` rows: what PgUp and PgDn move. */
export function playerRows(data: Pick<DashboardData, 'code'>, cols: number, rows: number): number {
  return Math.max(1, rows - 1 - roomHeight(data, cols, rows) - 1 - 2 - LIST_CHROME);
}

function roomLines(data: Pick<DashboardData, 'code'> & Partial<Pick<DashboardData, 'join'>>, cols: number): Line[] {
  const big = blockWidth(data.code) + 2 <= cols - 2 ? blockText(data.code) : [data.code];
  return [...big.map((l) => [seg(` ${l}`, 'accent')]), [seg(' players join with: ', 'muted'), seg(data.join ?? '', 'title')]];
}

function roomHeight(data: Pick<DashboardData, 'code'>, cols: number, rows: number): number {
  return Math.min(rows - 2, roomLines(data, cols).length + 2);
}

/** The player box's lines: the counts, the window of the list around the selection, and where it is. */
function playerListLines(data: DashboardData, ui: DashUi, width: number, height: number): Line[] {
  const shown = shownPlayers(ui, data);
  const head: Line[] = [[seg(` ${playerCounts(data.players, data.spectators)}`, 'title')]];
  if (ui.mode === 'filter' || ui.filter !== '') head.push([seg(' find: ', 'muted'), seg(`${ui.filter}${ui.mode === 'filter' ? '_' : ''}`, 'accent'), seg(` (${shown.length} match)`, 'muted')]);
  if (!data.players.length) return [...head, [seg(' nobody yet: players join with the command above', 'muted')]];
  const room = Math.max(1, height - LIST_CHROME - (head.length - 1));
  const start = windowStart(ui.playerIndex, shown.length, room);
  const rows = shown.slice(start, start + room).map((p, i) => playerLine(p, width, ui.mode === 'main' && start + i === ui.playerIndex));
  if (!shown.length) rows.push([seg(` no player matches "${ui.filter}": Esc clears the filter`, 'warn')]);
  const lines = [...head, ...rows];
  const where = shown.length > room ? `${start + 1}-${start + rows.length} of ${shown.length}: Up/Dn PgUp/PgDn, ` : '';
  return [...lines, [seg(` ${where}`, 'muted'), seg('o', 'key'), seg(' order, ', 'muted'), seg('/', 'key'), seg(' find', 'muted')]];
}

/** The host's dashboard: the room code large, the join command, the players, the log, the keys. Pure. */
export function dashboardFrame(data: DashboardData, ui: DashUi, cols: number, rows: number): Frame {
  const over = overlay(data, ui, cols, rows, playerLine);
  if (ui.mode === 'projector' || ui.confirm?.from === 'projector') {
    const frame = projectorFrame(data, cols, rows);
    return over ? { boxes: [...frame.boxes, over] } : frame;
  }
  const boxes: BoxSpec[] = [];
  boxes.push({ id: 'header', left: 0, top: 0, width: cols, height: 1, border: false, lines: [headerLine(data, cols)] });
  const roomH = roomHeight(data, cols, rows);
  boxes.push({ id: 'room', left: 0, top: 1, width: cols, height: roomH, border: true, title: `Room ${data.code}`, lines: roomLines(data, cols) });
  const restTop = 1 + roomH;
  const restHeight = Math.max(0, rows - restTop - 1);
  const playersWidth = cols >= 100 ? Math.floor(cols * 0.55) : cols >= 70 ? Math.floor(cols * 0.6) : cols;
  const title = `Players by ${ORDER_WORDS[ui.order]}`;
  boxes.push({ id: 'players', left: 0, top: restTop, width: playersWidth, height: restHeight, border: true, title, lines: playerListLines(data, ui, playersWidth - 2, restHeight - 2) });
  if (playersWidth < cols) {
    const logHeight = Math.max(0, restHeight - 2);
    const log = data.log.slice(-logHeight).map((l) => [seg(l)]);
    boxes.push({ id: 'log', left: playersWidth, top: restTop, width: cols - playersWidth, height: restHeight, border: true, title: 'Log', lines: log });
  }
  boxes.push({ id: 'keys', left: 0, top: rows - 1, width: cols, height: 1, border: false, lines: [keysLine(cols)] });
  if (over) boxes.push(over);
  return { boxes };
}
