import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropTornTail, openRoomLog, readRoomLog, roomLogFile, roomLogs } from '../../server/room-log.js';
import { raceLevel } from './helpers/race-level.js';

const HASH = 'a'.repeat(64);

function sampleLog(dataDir: string) {
  const log = openRoomLog(dataDir, 'ABCDE');
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
    expect(roomLogs(dir)).toEqual([{ code: 'ABCDE', file }]);
    const log = readRoomLog(file);
    expect(log.entries.map((e) => e.t)).toEqual(['create', 'join', 'start']);
    expect(log.entries[0]).toMatchObject({ level: raceLevel() });
    expect(log.tornBytes).toBe(0);
  });

  it('drops a last line a crash cut short, so the next entry starts on a line of its own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nines-log-'));
    const file = sampleLog(dir);
    const whole = readFileSync(file, 'utf8');
    appendFileSync(file, '{"t":"act","tick":3,"pla');
    const log = readRoomLog(file);
    expect(log.entries).toHaveLength(3);
    expect(log.tornBytes).toBe(24);
    dropTornTail(file, log);
    expect(readFileSync(file, 'utf8')).toBe(whole);
  });

  it('names the file, the line and the problem of a bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nines-log-'));
    const file = sampleLog(dir);
    appendFileSync(file, '{"t":"act","tick":-1}\n');
    expect(() => readRoomLog(file)).toThrow(`${file}:4: tick: expected at least 0, got -1`);
  });
});
