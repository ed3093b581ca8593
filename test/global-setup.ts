import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where package.json and its build script live. */
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Runs `npm run build` once before the suite; a failed build stops the run with tsc's output. */
export default function setup(): void {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(`npm run build: expected exit 0, got ${build.status ?? build.signal}\n${build.stdout}${build.stderr}`);
  }
}
