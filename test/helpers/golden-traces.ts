import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../../shared/action.js';
import { startReplay, playTo } from '../../shared/debrief/replay.js';
import { planLog } from '../../shared/game-log.js';
import { prepareLevel } from '../../shared/level-runtime.js';
import { SIM_REVISION } from '../../shared/sim/revision.js';
import { stateHash } from '../../shared/state-hash.js';
import { curriculumLevel, curriculumPlan } from './level-plans.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the pinned traces live, in the repository. */
export const GOLDEN_FILE = join(ROOT, 'test', 'golden', 'traces.json');

/** Share of a game's ticks at which a trace pins the state, besides its last tick. */
const CHECKPOINTS = [0.25, 0.5, 0.75];

/** The state hash of every level, played by each of its plans, at a few ticks and at its end. */
export interface GoldenTraces {
  simRevision: number;
  traces: Record<string, Record<string, string>>;
}

const EMPTY_PLAN: Plan = { actions: [] };

function levelIds(): string[] {
  return readdirSync(join(ROOT, 'levels'))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
}

function planIds(id: string): string[] {
  const plans = new Set(readdirSync(join(ROOT, 'levels', 'plans')));
  return ['reference', 'naive'].filter((p) => plans.has(`${id}.${p}.json`)).concat('empty');
}

/** One level played by one plan: the state hash at each checkpoint tick and at the end, keyed by tick. */
export function traceOf(id: string, planName: string): Record<string, string> {
  const level = curriculumLevel(id);
  const plan = planName === 'empty' ? EMPTY_PLAN : curriculumPlan(id, planName as 'reference' | 'naive');
  const endTick = prepareLevel(level).totalTicks;
  const replay = startReplay(level, planLog(plan, level.seed, level.tickMs, endTick));
  const trace: Record<string, string> = {};
  for (const tick of [...CHECKPOINTS.map((c) => Math.round(c * endTick)), endTick]) {
    playTo(replay, tick);
    trace[String(tick)] = stateHash(replay.game.state);
  }
  return trace;
}

export function goldenTraces(): GoldenTraces {
  const traces: GoldenTraces['traces'] = {};
  for (const id of levelIds()) for (const p of planIds(id)) traces[`${id}.${p}`] = traceOf(id, p);
  return { simRevision: SIM_REVISION, traces };
}
