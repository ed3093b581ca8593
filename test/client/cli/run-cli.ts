import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The compiled binary the global setup builds, as `npm install` would. */
const MAIN = join(ROOT, 'dist', 'client', 'cli', 'main.js');
/** The test fixtures: a small level and a plan for it, independent of the curriculum. */
export const FIXTURES = join(ROOT, 'test', 'server', 'fixtures');
export const FIXTURE_LEVEL = join(FIXTURES, 'small-shop.json');
export const FIXTURE_PLAN = join(FIXTURES, 'small-shop.scale-out.json');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `nines <args>` as a child process, the way a player would. From a folder outside the
 * repository, so finding levels/ must not depend on the current directory.
 */
export function nines(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: tmpdir(), encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace's frame lines: bad input must never produce one. */
export const STACK_FRAME = /^\s+at /m;
