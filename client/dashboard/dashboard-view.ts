import type { BoxSpec, Frame } from '../frame.js';
import { percent } from '../format.js';
import { fit, seg, spread, type Line } from '../styled.js';
import { blockText, blockWidth } from './block-font.js';
import { MAIN_KEYS, type DashboardData, type DashPlayer, type DashUi } from './dashboard-model.js';
import { FIRE_PRESETS } from './fire-presets.js';
import { fireTargetOf } from './dashboard-model.js';
import { projectorFrame } from './projector-view.js';

/** The top line: what room this is and where its round stands. */
export function headerLine(data: DashboardData, width: number): Line {
  return spread(
    [seg(' nines host  ', 'title'), seg(`room ${data.code}  `, 'accent'), seg(`${data.levelId}: ${data.title}`)],
    [seg(`${data.phase}`, data.phase === 'running' ? 'ok' : data.phase === 'paused' ? 'warn' : 'muted'), seg(`  tick ${data.tick} `, 'muted')],
    width,
  );
}

function keysLine(width: number): Line {
  return fit(MAIN_KEYS.flatMap(([k, what]) => [seg(` ${k}`, 'key'), seg(` ${what} `)]), width);
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

function overlay(data: DashboardData, ui: DashUi, cols: number, rows: number): BoxSpec | undefined {
  const box = (title: string, lines: Line[], width: number): BoxSpec => {
    const w = Math.min(cols, width + 2);
    const h = Math.min(rows, lines.length + 2);
    return { id: 'overlay', left: Math.floor((cols - w) / 2), top: Math.floor((rows - h) / 2), width: w, height: h, border: true, focused: true, title, lines };
  };
  if (ui.mode === 'fire') {
    const lines = FIRE_PRESETS.map((p, i) => [seg(i === ui.fireIndex ? '> ' : '  ', 'selected'), seg(p.label, i === ui.fireIndex ? 'selected' : 'normal')]);
    const target = fireTargetOf(ui, data);
    lines.push([seg('at ', 'muted'), seg(target ? `${target.name} (${target.id}) only` : 'everyone', 'selected')]);
    lines.push([seg('Up/Down pick  Tab whom  Enter fire now  Esc cancel', 'muted')]);
    return box('Fire an event', lines, 58);
  }
  if (ui.mode === 'kick') {
    // A window of the list around the selection, for a class bigger than the screen.
    const room = Math.max(1, rows - 3);
    const start = Math.max(0, Math.min(ui.playerIndex - Math.floor(room / 2), data.players.length - room));
    const lines = data.players.slice(start, start + room).map((p, i) => playerLine(p, 50, start + i === ui.playerIndex));
    lines.push([seg('Up/Down pick  Enter kick...  Esc cancel', 'muted')]);
    return box('Kick a player', lines, 50);
  }
  if (ui.mode === 'confirm-kick') {
    const p = data.players.find((x) => x.id === ui.kickTarget);
    return box('Kick', [[seg(`Kick ${p?.name ?? ui.kickTarget} (${ui.kickTarget}) for good? `), seg('y', 'key'), seg(' yes, any other key: no')]], 50);
  }
  return undefined;
}

/** The host's dashboard: the room code large, the join command, the players, the log, the keys. Pure. */
export function dashboardFrame(data: DashboardData, ui: DashUi, cols: number, rows: number): Frame {
  if (ui.mode === 'projector') return projectorFrame(data, cols, rows);
  const boxes: BoxSpec[] = [];
  boxes.push({ id: 'header', left: 0, top: 0, width: cols, height: 1, border: false, lines: [headerLine(data, cols)] });
  const big = blockWidth(data.code) + 2 <= cols - 2 ? blockText(data.code) : [data.code];
  const roomLines: Line[] = [...big.map((l) => [seg(` ${l}`, 'accent')]), [seg(' players join with: ', 'muted'), seg(data.join, 'title')]];
  const roomHeight = Math.min(rows - 2, roomLines.length + 2);
  boxes.push({ id: 'room', left: 0, top: 1, width: cols, height: roomHeight, border: true, title: `Room ${data.code}`, lines: roomLines });
  const restTop = 1 + roomHeight;
  const restHeight = Math.max(0, rows - restTop - 1);
  const playersWidth = cols >= 100 ? Math.floor(cols * 0.55) : cols >= 70 ? Math.floor(cols * 0.6) : cols;
  const pw = playersWidth - 2;
  const fits = Math.max(0, restHeight - 2);
  const shown = data.players.length > fits ? data.players.slice(0, Math.max(0, fits - 1)) : data.players;
  const playerLines = data.players.length ? shown.map((p) => playerLine(p, pw, false)) : [[seg(' nobody yet: players join with the command above', 'muted')]];
  if (shown.length < data.players.length) playerLines.push([seg(` and ${data.players.length - shown.length} more (k lists them all)`, 'muted')]);
  boxes.push({ id: 'players', left: 0, top: restTop, width: playersWidth, height: restHeight, border: true, title: `Players (${data.players.length})`, lines: playerLines });
  if (playersWidth < cols) {
    const logHeight = Math.max(0, restHeight - 2);
    const log = data.log.slice(-logHeight).map((l) => [seg(l)]);
    boxes.push({ id: 'log', left: playersWidth, top: restTop, width: cols - playersWidth, height: restHeight, border: true, title: 'Log', lines: log });
  }
  boxes.push({ id: 'keys', left: 0, top: rows - 1, width: cols, height: 1, border: false, lines: [keysLine(cols)] });
  const over = overlay(data, ui, cols, rows);
  if (over) boxes.push(over);
  return { boxes };
}

