import type { Culprit } from './incidents.js';

/**
 * What a failover cost in data, after an incident's sentence: the acknowledged writes the failed
 * primary's async standby had not received. Nothing when none were lost.
 */
export function lostWritesText(c: Culprit): string {
  const lost = c.reasons.find((r) => r.reason === 'lost-write')?.count ?? 0;
  const writes = Math.round(lost);
  if (writes < 1) return '';
  return `; its async standby took over without the last ${writes} acknowledged ${writes === 1 ? 'write' : 'writes'}, lost (a sync standby would have lost nothing)`;
}
