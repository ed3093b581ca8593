import { simulate } from '../../shared/simulate.js';
import { curriculumLevel, curriculumPlan } from './level-plans.js';

/** One plan of a level on one seed: what a verdict check needs. */
export interface Verdict {
  level: string;
  plan: 'reference' | 'naive';
  seed: number;
  availability: number;
  target: number;
  passed: boolean;
  rejected: number;
  overBudget: boolean;
}

/** A level's reference and naive plans played on each seed. */
export function verdicts(id: string, seeds: readonly number[]): Verdict[] {
  const level = curriculumLevel(id);
  return (['reference', 'naive'] as const).flatMap((plan) => seeds.map((seed) => {
    const r = simulate(level, curriculumPlan(id, plan), { seed });
    return {
      level: id, plan, seed, availability: r.result.availability, target: level.target, passed: r.result.passed,
      rejected: r.rejected.length, overBudget: r.result.cost > level.budget,
    };
  }));
}

/** What is wrong with a verdict: the reference must pass within budget, the naive plan must miss the target. */
export function verdictProblem(v: Verdict): string | undefined {
  if (v.rejected) return `${v.level} ${v.plan} seed ${v.seed}: ${v.rejected} action(s) refused`;
  if (v.plan === 'reference' && (!v.passed || v.overBudget)) return `${v.level} reference seed ${v.seed}: did not pass (availability ${v.availability}, target ${v.target}${v.overBudget ? ', over budget' : ''})`;
  if (v.plan === 'naive' && (v.passed || v.availability >= v.target)) return `${v.level} naive seed ${v.seed}: passed (availability ${v.availability}, target ${v.target}), so it teaches nothing`;
  return undefined;
}
