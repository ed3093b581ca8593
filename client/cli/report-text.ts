import type { Level } from '../../shared/level.js';
import { FAILURE_REASONS, type FailureReason } from '../../shared/reasons.js';
import { SCORE_FORMULA } from '../../shared/scoring.js';
import type { SimulationReport, TimelineEntry } from '../../shared/simulate.js';
import { amount, money, ms, percent, rate, wholePercent } from './format.js';
import { renderTable } from './text-table.js';

/** Nodes named per failure reason: the few that matter, not a census. */
const TOP_NODES = 3;
/** The most stars a level awards. */
const MAX_STARS = 3;
/** Width of the label column of the summary. */
const LABEL_WIDTH = 14;

const field = (label: string, text: string) => `${label.padEnd(LABEL_WIDTH)}${text}`;
const indent = (line: string) => `${' '.repeat(LABEL_WIDTH)}${line}`;

function verdict(level: Level, report: SimulationReport): string {
  const r = report.result;
  if (r.passed) return 'PASSED';
  const why: string[] = [];
  if (r.cost > level.budget) why.push(`cost ${money(r.cost)} is over the ${money(level.budget)} budget`);
  // Within budget, availability is the reason, even when the rounded figure reaches the target.
  if (r.availability < level.target || !why.length) why.push(`availability ${percent(r.availability)} is below the ${percent(level.target)} target`);
  return `FAILED: ${why.join('; ')}`;
}

/** The nodes that failed the most requests for a reason, biggest first. */
function blamed(report: SimulationReport, reason: FailureReason): string {
  const nodes = Object.entries(report.failedByNode ?? {})
    .map(([id, reasons]) => [id, reasons[reason] ?? 0] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_NODES);
  return nodes.map(([id, n]) => `${id} ${amount(n)}`).join(', ');
}

function failureLines(report: SimulationReport): string[] {
  const reasons = FAILURE_REASONS.filter((reason) => report.result.failed[reason] > 0);
  if (!reasons.length) return [field('Failures', 'none')];
  const rows = reasons.map((reason) => [reason, amount(report.result.failed[reason]), blamed(report, reason)]);
  const table = renderTable(
    [{ title: 'reason', align: 'left' }, { title: 'requests', align: 'right' }, { title: 'most at', align: 'left' }],
    rows,
  );
  return [field('Failures', table[0]!), ...table.slice(1).map(indent)];
}

function rejectedLines(report: SimulationReport): string[] {
  if (!report.rejected.length) return [];
  return report.rejected.map((r, i) =>
    field(i === 0 ? 'Rejected' : '', `at ${r.at} s, ${r.type}: ${r.error.code}: ${r.error.message}`),
  );
}

function timelineTable(timeline: readonly TimelineEntry[]): string[] {
  return renderTable(
    [
      { title: 't (s)', align: 'right' },
      { title: 'offered rps', align: 'right' },
      { title: 'good rps', align: 'right' },
      { title: 'availability', align: 'right' },
      { title: 'p95 ms', align: 'right' },
    ],
    timeline.map((e) => [String(e.t), rate(e.offeredRps), rate(e.goodRps), percent(e.availability, { column: true }), ms(e.latencyMs.p95)]),
  );
}

/** The readable summary of a simulation: what happened, why, what it cost, and the timeline. */
export function formatReport(level: Level, report: SimulationReport, options: { timeline: boolean }): string {
  const r = report.result;
  const lines = [
    field('Level', `${level.id} (${level.title})`),
    field('Seed', String(report.seed)),
    field('Result', verdict(level, report)),
    field('Availability', `${percent(r.availability)} (target ${percent(level.target)})`),
    field('Requests', `${amount(r.offered)} offered, ${amount(r.good)} good`),
    ...failureLines(report),
    ...(r.maliciousOffered > 0 ? [field('Malicious', `${amount(r.maliciousOffered)} bot requests, ${amount(r.maliciousLeaked)} got past the edge`)] : []),
    field('Cost', `${money(r.cost)} of a ${money(level.budget)} budget (${wholePercent(r.cost / level.budget)})`),
    field('Score', `${r.score}, ${r.stars} of ${MAX_STARS} stars`),
    indent(SCORE_FORMULA),
    ...rejectedLines(report),
  ];
  if (options.timeline) lines.push('', 'Timeline', ...timelineTable(report.timeline));
  return `${lines.join('\n')}\n`;
}
