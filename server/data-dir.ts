import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataFolders } from './file-storage.js';
import { StartupError } from './startup-error.js';

/** A file written and removed once at start-up: the only sure test that the folder takes writes. */
const PROBE_FILE = '.nines-write-test';

/** Why the system refused, in words. */
function reason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return 'expected a folder, got a file (in its place or on its path)';
    case 'EACCES':
    case 'EPERM':
      return 'expected a folder this user can write to, got permission denied';
    case 'EROFS':
      return 'expected a folder that can be written to, got a read-only file system';
    default:
      return e.message;
  }
}

/** Makes sure the data directory and its folders exist and take writes, before the server listens. */
export function checkDataDir(dir: string): void {
  for (const folder of [dir, ...dataFolders(dir)]) {
    try {
      mkdirSync(folder, { recursive: true });
      const probe = join(folder, PROBE_FILE);
      writeFileSync(probe, '');
      rmSync(probe);
    } catch (e) {
      throw new StartupError([`data directory ${dir}: ${folder === dir ? '' : `${folder}: `}${reason(e as NodeJS.ErrnoException)}`]);
    }
  }
}
