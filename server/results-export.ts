import { debrief } from '../shared/debrief.js';
import { DEFAULT_DIFFICULTY, type Difficulty } from '../shared/difficulty.js';
import { tieText } from '../shared/ranking.js';
import { FAILURE_REASONS, type FailureReason } from '../shared/reasons.js';
import { tidy } from '../shared/simulate.js';
import { toCsv, type CsvValue } from './csv.js';
import type { ResultsFile } from './results-file.js';

// Kept rounds as one row per player (or team): the numbers the server sent at the end of the round,
// and the debrief's headline, found by replaying each game's log.

export const EXPORT_FORMATS = ['csv', 'json', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportRow {
  room: string;
  round: number;
  level: string;
  rank: number;
  /** The player's name, or the team's. */
  name: string;
  /** A team's name; empty for a player alone. */
  team: string;
  /** The players who acted on the architecture. */
  members: string[];
  availability: number;
  /** Undefined in files kept without their level. */
  target: number | undefined;
  passed: boolean;
  score: number;
  stars: number;
  cost: number;
  budget: number | undefined;
  offered: number;
  good: number;
  failed: number;
  failedBy: Record<FailureReason, number>;
  actions: number | undefined;
  /** The component that failed first in the first incident: "app1 (app servers) in us-east". */
  firstFailure: string;
  reason: string;
  /** The first incident in a sentence. */
  debrief: string;
  /** False when the host ended the round early: scored on the part played, never passed. */
  complete: boolean;
  /** When the row ties the one above on availability and score, what ranked that one first: "tie: joined later". */
  tieBreak: string;
  /** The room's difficulty: the same for every row of a round. */
  difficulty: Difficulty;
}

/** Requests are counted whole; the simulation's fractions of a request are noise in a spreadsheet. */
function requests(x: number): number {
  return Math.round(x);
}

/** Money to the cent. */
function money(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The debrief the server kept, or else one worked out from the game's log (without what-ifs, which the headline does not need). */
function headline(file: ResultsFile, player: string): Pick<ExportRow, 'firstFailure' | 'reason' | 'debrief'> {
  const log = file.logs?.[player];
  const d = file.debriefs?.[player] ?? (file.level && log ? debrief(file.level, log, { whatIfs: 0 }) : undefined);
  if (!d) return { firstFailure: '', reason: '', debrief: '' };
  const culprit = d.incidents[0]?.culprit;
  return { firstFailure: culprit?.component ?? '', reason: culprit?.reason ?? '', debrief: d.headline };
}

export function exportRows(file: ResultsFile): ExportRow[] {
  return file.rows.map((row) => {
    const failedBy = Object.fromEntries(FAILURE_REASONS.map((r) => [r, requests(row.failed[r] ?? 0)])) as Record<FailureReason, number>;
    return {
      room: file.room, round: file.round, level: file.levelId, rank: row.rank, name: row.name, team: row.team ?? '',
      members: (row.members ?? [row.player]).map((id) => file.players?.[id] ?? id),
      availability: tidy(row.availability), target: file.level?.target, passed: row.passed, score: row.score, stars: row.stars,
      cost: money(row.cost), budget: file.level?.budget, offered: requests(row.offered), good: requests(row.good),
      failed: requests(Object.values(row.failed).reduce((a, b) => a + b, 0)), failedBy, actions: row.actions,
      ...headline(file, row.player), complete: row.complete ?? true, tieBreak: row.tie ? tieText(row.tie, row.finishedAt ?? 0) : '',
      difficulty: file.difficulty ?? DEFAULT_DIFFICULTY,
    };
  });
}

/** The CSV columns, in a stable order: renaming or reordering one breaks teachers' spreadsheets (new ones go last). */
const CSV_HEADER = [
  'room', 'round', 'level', 'rank', 'name', 'team', 'members', 'availability', 'target', 'passed', 'score', 'stars', 'cost', 'budget',
  'offered', 'good', 'failed', ...FAILURE_REASONS.map((r) => `failed_${r.replace(/-/g, '_')}`), 'actions', 'first_failure', 'reason', 'debrief',
  'complete', 'tie_break', 'difficulty',
];

/** Players in one cell. */
const MEMBER_SEPARATOR = '; ';

export function toCsvText(rows: readonly ExportRow[]): string {
  const opt = (x: number | undefined): CsvValue => x ?? '';
  return toCsv(CSV_HEADER, rows.map((r) => [
    r.room, r.round, r.level, r.rank, r.name, r.team, r.members.join(MEMBER_SEPARATOR), r.availability, opt(r.target), r.passed, r.score, r.stars,
    r.cost, opt(r.budget), r.offered, r.good, r.failed, ...FAILURE_REASONS.map((reason) => r.failedBy[reason]), opt(r.actions),
    r.firstFailure, r.reason, r.debrief, r.complete, r.tieBreak, r.difficulty,
  ]));
}

function toJsonText(rows: readonly ExportRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** A Markdown table cell: pipes and line breaks would end it. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function pct(x: number): string {
  return `${tidy(x * 100)}%`;
}

/** Per round: a table of the standings, then each player's debrief headline. */
function toMarkdown(rows: readonly ExportRow[]): string {
  const rounds = new Map<string, ExportRow[]>();
  for (const r of rows) {
    const key = `${r.room}-${r.round}`;
    rounds.set(key, [...(rounds.get(key) ?? []), r]);
  }
  const out: string[] = [];
  for (const [game, list] of rounds) {
    const first = list[0]!;
    const hardness = first.difficulty === DEFAULT_DIFFICULTY ? '' : `, ${first.difficulty}`;
    out.push(`## ${game}: ${first.level}${first.target === undefined ? '' : ` (target ${pct(first.target)}${hardness})`}`, '');
    out.push('| rank | name | players | availability | passed | score | stars | cost | failed | actions | first failure | tie-break |');
    out.push('|---:|---|---|---:|---|---:|---:|---:|---:|---:|---|---|');
    for (const r of list) {
      const passed = r.passed ? 'yes' : r.complete ? 'no' : 'no (ended early)';
      out.push(`| ${r.rank} | ${cell(r.name)} | ${cell(r.members.join(MEMBER_SEPARATOR))} | ${pct(r.availability)} | ${passed} | ${r.score} | ${r.stars} | ${r.cost} | ${r.failed} | ${r.actions ?? ''} | ${cell(r.firstFailure ? `${r.firstFailure}: ${r.reason}` : '')} | ${cell(r.tieBreak)} |`);
    }
    out.push('');
    const told = list.filter((r) => r.debrief);
    if (told.length) {
      out.push('Debrief:', '');
      for (const r of told) out.push(`- **${cell(r.name)}**: ${cell(r.debrief)}`);
      out.push('');
    }
  }
  return out.join('\n');
}

export function formatExport(rows: readonly ExportRow[], format: ExportFormat): string {
  switch (format) {
    case 'csv': return toCsvText(rows);
    case 'json': return toJsonText(rows);
    case 'md': return toMarkdown(rows);
  }
}
