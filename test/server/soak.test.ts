import { describe, expect, it } from 'vitest';
import { runSoak } from '../bench/soak/soak.js';

// The whole server, bounded to about 20 s: 20 players playing, a fuzzer at 1,000 hostile frames a
// second, one slow reader, and three kill -9 of the server process, restarted from its room log.
// `npm run soak` runs the same, longer.

describe('soak: the server under players, a fuzzer, a slow reader and kill -9', () => {
  it('loses no acked action, restores equal state, keeps real players seated and their syncs flowing', async () => {
    const report = await runSoak({ players: 20, cycles: 3, cycleMs: 3_500, fuzzFramesPerSecond: 1_000, maxFuzzFrames: 1_000_000, speed: 2, seed: 7 });
    expect(report).toMatchObject({ crashes: 0, internalErrors: 0, sameRoom: true, ackedLost: 0, hashMismatches: 0, roomFull: 0 });
    expect(report.refusals).toEqual([]);
    // Every player checked its game after every restart (a check is skipped only where an ack died with the server).
    expect(report.hashChecks + report.uncertain).toBe(20 * 3);
    expect(report.hashChecks).toBeGreaterThan(20 * 3 - 5);
    expect(report.acked).toBeGreaterThan(20 * 3 * 5);
    expect(report.fuzzFrames).toBeGreaterThan(10_000);
    expect(report.maxSyncGapMs, `${report.worstGap}; the soak's own longest stall ${report.harnessStallMs} ms`).toBeLessThan(1_000);
  }, 90_000);
});
