import type { BoxSpec, Frame } from '../frame.js';
import { tieText } from '../../shared/ranking.js';
import { percent } from '../format.js';
import { seg, spread, type Line } from '../styled.js';
import { blockText, blockWidth } from './block-font.js';
import { roundClock, type DashboardData } from './dashboard-model.js';
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

/** Rows of the race chart box at least (legend and borders included), and its share of the screen below the head. */
const CHART_MIN_ROWS = 10;
const CHART_SHARE = 0.4;
/** Columns kept clear at the right edge: a glyph in a terminal's last column can wrap or be cut. */
const EDGE = 1;

/**
 * The projector view: for the class's screen. The room code in block letters with the leader's
 * availability in block digits beside it when both fit, the leaderboard in large print (a row a
 * player) and the availability race over the round as a chart that takes the room left. Pure.
 */
export function projectorFrame(data: DashboardData, cols: number, rows: number): Frame {
  const boxes: BoxSpec[] = [];
  const width = cols - EDGE;
  const code = blockWidth(data.code) <= width ? blockText(data.code) : [data.code];
  const leader = data.rows[0];
  const leaderText = leader ? percent(leader.availability, 2) : '';
  const leaderBig = leader && code.length > 1 && blockWidth(data.code) + 4 + blockWidth(leaderText) <= width ? blockText(leaderText) : [];
  const head: Line[] = code.map((l, i) => spread([seg(l, 'accent')], [seg(leaderBig[i] ?? '', 'ok')], width));
  const leaderWords = leader ? [seg(`  leader ${leader.name.toUpperCase()} `, 'ok'), seg(leaderBig.length ? '' : `${leaderText} `, 'ok')] : [];
  head.push(spread([seg(`room ${data.code}  `, 'accent'), seg(`${data.levelId}: ${data.title}`, 'title'), ...leaderWords], [seg(roundClock(data), 'muted')], width));
  boxes.push({ id: 'p-head', left: 0, top: 0, width: cols, height: head.length, border: false, lines: head });
  const iw = cols - 2;
  const board: Line[] = podiumLines(data, iw);
  for (const r of data.rows) {
    board.push(spread(
      [seg(` ${String(r.rank).padStart(3)}${r.tie ? '=' : '.'} `, 'title'), seg(r.name.toUpperCase(), r.rank === 1 ? 'ok' : 'title'), ...(r.connected ? [] : [seg('  (away)', 'warn')])],
      [...(r.tie ? [seg(`${tieText(r.tie, r.finishedAt ?? 0)}   `, 'muted')] : []), seg(`${percent(r.availability)}`, 'title'), seg(`   score ${String(r.score).padStart(5)} `, 'muted')],
      iw,
    ));
  }
  if (!board.length) board.push([seg(data.players.length ? ` ${data.players.length} player(s) in the lobby: ${data.players.map((p) => p.name).join(', ')}` : ' waiting for players', 'muted')]);
  const below = rows - head.length;
  const chartMin = Math.max(CHART_MIN_ROWS, Math.floor(below * CHART_SHARE));
  // The chart gets what the board does not need, and at least its share while there is room for both.
  const chartRows = below >= CHART_MIN_ROWS + 3 ? below - Math.min(board.length + 2, below - chartMin) : 0;
  boxes.push({ id: 'p-board', left: 0, top: head.length, width: cols, height: Math.max(0, below - chartRows), border: true, title: 'Leaderboard', lines: board });
  if (chartRows) {
    const series = data.rows.slice(0, 5).map((r) => ({ name: r.name, values: data.history[r.name] ?? [] }));
    boxes.push({ id: 'p-chart', left: 0, top: rows - chartRows, width: cols, height: chartRows, border: true, title: 'Availability race', lines: raceChart(series, iw, chartRows - 2) });
  }
  return { boxes };
}
