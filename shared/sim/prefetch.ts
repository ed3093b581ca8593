import type { Compiled } from './graph.js';

// A room ticks its architectures one after the other, so when an architecture's turn comes its data
// has been pushed out of the processor's caches by everyone else's: a hundred architectures of fifty
// components are ~10 MB, and past a few MB every load that misses waits ~150 ns for memory (measured
// on the build machine). The tick's passes walk each node's objects one after the other (the node,
// then its state, then the state's arrays and boxed numbers), each load waiting on the one before,
// and each node's long computation keeps the processor from running ahead to the next node's loads.
//
// So before the tick, short loops touch what the tick will read, one level of objects per loop: the
// loads of one loop do not depend on each other, so the processor has dozens of them in flight at
// once, and the tick then finds its data in cache. This changes no result, and it took 10 to 20% off
// the bench (100 architectures of 50 components) in runs that alternate with and without it.

/** What the loads add up to, kept so that the loops are not optimized away. */
let sink = 0;

/** Brings an architecture's nodes, their states, its latency blocks and its tables into cache (see above). */
export function prefetch(compiled: Compiled): void {
  const { order, states, scratch, tallies } = compiled;
  const n = order.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += order[i]!.index + states[i]!.units;
  for (let i = 0; i < n; i++) {
    const c = order[i]!;
    s += c.activeUnits + c.up + c.tableCell;
  }
  for (let i = 0; i < n; i++) {
    const node = states[i]!;
    s += node.x[0]! + node.warming.length + node.metrics.arrivalRps;
  }
  for (let i = 0; i < n; i++) {
    const m = states[i]!.metrics;
    s += m.servedRps + m.droppedRps + m.utilization + m.inSystem + m.latencyMs + m.hitRatio;
  }
  for (let i = 0; i < n; i++) {
    const node = states[i]!;
    s += node.backlog + node.fill + node.writeRps + node.apPending;
  }
  // The latency blocks are not cleared with the tallies (see compile.ts), and the graph's tables.
  s += touch(scratch, tallies) + touch(compiled.ints, 0) + touch(compiled.numbers, 0) + touch(compiled.blame, 0);
  s += touch(compiled.edgeChild, 0) + touch(compiled.edgeLatency, 0) + touch(compiled.edgeRtt, 0);
  const plans = compiled.plans;
  s += touch(plans.kind, 0) + touch(plans.ok, 0) + touch(plans.from, 0) + touch(plans.dst, 0) + touch(plans.flow, 0) + touch(plans.weight, 0);
  sink += s;
}

/** Reads one element per cache line of a typed array, from `start` on. */
function touch(a: Float64Array | Int32Array | Uint8Array, start: number): number {
  const step = 64 / a.BYTES_PER_ELEMENT;
  let s = 0;
  for (let i = start; i < a.length; i += step) s += a[i]!;
  return s;
}
