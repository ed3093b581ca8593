import type { Level } from '../shared/level.js';
import { describeEvent, nodeOutages, type Outage } from '../shared/sim/index.js';
import type { GameState, NodeState } from '../shared/state.js';
import { clock, gameTime } from './format.js';
import type { Style } from './styled.js';

/** How a node is doing, in the map's glyphs and the inspector's words. */
export type Health = 'ok' | 'busy' | 'hot' | 'down' | 'cut' | 'starting';

/** Utilization above which a node shows as busy. */
const BUSY_LOAD = 0.7;
/** Utilization above which a node shows as overloaded. */
const HOT_LOAD = 0.9;
/** Share of arrivals dropped that marks a node as overloaded whatever its load. */
const HOT_DROP_SHARE = 0.01;

/** The glyph doubles the colour, so health reads in monochrome too; `x` means down and nothing else. */
export const HEALTH_GLYPH: Record<Health, string> = { ok: '+', busy: '!', hot: '#', down: 'x', cut: '/', starting: '~' };
export const HEALTH_STYLE: Record<Health, Style> = { ok: 'ok', busy: 'warn', hot: 'bad', down: 'bad', cut: 'bad', starting: 'muted' };
export const HEALTH_WORD: Record<Health, string> = { ok: 'healthy', busy: 'busy', hot: 'overloaded', down: 'down', cut: 'cut off by a partition', starting: 'starting' };

/** A node's health and the events behind it, from the simulation's state (not from its load). */
interface NodeStatus {
  health: Health;
  outages: Outage[];
}

export function nodeStatus(level: Level, state: Readonly<GameState>, node: NodeState): NodeStatus {
  const outages = nodeOutages(level, state, node);
  return { health: healthOf(state, node, outages), outages };
}

function healthOf(state: Readonly<GameState>, node: NodeState, outages: readonly Outage[]): Health {
  if (state.tick < node.readyTick) return 'starting';
  if (outages.some((o) => o.type === 'down' || o.type === 'failing-over')) return 'down';
  if (outages.some((o) => o.type === 'unreachable')) return 'cut';
  const m = node.metrics;
  if (m.utilization > HOT_LOAD || (m.arrivalRps > 0 && m.droppedRps / m.arrivalRps > HOT_DROP_SHARE)) return 'hot';
  if (m.utilization > BUSY_LOAD) return 'busy';
  return 'ok';
}

export function nodeHealth(level: Level, state: Readonly<GameState>, node: NodeState): Health {
  return nodeStatus(level, state, node).health;
}

/** Outage types from the worst for the node's users. */
const SEVERITY: readonly Outage['type'][] = ['down', 'failing-over', 'unreachable', 'units-lost', 'failed-over'];

/** The outage that says most about the node now, if any. */
export function worstOutage(outages: readonly Outage[]): Outage | undefined {
  return [...outages].sort((a, b) => SEVERITY.indexOf(a.type) - SEVERITY.indexOf(b.type))[0];
}

/**
 * A log line for a node whose worst outage changed to `o` (undefined: it is back to normal), at game
 * second `now`: a log line stays, so it gives moments, not countdowns.
 */
export function outageNews(id: string, o: Outage | undefined, now: number): { text: string; style: Style } {
  if (!o) return { text: `${id} is back: no failure holds it now`, style: 'ok' };
  const why = describeEvent(o.event);
  switch (o.type) {
    case 'down': return { text: `${id} is down (${why})`, style: 'bad' };
    case 'failing-over': return { text: `${id} is down (${why}); its standby takes over at ${gameTime(now + o.readyIn)}`, style: 'bad' };
    case 'failed-over': return { text: `${id}: its standby took over (${why})`, style: 'warn' };
    case 'unreachable': return { text: `${id} is unreachable from ${o.from.join(', ')} (${why})`, style: 'bad' };
    case 'units-lost': return { text: `${id} lost ${o.lost} of its units (${why})`, style: 'warn' };
  }
}

/** An outage in words, with the game clock of its start: "down since 2:30, failing over, ready in 45s". */
export function outageWords(o: Outage): string {
  const since = `since ${gameTime(o.since)}`;
  switch (o.type) {
    case 'down': return `down ${since}`;
    case 'failing-over': return `down ${since}, failing over, ready in ${clock(o.readyIn)}`;
    case 'failed-over': return `failed ${since}; its standby serves now`;
    case 'unreachable': return `unreachable from ${o.from.join(', ')} ${since}`;
    case 'units-lost': return `${o.lost} of its units lost to a zone failure ${since}`;
  }
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
