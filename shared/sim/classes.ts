/**
 * Request classes inside the simulation. Reads on the celebrity's hot key travel apart from other
 * reads because caches treat them differently; background writes (queue workers draining, replicas
 * applying the log) load nodes but are nobody's request.
 */
export const C_STATIC = 0;
export const C_READ = 1;
export const C_HOT = 2;
export const C_WRITE = 3;
export const C_DEFERRABLE = 4;
export const C_MALICIOUS = 5;
export const C_BACKGROUND = 6;
export const CLASS_COUNT = 7;

/** Whether class k is a legitimate request, one that counts for availability. */
export function isLegit(k: number): boolean {
  return k <= C_DEFERRABLE;
}

/** Whether class k writes data: it needs a primary, and costs a database more. */
export function isWrite(k: number): boolean {
  return k === C_WRITE || k === C_DEFERRABLE || k === C_BACKGROUND;
}

/** Whether a per-class bit set (a node's routes, answers, or classes seen this tick) holds class k. */
export function carries(bits: number, k: number): boolean {
  return (bits & (1 << k)) !== 0;
}
