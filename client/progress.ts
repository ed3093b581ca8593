import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the player's progress is kept: $NINES_STATE_DIR, else the XDG state folder. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.NINES_STATE_DIR ?? join(env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'nines');
}

const FILE = 'progress.json';

/** The levels a player has passed, so the picker can mark them. Losing it costs nothing but the marks. */
export class Progress {
  private readonly passed: Set<string>;

  constructor(private readonly dir: string) {
    this.passed = new Set(Progress.read(dir));
  }

  private static read(dir: string): string[] {
    try {
      const json = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as { passed?: unknown };
      return Array.isArray(json.passed) ? json.passed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  completed(): ReadonlySet<string> {
    return this.passed;
  }

  markPassed(levelId: string): void {
    if (this.passed.has(levelId)) return;
    this.passed.add(levelId);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, FILE), `${JSON.stringify({ passed: [...this.passed].sort() })}\n`);
    } catch {
      // A read-only home only loses the marks; the game goes on.
    }
  }
}
