import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoomEntry } from '../../server/room-entry.js';
import { FileStorage, roomLogFile } from '../../server/file-storage.js';
import { readRoomLog } from '../../server/room-log-read.js';
import { restoreRoomLog, type RestoreOutcome } from '../../server/room-restore.js';
import type { RoomOptions } from '../../server/room-model.js';
import { raceLevel } from './helpers/race-level.js';

const HASH = 'a'.repeat(64);
const OPTIONS: RoomOptions = { speed: 1, maxPlayers: 10, maxSpectators: 10 };
const CODE = 'ABCDE';
const level = raceLevel();

/** Seven good lines: a room created, joined, started, at tick 10 after its last line. */
const GOOD: RoomEntry[] = [
  { t: 'create', v: 1, code: CODE, level, seed: 11, hostTokenHash: HASH },
  { t: 'join', tick: 0, player: 'p1', name: 'ada', tokenHash: HASH },
  { t: 'ready', player: 'p1', ready: true },
  { t: 'start' },
  { t: 'tick', tick: 5 },
  { t: 'join', tick: 8, player: 'p2', name: 'zoë 😀 €', tokenHash: HASH },
  { t: 'tick', tick: 10 },
];
/** What the server wrote after the damage, lost with it. */
const LATER: RoomEntry[] = [{ t: 'tick', tick: 15 }, { t: 'tick', tick: 20 }];
const line = (e: RoomEntry) => `${JSON.stringify(e)}\n`;

function goodLog(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nines-restore-'));
  const log = new FileStorage(dir).openLog(CODE);
  for (const e of GOOD) log.append(e);
  log.close();
  return { dir, file: roomLogFile(dir, CODE) };
}

/** A join line whose name has a character of `bytes` UTF-8 bytes, cut after its first byte. */
function tornInside(char: string, bytes: number): Buffer {
  const whole = Buffer.from(line({ t: 'join', tick: 12, player: 'p3', name: `x${char}y`, tokenHash: HASH }));
  expect(Buffer.byteLength(char)).toBe(bytes);
  return whole.subarray(0, whole.indexOf(Buffer.from(char)) + 1);
}

function ok(outcome: RestoreOutcome) {
  if (!outcome.ok) throw new Error(`expected the room restored, got: ${outcome.problem}`);
  return outcome;
}

/** The server carries on after a restart: a new entry goes after the restored ones. */
function carryOn(dir: string, tick: number): void {
  const log = new FileStorage(dir).openLog(CODE);
  log.append({ t: 'tick', tick });
  log.close();
}

/** Restores, carries on, restores again: the second restart sees the good lines and the new one. */
function twoRestarts(dir: string, file: string) {
  const first = ok(restoreRoomLog(file, OPTIONS, false));
  expect(first.room.tick).toBe(10);
  carryOn(dir, 30);
  const second = ok(restoreRoomLog(file, OPTIONS, false));
  expect(second.warnings).toEqual([]);
  expect(second.room.tick).toBe(30);
  expect([...second.room.seats.values()].map((s) => s.name)).toEqual(['ada', 'zoë 😀 €']);
  expect(readFileSync(file, 'utf8')).toBe([...GOOD, { t: 'tick', tick: 30 } as RoomEntry].map(line).join(''));
  return first.warnings;
}

describe('restoring a room log with a torn last line', () => {
  const torn: [string, Buffer | string, RegExp][] = [
    ['cut mid-line', '{"t":"tick","tick":12,"pla', /dropped line 8 \(tick 12, 26 bytes\), cut short by a crash mid-write; restored the room to tick 10/],
    ['cut inside a 2-byte character', tornInside('ë', 2), /dropped line 8 \(tick 12, \d+ bytes\), cut short/],
    ['cut inside a 3-byte character', tornInside('€', 3), /dropped line 8 \(tick 12, \d+ bytes\), cut short/],
    ['cut inside a 4-byte character', tornInside('😀', 4), /dropped line 8 \(tick 12, \d+ bytes\), cut short/],
    ['a run of NULs where a write never landed', '\0'.repeat(300), /dropped line 8 \(no tick legible, 300 bytes\), cut short/],
  ];
  for (const [name, tail, said] of torn) {
    it(`${name}: cuts it in bytes, and the room survives two restarts`, () => {
      const { dir, file } = goodLog();
      appendFileSync(file, tail);
      const warnings = twoRestarts(dir, file);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(said);
      expect(warnings[0]).toContain(file);
    });
  }
});

