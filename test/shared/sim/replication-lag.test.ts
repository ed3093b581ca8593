import { describe, expect, it } from 'vitest';
import { simulate } from '../../../shared/simulate.js';
import { REPLICA_CATCHUP_SHARE, WRITE_COST } from '../../../shared/catalog.js';
import { labLevel, link, place } from '../../helpers/lab-level.js';

// A primary taking 4k writes/s, tripled to 12k/s for 60 s by a flash sale, and a replica that can
// apply 8k/s: 16 servers of 0.2 ms give 80k units of work per second, half of it for the log, at
// WRITE_COST units a write.
const BASE_WRITES = 4000;
const PEAK_WRITES = 12_000;
const SALE_FROM = 10;
const SALE_SECONDS = 60;
const REPLICA_SERVICE_MS = 0.2;
/** Enough keys that a second of lag leaves about half the reads stale, 30 s about 70%. */
const KEYS = 1_000_000;
const APPLY = ((16 / (REPLICA_SERVICE_MS / 1000)) * REPLICA_CATCHUP_SHARE) / WRITE_COST;

function lagLevel(extra: { reads?: number } = {}) {
  const reads = extra.reads ?? 0;
  return labLevel({
    durationSeconds: 140,
    traffic: { users: [{ region: 'here', clients: 1000, rps: BASE_WRITES + reads }], mix: { write: BASE_WRITES / (BASE_WRITES + reads), read: reads / (BASE_WRITES + reads) }, keys: KEYS, zipfAlpha: 1 },
    overrides: { app: { serviceMs: 0.5 }, db: { serviceMs: 0.1 }, replica: { serviceMs: REPLICA_SERVICE_MS } },
    events: [{ type: 'flash-sale', at: SALE_FROM, duration: SALE_SECONDS, multiplier: PEAK_WRITES / BASE_WRITES, rampSeconds: 0 }],
    initial: [
      place('app', 'app1'), place('db', 'db1'), place('replica', 'r1', { config: { primary: 'db1' } }),
      link('app1', 'db1'), ...(reads > 0 ? [link('app1', 'r1')] : []),
    ],
  });
}

/** Closed forms: the backlog grows at writes - apply during the sale and drains at apply - writes after it. */
function backlogAt(t: number): number {
  const grow = (PEAK_WRITES - APPLY) * Math.min(SALE_SECONDS, Math.max(0, t - SALE_FROM));
  const drain = (APPLY - BASE_WRITES) * Math.max(0, t - SALE_FROM - SALE_SECONDS);
  return Math.max(0, grow - drain);
}

describe('replication lag', () => {
  it('is the backlog over the apply rate: 240k writes behind after 60 s at 12k/s against 8k/s is 30 s, growing 0.5 s/s', () => {
    expect(APPLY).toBe(8000);
    const r = simulate(lagLevel(), { actions: [] }, { everySeconds: 1 });
    const at = (t: number) => r.timeline.find((e) => e.t === t)!.nodes.r1!;
    // One tick of writes (1.2k, 0.15 s) is the model's resolution.
    expect(at(SALE_FROM + SALE_SECONDS).backlog!).toBeCloseTo(240_000, -4);
    expect(Math.abs(at(SALE_FROM + SALE_SECONDS).lagMs! - 30_000)).toBeLessThan(200);
    for (const t of [20, 30, 45, 60, 70, 80, 100, 120]) {
      expect(Math.abs(at(t).backlog! - backlogAt(t)), `backlog at ${t}`).toBeLessThan(PEAK_WRITES * 0.1 + 1);
      expect(Math.abs(at(t).lagMs! - (backlogAt(t) / APPLY) * 1000), `lag at ${t}`).toBeLessThan(200);
    }
    // Growth 0.5 s per second while the sale lasts, drain at (8k - 4k) / 8k = 0.5 s per second after.
    expect((at(50).lagMs! - at(30).lagMs!) / 20).toBeCloseTo(500, -1);
    expect((at(110).lagMs! - at(90).lagMs!) / 20).toBeCloseTo(-500, -1);
    // Drained 240k / 4k = 60 s after the sale; before that it is still behind.
    expect(at(SALE_FROM + SALE_SECONDS + 58).lagMs!).toBeGreaterThan(500);
    expect(at(SALE_FROM + SALE_SECONDS + 61).lagMs!).toBeLessThan(10);
  });
});

describe('stale reads', () => {
  it('a read of key i is stale with probability 1 - e^(-w_i lag), over the Zipf popularity of reads and writes', () => {
    const reads = 2000;
    const keys = KEYS;
    const r = simulate(lagLevel({ reads }), { actions: [] }, { everySeconds: 1 });
    let h = 0;
    for (let i = 1; i <= keys; i++) h += 1 / i;
    for (const t of [12, 30, 60, 75, 100]) {
      const n = r.timeline.find((x) => x.t === t)!.nodes.r1!;
      const lag = n.lagMs! / 1000;
      expect(Math.abs(lag - backlogAt(t) / APPLY), `lag at ${t}`).toBeLessThan(0.2);
      // The primary's writes in that tick: the sale's, or the base rate once it is over.
      const writes = t <= SALE_FROM + SALE_SECONDS ? PEAK_WRITES : BASE_WRITES;
      let stale = 0;
      for (let i = 1; i <= keys; i++) {
        const p = 1 / i / h;
        stale += p * -Math.expm1(-writes * p * lag);
      }
      // While it is behind, the replica applies 8k writes/s; the rest of what reaches it are reads.
      const readsHere = n.arrivalRps - APPLY;
      expect(readsHere, `reads reaching r1 at ${t}`).toBeGreaterThan(100);
      expect(stale).toBeGreaterThan(0.3);
      expect(stale).toBeLessThan(0.8);
      // staleReadProbability buckets keys geometrically: within 1e-3 of the exact sum.
      expect(Math.abs((n.failedRps['stale-read'] ?? 0) / readsHere - stale), `stale share at ${t}`).toBeLessThan(1e-3);
    }
  });
});
