import type { BoxSpec, Frame } from '../frame.js';
import { percent } from '../format.js';
import { seg, spread, type Line } from '../styled.js';
import { blockText, blockWidth } from './block-font.js';
import type { DashboardData } from './dashboard-model.js';
import { raceChart } from './race-chart.js';

const PLACES = ['1st', '2nd', '3rd'];

/** Between rounds of a series: the top three of the cumulative totals (after the last level, the final podium). */
export function podiumLines(data: DashboardData, width: number): Line[] {
  const s = data.series;
  if (!s || !s.totals.length || data.phase === 'running' || data.phase === 'paused' || data.phase === 'countdown') return [];
  const title = s.played >= s.of ? `FINAL PODIUM after ${s.of} levels` : `PODIUM after level ${s.played} of ${s.of}`;
  const lines: Line[] = [[seg(` ${title}`, 'accent')]];
  for (const t of s.totals.slice(0, PLACES.length)) {
    lines.push(spread([seg(`   ${PLACES[t.rank - 1] ?? `${t.rank}th`}  `, 'title'), seg(t.name.toUpperCase(), t.rank === 1 ? 'ok' : 'title')], [seg(`${t.score} points in ${t.rounds} round(s) `, 'title')], width));
  }
  lines.push([]);
  return lines;
}

/** Rows of the availability race chart, legend included. */
const CHART_ROWS = 8;

/**
 * The projector view: for the class's screen. The room code in block letters, the whole leaderboard
 * in large print (a row and a gap a player, the leader's availability in block digits) and the
 * availability race over the round as a chart. Pure.
 */
export function projectorFrame(data: DashboardData, cols: number, rows: number): Frame {
  const boxes: BoxSpec[] = [];
  const code = blockWidth(data.code) <= cols ? blockText(data.code) : [data.code];
  const leader = data.rows[0];
  const leaderText = leader ? percent(leader.availability, 2) : '';
  const leaderBig = leader && blockWidth(data.code) + 4 + blockWidth(leaderText) <= cols ? blockText(leaderText) : [];
  const head: Line[] = code.map((l, i) => spread([seg(l, 'accent')], [seg(leaderBig[i] ?? '', 'ok')], cols));
  head.push(spread([seg(`room ${data.code}  `, 'accent'), seg(`${data.levelId}: ${data.title}`, 'title')], [seg(`${data.phase}  tick ${data.tick}`, 'muted')], cols));
  boxes.push({ id: 'p-head', left: 0, top: 0, width: cols, height: head.length, border: false, lines: head });
  const chartRows = rows - head.length >= CHART_ROWS + 6 ? CHART_ROWS + 2 : 0;
  const boardTop = head.length;
  const boardHeight = Math.max(0, rows - boardTop - chartRows);
  const iw = cols - 2;
  const board: Line[] = podiumLines(data, iw);
  for (const r of data.rows) {
    if (board.length) board.push([]);
    board.push(spread(
      [seg(` ${String(r.rank).padStart(2)}. `, 'title'), seg(r.name.toUpperCase(), r.rank === 1 ? 'ok' : 'title'), ...(r.connected ? [] : [seg('  (away)', 'warn')])],
      [seg(`${percent(r.availability)}`, 'title'), seg(`   score ${r.score} `, 'muted')],
      iw,
    ));
  }
  if (!board.length) board.push([seg(data.players.length ? ` ${data.players.length} player(s) in the lobby: ${data.players.map((p) => p.name).join(', ')}` : ' waiting for players', 'muted')]);
  boxes.push({ id: 'p-board', left: 0, top: boardTop, width: cols, height: boardHeight, border: true, title: 'Leaderboard', lines: board });
  if (chartRows) {
    const series = data.rows.slice(0, 5).map((r) => ({ name: r.name, values: data.history[r.name] ?? [] }));
    boxes.push({ id: 'p-chart', left: 0, top: rows - chartRows, width: cols, height: chartRows, border: true, title: 'Availability race', lines: raceChart(series, iw, chartRows - 2) });
  }
  return { boxes };
}
