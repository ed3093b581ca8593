import { join } from 'node:path';
import type { Level } from '../../../shared/level.js';
import { resolveLevel } from '../../../server/levels-store.js';
import { FIXTURES } from '../../client/cli/run-cli.js';

/** The game server's test level: 15 s, noise off, a flash sale announced 2 s ahead. */
export const RACE_LEVEL_FILE = join(FIXTURES, 'race.json');

export function raceLevel(): Level {
  return resolveLevel(RACE_LEVEL_FILE);
}
