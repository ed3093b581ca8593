import type { Plan } from './action.js';
import { act, advance, isOver, newGame, resultOf, type GameResult } from './game.js';
import type { Level } from './level.js';
import type { RuleError } from './errors.js';
import { FAILURE_REASONS, type FailureReason } from './reasons.js';
import { latencyQuantile } from './sim/latency.js';
import { nodeSample, snapshotFailures, tidy, type FailureSnapshot, type NodeSample } from './simulate-nodes.js';

export { tidy, type NodeSample };

/** Default seconds between timeline entries of `nines simulate`. */
const DEFAULT_EVERY_SECONDS = 10;

/** One sample of a run. Rates and availability cover the time since the previous sample; node metrics and latency are those of the tick at t. */
export interface TimelineEntry {
  t: number;
  offeredRps: number;
  goodRps: number;
  /** Good over settled (good or failed) requests since the previous entry. */
  availability: number;
  latencyMs: { mean: number; p95: number };
  nodes: Record<string, NodeSample>;
}

/** The version of the report's shape: bumped when a field changes meaning or goes away. */
export const REPORT_FORMAT = 2;

export interface SimulationReport {
  format: typeof REPORT_FORMAT;
  level: string;
  seed: number;
  tickMs: number;
  result: GameResult;
  /** Failed legitimate requests per node id, non-zero reasons only: which node to blame for what. */
  failedByNode?: Record<string, Partial<Record<FailureReason, number>>>;
  rejected: { at: number; type: string; error: RuleError }[];
  timeline: TimelineEntry[];
}

/**
 * Plays a level headless: the plan's actions apply at the first tick boundary at or after their
 * time, in the plan's order. The same level, seed and plan give the same report, to the byte.
 */
export function simulate(level: Level, plan: Plan, options: { seed?: number; everySeconds?: number } = {}): SimulationReport {
  const game = newGame(level, options.seed ?? level.seed);
  const dt = game.rt.dt;
  const every = Math.max(1, Math.round((options.everySeconds ?? DEFAULT_EVERY_SECONDS) / dt));
  const actions = plan.actions.map((a, i) => ({ ...a, i, tick: Math.ceil(a.at / dt - 1e-9) })).sort((a, b) => a.tick - b.tick || a.i - b.i);
  const rejected: SimulationReport['rejected'] = [];
  const timeline: TimelineEntry[] = [];
  let next = 0;
  let prevSettled = 0;
  let prevGood = 0;
  let prevOffered = 0;
  let prevTick = 0;
  let before: FailureSnapshot = new Map();
  while (!isOver(game)) {
    const s = game.state;
    while (next < actions.length && actions[next]!.tick <= s.tick) {
      const a = actions[next++]!;
      const r = act(game, a.action);
      if (!r.ok) rejected.push({ at: a.at, type: a.action.type, error: r.error });
    }
    // The failures of a sample's own tick are told apart from the running totals.
    if ((s.tick + 1) % every === 0 || s.tick + 1 >= game.rt.totalTicks) before = snapshotFailures(s);
    advance(game);
    if (s.tick % every === 0 || isOver(game)) {
      const settledNow = s.totals.good + s.totals.failed.reduce((a, b) => a + b, 0);
      const settled = settledNow - prevSettled;
      const good = s.totals.good - prevGood;
      const seconds = (s.tick - prevTick) * dt;
      const offeredRps = (s.totals.offered - prevOffered) / seconds;
      prevSettled = settledNow;
      prevGood = s.totals.good;
      prevOffered = s.totals.offered;
      prevTick = s.tick;
      const nodes: Record<string, NodeSample> = {};
      for (const n of s.nodes) nodes[n.id] = nodeSample(s, n, before, dt);
      timeline.push({
        t: tidy(s.tick * dt), offeredRps: tidy(offeredRps), goodRps: tidy(good / seconds),
        availability: tidy(settled > 0 ? Math.min(1, good / settled) : 1),
        latencyMs: { mean: tidy(s.last.latencyMeanMs), p95: tidy(latencyQuantile(s.last.latency, 0.95) * 1000) },
        nodes,
      });
    }
  }
  const r = resultOf(game);
  const result: GameResult = {
    ...r, availability: tidy(r.availability), offered: tidy(r.offered), good: tidy(r.good), cost: tidy(r.cost),
    maliciousOffered: tidy(r.maliciousOffered), maliciousLeaked: tidy(r.maliciousLeaked),
    failed: Object.fromEntries(Object.entries(r.failed).map(([k, v]) => [k, tidy(v)])) as GameResult['failed'],
  };
  const failedByNode: NonNullable<SimulationReport['failedByNode']> = {};
  for (const [id, row] of Object.entries(game.state.failedByNode)) {
    const reasons = FAILURE_REASONS.flatMap((reason, i) => ((row[i] ?? 0) > 0 ? [[reason, tidy(row[i]!)] as const] : []));
    if (reasons.length) failedByNode[id] = Object.fromEntries(reasons);
  }
  return { format: REPORT_FORMAT, level: level.id, seed: game.state.seed, tickMs: level.tickMs, result, failedByNode, rejected, timeline };
}
