import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the player's progress is kept: $NINES_STATE_DIR, else the XDG state folder. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NINES_STATE_DIR ?? join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'nines');
}

const FILE = 'progress.json';

/** A level's best game so far, as the picker shows it. */
export interface BestResult {
  passed: boolean;
  availability: number;
  stars: number;
  score: number;
}

/** Better: a pass first, then more stars, then a higher score. */
function better(a: BestResult, b: BestResult | undefined): boolean {
  if (!b) return true;
  if (a.passed !== b.passed) return a.passed;
  return a.stars !== b.stars ? a.stars > b.stars : a.score > b.score;
}

function bestOf(x: unknown): BestResult | undefined {
  const r = x as Partial<BestResult> | null;
  if (!r || typeof r !== 'object') return undefined;
  const { passed, availability, stars, score } = r;
  return typeof passed === 'boolean' && typeof availability === 'number' && typeof stars === 'number' && typeof score === 'number' ? { passed, availability, stars, score } : undefined;
}

/**
 * The levels a player has passed and each level's best game, so the picker can show them. Losing it
 * costs nothing but the marks. Files written before best results were kept list only `passed`.
 */
export class Progress {
  private readonly passed: Set<string>;
  private readonly best: Map<string, BestResult>;

  constructor(private readonly dir: string) {
    const json = Progress.read(dir);
    this.passed = new Set(Array.isArray(json.passed) ? json.passed.filter((x): x is string => typeof x === 'string') : []);
    const best = json.best && typeof json.best === 'object' ? Object.entries(json.best as Record<string, unknown>) : [];
    this.best = new Map(best.flatMap(([id, r]) => { const b = bestOf(r); return b ? [[id, b] as const] : []; }));
  }

  private static read(dir: string): { passed?: unknown; best?: unknown } {
    try {
      return JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { passed?: unknown; best?: unknown };
    } catch {
      return {};
    }
  }

  completed(): ReadonlySet<string> {
    return this.passed;
  }

  bests(): ReadonlyMap<string, BestResult> {
    return this.best;
  }

  /** Keeps a finished game if it beats the level's best (and marks the level passed if it passed). */
  record(levelId: string, result: BestResult): void {
    const wasPassed = this.passed.has(levelId);
    if (result.passed) this.passed.add(levelId);
    const r = { passed: result.passed, availability: result.availability, stars: result.stars, score: result.score };
    const improved = better(r, this.best.get(levelId));
    if (improved) this.best.set(levelId, r);
    if (!improved && wasPassed === this.passed.has(levelId)) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, FILE), `${JSON.stringify({ passed: [...this.passed].sort(), best: Object.fromEntries([...this.best].sort(([a], [b]) => a.localeCompare(b))) })}\n`);
    } catch {
      // A read-only home only loses the marks; the game goes on.
    }
  }
}
