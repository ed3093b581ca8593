import { FAILOVER_SECONDS } from '../shared/catalog.js';
import type { Level } from '../shared/level.js';
import type { GameState, NodeState } from '../shared/state.js';
import type { Style } from './styled.js';

/** How a node is doing, in the map's glyphs and the inspector's words. */
export type Health = 'ok' | 'busy' | 'hot' | 'down' | 'starting';

/** Utilization above which a node shows as busy. */
export const BUSY_LOAD = 0.7;
/** Utilization above which a node shows as overloaded. */
export const HOT_LOAD = 0.9;
/** Share of arrivals dropped that marks a node as overloaded whatever its load. */
const HOT_DROP_SHARE = 0.01;

/** The glyph doubles the colour, so health reads in monochrome too. */
export const HEALTH_GLYPH: Record<Health, string> = { ok: '+', busy: '!', hot: '#', down: 'x', starting: '~' };
export const HEALTH_STYLE: Record<Health, Style> = { ok: 'ok', busy: 'warn', hot: 'bad', down: 'bad', starting: 'muted' };
export const HEALTH_WORD: Record<Health, string> = { ok: 'healthy', busy: 'busy', hot: 'overloaded', down: 'down', starting: 'starting' };

/** Whether a timeline failure event has the node down now (a standby takes over after its delay). */
function downByEvent(level: Level, state: Readonly<GameState>, node: NodeState): boolean {
  const t = state.tick * (level.tickMs / 1000);
  return level.events.some((e, index) => {
    if (t < e.at || t >= e.at + e.duration) return false;
    switch (e.type) {
      case 'region-failure':
        return node.region === e.region;
      case 'node-failure':
        return state.victims[String(index)]?.includes(node.id) ?? false;
      case 'db-failure': {
        if (!(state.victims[String(index)]?.includes(node.id) ?? false)) return false;
        const standby = (node.config as { standby?: string }).standby;
        return standby === undefined || standby === 'none' || t - e.at < FAILOVER_SECONDS;
      }
      default:
        return false;
    }
  });
}

export function nodeHealth(level: Level, state: Readonly<GameState>, node: NodeState): Health {
  if (state.tick < node.readyTick) return 'starting';
  if (downByEvent(level, state, node)) return 'down';
  const m = node.metrics;
  if (m.utilization > HOT_LOAD || (m.arrivalRps > 0 && m.droppedRps / m.arrivalRps > HOT_DROP_SHARE)) return 'hot';
  if (m.utilization > BUSY_LOAD) return 'busy';
  return 'ok';
}

/** Eighths of a cell, for bars finer than one character. */
const EIGHTHS = ['', '\u258f', '\u258e', '\u258d', '\u258c', '\u258b', '\u258a', '\u2589'];
const FULL = '\u2588';
const EMPTY = '\u2591';

/** A horizontal bar of `width` cells filled to `share` (0..1). */
export function bar(share: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, share)) * width * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8]!;
  return (FULL.repeat(full) + part).padEnd(width, EMPTY).slice(0, width);
}

/** The style of a load figure: the same thresholds as health. */
export function loadStyle(share: number): Style {
  return share > HOT_LOAD ? 'bad' : share > BUSY_LOAD ? 'warn' : 'ok';
}
