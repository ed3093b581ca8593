import { setTimeout as sleep } from 'node:timers/promises';
import { wrapText } from '../styled.js';
import type { Plan } from '../../shared/action.js';
import { simulate, type TimelineEntry } from '../../shared/simulate.js';
import { loadPlanFile, referencePlanFile, resolveLevel } from '../../server/levels-store.js';
import { DEMO_LEVEL_ID, type CommandInput } from './command-specs.js';
import { EXIT_OK } from './exit-codes.js';
import { duration, money, percent, rate } from './format.js';
import { flag, stringOption } from './option-values.js';
import { formatReport } from './report-text.js';

/** Game seconds per printed line. */
const DEMO_EVERY_SECONDS = 10;
/** Wall-clock seconds the paced demo takes, however long the level. */
const DEMO_WALL_SECONDS = 10;
/** Characters of the traffic bar at the busiest moment. */
const BAR_WIDTH = 30;
/** Line width the level's lesson is wrapped to. */
const TEXT_WIDTH = 100;

/**
 * Traffic as a bar scaled to the busiest moment: `#` for good requests, `x` for the rest, so
 * spikes and failures show at a glance.
 */
function bar(e: TimelineEntry, peakRps: number): string {
  const offered = peakRps > 0 ? Math.round((e.offeredRps / peakRps) * BAR_WIDTH) : 0;
  const good = Math.min(offered, peakRps > 0 ? Math.round((e.goodRps / peakRps) * BAR_WIDTH) : 0);
  return `|${'#'.repeat(good)}${'x'.repeat(offered - good)}${' '.repeat(BAR_WIDTH - offered)}|`;
}

function line(e: TimelineEntry, peakRps: number): string {
  return `${`${e.t} s`.padStart(7)}  offered ${rate(e.offeredRps).padStart(8)} rps  good ${rate(e.goodRps).padStart(8)} rps  ${percent(e.availability, { column: true }).padStart(8)}  ${bar(e, peakRps)}`;
}

export async function run(input: CommandInput): Promise<number> {
  const level = resolveLevel(stringOption(input, 'level') ?? DEMO_LEVEL_ID);
  const chosenPlan = stringOption(input, 'plan');
  const planFile = chosenPlan ?? referencePlanFile(level.id);
  const plan: Plan = planFile === undefined ? { actions: [] } : loadPlanFile(planFile);
  const playedBy = planFile === undefined ? 'no plan: the initial architecture plays alone' : chosenPlan === undefined ? 'its reference plan' : `the plan ${chosenPlan}`;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  out('nines demo: a level played headless by its worked answer. To play it yourself: nines play.');
  out('');
  out(`${level.title} (${level.id}): ${duration(level.durationSeconds)}, target ${percent(level.target)}, budget ${money(level.budget)}`);
  for (const l of wrapText(level.description, TEXT_WIDTH, true)) out(l);
  out('');
  out(`Played by ${playedBy}${plan.description ? `: ${plan.description}` : '.'}`);
  out('');
  // The simulation runs in milliseconds; the pacing only gives a reader time to follow along.
  const report = simulate(level, plan, { everySeconds: DEMO_EVERY_SECONDS });
  const peakRps = Math.max(0, ...report.timeline.map((e) => e.offeredRps));
  const pauseMs = flag(input, 'fast') ? 0 : (DEMO_WALL_SECONDS * 1000) / Math.max(1, report.timeline.length);
  for (const entry of report.timeline) {
    out(line(entry, peakRps));
    if (pauseMs > 0) await sleep(pauseMs);
  }
  out('');
  process.stdout.write(formatReport(level, report, { timeline: false }));
  return EXIT_OK;
}
