import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPEAT_WINDOW_MS, RepeatedWarnings } from '../../server/log-repeats.js';
import { raceLevel } from './helpers/race-level.js';
import { TestClient, join } from './helpers/client.js';
import { testServer } from './helpers/server.js';

describe('repeated warnings', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the first at once, then one line a second with the count and the latest, per reason', () => {
    const lines: string[] = [];
    const w = new RepeatedWarnings((t) => lines.push(t));
    for (let i = 1; i <= 500; i++) w.say('refused', `refused ${i}`);
    w.say('slow', 'slow 1');
    expect(lines).toEqual(['refused 1', 'slow 1']);
    vi.advanceTimersByTime(REPEAT_WINDOW_MS);
    expect(lines.slice(2)).toEqual(['refused: 499 more in the last 1 s; the latest: refused 500']);
    // The flood goes on: still counted, not written one by one.
    for (let i = 501; i <= 700; i++) w.say('refused', `refused ${i}`);
    vi.advanceTimersByTime(REPEAT_WINDOW_MS);
    expect(lines.slice(3)).toEqual(['refused: 200 more in the last 1 s; the latest: refused 700']);
    // A quiet second closes the window: the next one is written at once again.
    vi.advanceTimersByTime(REPEAT_WINDOW_MS);
    w.say('refused', 'refused 701');
    w.say('refused', 'refused 702');
    expect(lines.slice(4)).toEqual(['refused 701']);
    w.close();
    expect(lines.slice(5)).toEqual(['refused: 1 more in the last 1 s; the latest: refused 702']);
  });
});

/** Connections opened at once in the flood below. */
const WAVE = 40;
/** Refused hellos of each kind: enough to show they do not each take a line. */
const FLOOD = 200;

async function refusedHellos(url: string, room: string, name: string): Promise<void> {
  for (let done = 0; done < FLOOD; done += WAVE) {
    await Promise.all(Array.from({ length: WAVE }, async () => {
      const c = await TestClient.connect(url);
      c.hello(room, name);
      await c.closed;
    }));
  }
}

/** The count a line stands for: 1 for a warning written as is, n for "n more". */
function counted(lines: string[], reason: string, each: RegExp): number {
  return lines.reduce((n, l) => n + (l.includes(`${reason}: `) ? Number(/(\d+) more/.exec(l)![1]) : each.test(l) ? 1 : 0), 0);
}

describe('a flood of refused hellos in the log of a real server', () => {
  it('takes a line per reason a second, with counts that add up to every refusal', async () => {
    const { server, url, logs } = await testServer();
    const { code } = server.rooms.create(raceLevel());
    const ada = await join(url, code, 'ada');
    const started = Date.now();
    await Promise.all([refusedHellos(url, 'ZZZZZ', 'x'), refusedHellos(url, code, 'ada')]);
    const seconds = (Date.now() - started) / 1000;
    await ada.client.close();
    await server.close();
    const missing = logs.filter((l) => /asked for room "ZZZZZ"|hellos refused \(ROOM_NOT_FOUND\)/.test(l));
    const taken = logs.filter((l) => /refused \(NAME_TAKEN\)/.test(l));
    // The first at once, a count each second of the flood, the rest at close.
    for (const lines of [missing, taken]) expect(lines.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    expect(counted(missing, 'hellos refused (ROOM_NOT_FOUND)', /asked for room "ZZZZZ"/)).toBe(FLOOD);
    expect(counted(taken, 'connections refused (NAME_TAKEN)', /connection \d+ refused \(NAME_TAKEN\)/)).toBe(FLOOD);
  });
});
