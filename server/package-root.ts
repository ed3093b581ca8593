import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the level files, relative to the package root. */
const LEVELS_FOLDER = 'levels';
/** Folder of the plan files, relative to the levels folder. */
const PLANS_FOLDER = 'plans';

/**
 * The folder holding nines' package.json. Found from this module's own location, not the current
 * directory, so it is the same whether running from dist/ or from source with tsx.
 */
export function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`package root: expected a package.json in ${start} or a folder above it, found none`);
  }
}

export function levelsDir(): string {
  return join(packageRoot(), LEVELS_FOLDER);
}

export function plansDir(): string {
  return join(levelsDir(), PLANS_FOLDER);
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error(`package.json: expected a "version" string, got ${JSON.stringify(pkg.version)}`);
  return pkg.version;
}
