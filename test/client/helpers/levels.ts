import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { levelSchema, type Level } from '../../../shared/level.js';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Ten seconds, two regions, a node failure: small enough to play to the end in a test. */
export const SHORT_LEVEL_FILE = join(ROOT, 'test', 'client', 'fixtures', 'short.json');

export function shortLevel(): Level {
  return levelSchema.parse(JSON.parse(readFileSync(SHORT_LEVEL_FILE, 'utf8')));
}

export function tutorialLevel(): Level {
  return levelSchema.parse(JSON.parse(readFileSync(join(ROOT, 'levels', 'tutorial.json'), 'utf8')));
}
