import { describe, expect, it } from 'vitest';
import { findCulprit, findIncidents } from '../../../shared/debrief/incidents.js';
import type { NodeSeries, Samples } from '../../../shared/debrief/samples.js';
import { FAILURE_REASONS, REASON_INDEX, type FailureReason } from '../../../shared/reasons.js';

const SECONDS = 120;
const RPS = 1000;

/** A minute of 1,000 req/s, with the given good share per second (1 elsewhere). */
function samples(goodShare: (second: number) => number, nodes: NodeSeries[] = []): Samples {
  const settled = Array.from({ length: SECONDS }, () => RPS);
  return {
    secondsPerSample: 1, settled, good: settled.map((s, i) => s * goodShare(i)), leaked: settled.map(() => 0),
    nodes: new Map(nodes.map((n) => [n.id, n])),
  };
}

function series(id: string, utilization: (s: number) => number, failed: (s: number) => number, reason: FailureReason): NodeSeries {
  const rows = Array.from({ length: SECONDS }, (_, s) => FAILURE_REASONS.map((_r, i) => (i === REASON_INDEX[reason] ? failed(s) : 0))).flat();
  return { id, kind: 'app', region: 'east', utilization: Array.from({ length: SECONDS }, (_, s) => utilization(s)), arrivalRps: [], failed: rows };
}

const between = (a: number, b: number, inside: number, outside = 1) => (s: number) => (s >= a && s < b ? inside : outside);

describe('findIncidents', () => {
  it('spans the seconds below target that pulled the sliding window under it', () => {
    expect(findIncidents(samples(between(40, 70, 0.5)), 0.99)).toEqual([{ from: 40, to: 70 }]);
  });

  it('ignores a one-second blip the window absorbs', () => {
    // One second at 95% is a 0.5% loss over a 10 s window: still above a 99% target.
    expect(findIncidents(samples(between(40, 41, 0.95)), 0.99)).toEqual([]);
  });

  it('merges dips a few seconds apart and keeps distant ones apart', () => {
    const share = (s: number) => ((s >= 20 && s < 30) || (s >= 35 && s < 45) || (s >= 90 && s < 100) ? 0.5 : 1);
    expect(findIncidents(samples(share), 0.99)).toEqual([{ from: 20, to: 45 }, { from: 90, to: 100 }]);
  });
});

describe('findCulprit', () => {
  it('blames the node whose trouble began first, counting saturation before failures', () => {
    // db saturates at 30 and starts failing at 45; app fails from 40 on, more than db.
    const db = series('db', between(30, 70, 0.99, 0.5), between(45, 70, 100, 0), 'overloaded');
    const app = series('app', () => 0.5, between(40, 70, 300, 0), 'timed-out');
    const c = findCulprit(samples(between(40, 70, 0.6), [app, db]), { from: 40, to: 70 })!;
    expect(c.node).toBe('db');
    expect(c.trouble).toEqual({ from: 30, to: 70 });
    expect(c.reasons).toEqual([{ reason: 'overloaded', count: 2500, share: 2500 / 30_000 }]);
  });

  it('passes over a node that caused a sliver of the failures, however early', () => {
    const early = series('early', between(0, 70, 1, 0), between(40, 70, 1, 0), 'overloaded');
    const main = series('main', () => 0.2, between(40, 70, 400, 0), 'node-down');
    expect(findCulprit(samples(between(40, 70, 0.6), [early, main]), { from: 40, to: 70 })!.node).toBe('main');
  });
});