describe('restoring a room log with a damaged line', () => {
  const damaged: [string, string, RegExp][] = [
    ['garbage', 'garbage here\n', /line 8 is damaged \(expected a JSON log entry, got text that is not JSON: .+\); restored the room from lines 1-7 \(to tick 10\), dropped lines 8-10 \(ticks 15-20\)/],
    ['valid JSON of the wrong shape', '{"t":"act","tick":-1}\n', /line 8 is damaged \(expected a log entry, got JSON of another shape: tick: expected at least 0, got -1.*\); restored the room from lines 1-7 \(to tick 10\), dropped lines 8-10 \(ticks 15-20\)/],
    ['NULs then a newline', `${'\0'.repeat(200)}\n`, /line 8 is damaged \(expected a JSON log entry, got text that is not JSON \(NUL bytes: .+\): .+\); restored .+ dropped lines 8-10/],
    ['bytes that are not UTF-8', '{"t":"tick","tick":\xff}\n', /line 8 is damaged \(expected UTF-8 text, got bytes that are not\)/],
    ['an entry that does not replay (a seat nobody took)', line({ t: 'ready', player: 'p9', ready: true }), /line 8 is damaged \(room ABCDE: expected a seat p9, got none; seats are p1, p2\); restored the room from lines 1-7 \(to tick 10\), dropped lines 8-10 \(ticks 15-20\)/],
  ];
  for (const [name, bad, said] of damaged) {
    it(`${name}: restores up to the last good entry, keeps the original beside it, and survives two restarts`, () => {
      const { dir, file } = goodLog();
      appendFileSync(file, name.includes('UTF-8') ? Buffer.from(bad, 'latin1') : bad);
      appendFileSync(file, LATER.map(line).join(''));
      const original = readFileSync(file);
      const warnings = twoRestarts(dir, file);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(said);
      expect(warnings[0]).toContain(`the damaged log is kept as ${file}.damaged`);
      expect(readFileSync(`${file}.damaged`)).toEqual(original);
    });
  }

  it('never overwrites a damaged log kept before', () => {
    const { file } = goodLog();
    writeFileSync(`${file}.damaged`, 'an earlier one');
    appendFileSync(file, 'garbage\n');
    expect(ok(restoreRoomLog(file, OPTIONS, false)).warnings[0]).toContain(`kept as ${file}.damaged-2`);
    expect(readFileSync(`${file}.damaged`, 'utf8')).toBe('an earlier one');
  });
});

describe('a room log that cannot be restored', () => {
  const hopeless: [string, string, RegExp][] = [
    ['an empty file', '', /^the file is empty$/],
    ['a corrupt first line', `{"t":"create","v":1,"co\n${GOOD.slice(1).map(line).join('')}`, /^line 1: expected a JSON log entry, got text that is not JSON/],
    ['a first line of the wrong kind', GOOD.slice(1).map(line).join(''), /^line 1: room log: expected a create entry first, got join$/],
    ['only a torn first line', '{"t":"create","v":1,"co', /^its only line was cut short by a crash/],
  ];
  for (const [name, text, problem] of hopeless) {
    it(`${name}: is left untouched through two restarts, then set aside untouched when asked`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'nines-restore-'));
      const file = roomLogFile(dir, CODE);
      new FileStorage(dir).openLog(CODE).close();
      writeFileSync(file, text);
      for (let restart = 0; restart < 2; restart++) {
        const outcome = restoreRoomLog(file, OPTIONS, false);
        expect(outcome).toMatchObject({ ok: false, keptAs: file });
        if (!outcome.ok) expect(outcome.problem).toMatch(problem);
        expect(readFileSync(file, 'utf8')).toBe(text);
      }
      expect(restoreRoomLog(file, OPTIONS, true)).toMatchObject({ ok: false, keptAs: `${file}.unrestorable` });
      expect(existsSync(file)).toBe(false);
      expect(readFileSync(`${file}.unrestorable`, 'utf8')).toBe(text);
    });
  }
});

describe('reading a room log', () => {
  it('finds a cut inside a character in the raw bytes, not in the decoded text', () => {
    const { file } = goodLog();
    const whole = readFileSync(file).length;
    appendFileSync(file, tornInside('😀', 4));
    const log = readRoomLog(file);
    expect(log.entries).toHaveLength(GOOD.length);
    expect(log.goodBytes).toBe(whole);
    expect(log.torn).toEqual({ from: 8, to: 8, ticks: { low: 12, high: 12 } });
  });
});
