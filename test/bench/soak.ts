// `npm run soak`: the suite's soak of the whole server (test/server/soak.test.ts), longer: by default
// 100,000 hostile frames at 1,000 a second and 20 kill -9 cycles. Prints what a reader checks.
//   npm run soak -- --frames 100000 --cycles 20 --players 20
import { parseArgs } from 'node:util';
import { runSoak } from './soak/soak.js';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '100000' }, cycles: { type: 'string', default: '20' }, players: { type: 'string', default: '20' }, rate: { type: 'string', default: '1000' } } });
const frames = Number(values.frames);
const cycles = Number(values.cycles);
const rate = Number(values.rate);
for (const [name, n] of [['frames', frames], ['cycles', cycles], ['players', Number(values.players)], ['rate', rate]] as const) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`soak: --${name}: expected a whole number above 0, got "${String(values[name])}"`);
}
// The frames spread over the cycles: the fuzzer runs through the whole soak.
const cycleMs = Math.max(2_000, Math.ceil((frames / rate / (cycles + 1)) * 1000));
const report = await runSoak({
  players: Number(values.players), cycles, cycleMs, fuzzFramesPerSecond: rate, maxFuzzFrames: frames, allFrames: true, speed: 1, seed: 7,
  log: (line) => process.stdout.write(`${line}\n`),
});
const lines = [
  `crashes:            ${report.crashes} (internal errors logged: ${report.internalErrors})`,
  `restarts:           ${report.restarts} (same room each time: ${report.sameRoom ? 'yes' : 'NO'})`,
  `acked actions:      ${report.acked}, lost: ${report.ackedLost}`,
  `state hashes equal: ${report.hashChecks - report.hashMismatches} of ${report.hashChecks} checks after restarts (${report.uncertain} skipped: an ack died with the server)`,
  `ROOM_FULL for real players: ${report.roomFull}`,
  `max sync gap:       ${report.maxSyncGapMs} ms (${report.worstGap}; the soak's own longest stall: ${report.harnessStallMs} ms)`,
  `hostile frames:     ${report.fuzzFrames}`,
  `server RSS:         ${report.rssBeforeMb} MB before, ${report.rssAfterMb} MB after`,
  `refused actions:    ${report.refusals.length}${report.refusals.length ? ` (${report.refusals.slice(0, 3).join('; ')})` : ''}`,
  `wall time:          ${Math.round(report.wallMs / 1000)} s`,
];
process.stdout.write(`${lines.join('\n')}\n`);
const ok = report.crashes === 0 && report.ackedLost === 0 && report.hashMismatches === 0 && report.sameRoom && report.roomFull === 0;
process.exitCode = ok ? 0 : 1;
