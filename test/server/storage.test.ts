import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStorage } from '../../server/file-storage.js';
import { MemoryStorage } from '../../server/memory-storage.js';
import type { ResultsFile } from '../../server/results-file.js';
import type { Storage } from '../../server/storage.js';
import { raceLevel } from './helpers/race-level.js';

const HASH = 'a'.repeat(64);
const OPTIONS = { speed: 1, maxPlayers: 10, maxSpectators: 10 };

function results(code: string, round: number, tick: number): ResultsFile {
  return { room: code, round, endedAt: '2026-12-03T10:00:00.000Z', type: 'results', levelId: 'race', tick, rows: [] };
}

// Both implementations keep the same contract: what rooms and `nines results` rely on.
describe.each([
  ['files', () => new FileStorage(mkdtempSync(join(tmpdir(), 'nines-storage-')))],
  ['memory', () => new MemoryStorage()],
] as [string, () => Storage][])('storage in %s', (_, make) => {
  it('keeps a room log: only flushed entries count, and a restore replays them', () => {
    const store = make();
    expect([store.hasRoom('ABCDE'), store.rooms()]).toEqual([false, []]);
    const log = store.openLog('ABCDE');
    log.append({ t: 'create', v: 1, code: 'ABCDE', level: raceLevel(), seed: 11, hostTokenHash: HASH });
    log.append({ t: 'join', tick: 0, player: 'p1', name: 'ada', tokenHash: HASH });
    log.flush();
    log.append({ t: 'ready', player: 'p1', ready: true });
    const [stored] = store.rooms();
    const before = stored!.restore(OPTIONS, false);
    expect(before.ok && [...before.room.seats.values()].map((s) => [s.name, s.ready])).toEqual([['ada', false]]);
    log.close();
    const after = store.rooms()[0]!.restore(OPTIONS, false);
    expect(after.ok && [...after.room.seats.values()].map((s) => [s.name, s.ready])).toEqual([['ada', true]]);
    expect(store.hasRoom('ABCDE')).toBe(true);
    // A log opened again carries on after what it holds.
    const again = store.openLog('ABCDE');
    again.append({ t: 'leave', player: 'p1' });
    again.close();
    const left = store.rooms()[0]!.restore(OPTIONS, false);
    expect(left.ok && left.room.seats.size).toBe(0);
  });

  it('keeps results whole, a later write replacing the round, listed by room then round', () => {
    const store = make();
    store.writeResults('BBBBB', 10, results('BBBBB', 10, 1));
    store.writeResults('BBBBB', 2, results('BBBBB', 2, 1));
    store.writeResults('AAAAA', 1, results('AAAAA', 1, 1));
    store.writeResults('BBBBB', 2, results('BBBBB', 2, 99));
    const kept = store.listResults();
    expect(kept.map((k) => k.game)).toEqual(['AAAAA-1', 'BBBBB-2', 'BBBBB-10']);
    expect(store.readResults(kept[1]!)).toEqual(results('BBBBB', 2, 99));
  });
});
