import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStorage, roomLogFile } from '../../server/file-storage.js';
import { readRoomLog } from '../../server/room-log-read.js';
import { raceLevel } from './helpers/race-level.js';

const HASH = 'a'.repeat(64);

function sampleLog(dataDir: string) {
  const log = new FileStorage(dataDir).openLog('ABCDE');
  log.append({ t: 'create', v: 1, code: 'ABCDE', level: raceLevel(), seed: 11, hostTokenHash: HASH });
  log.append({ t: 'join', tick: 0, player: 'p1', name: 'ada', tokenHash: HASH });
  log.flush();
  log.append({ t: 'start' });
  log.close();
  return roomLogFile(dataDir, 'ABCDE');
}

describe('room logs', () => {
  it('reads back what was appended, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nines-log-'));
    const file = sampleLog(dir);
    expect(new FileStorage(dir).rooms().map(({ code, where }) => ({ code, where }))).toEqual([{ code: 'ABCDE', where: file }]);
    const log = readRoomLog(file);
    expect(log.entries.map((e) => e.t)).toEqual(['create', 'join', 'start']);
    expect(log.entries[0]).toMatchObject({ level: raceLevel() });
    expect([log.torn, log.damage]).toEqual([undefined, undefined]);
  });
});
