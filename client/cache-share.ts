import type { Level } from '../shared/level.js';
import { effectsAt, emptyEffects } from '../shared/sim/index.js';
import type { GameState, NodeState } from '../shared/state.js';
import { wholePercent } from './format.js';

// Why a cache with a high hit ratio still passes most traffic on: it can answer only some classes of
// request, and its hit ratio is over those alone.

/** Shares of the legitimate requests offered now, by what a cache can do with them. */
interface ClassShares {
  static: number;
  /** Reads of the celebrity's hot key. */
  hot: number;
  /** Every other read. */
  read: number;
  write: number;
}

/** The level's mix under the events of the state's last tick (a celebrity spike adds hot-key reads, a sale writes). */
function classShares(level: Level, state: Readonly<GameState>): ClassShares {
  const dt = level.tickMs / 1000;
  const events = state.fired.length ? [...level.events, ...state.fired] : level.events;
  const fx = effectsAt(events, Math.max(0, state.tick - 1) * dt, dt, emptyEffects());
  const mix = level.traffic.mix;
  const reads = mix.read * fx.reads;
  const parts = { static: mix.static, hot: reads * fx.hotShare, read: reads * (1 - fx.hotShare), write: (mix.write + mix.deferrableWrite) * fx.writes };
  const sum = parts.static + parts.hot + parts.read + parts.write;
  if (sum <= 0) return { static: 0, hot: 0, read: 0, write: 0 };
  return { static: parts.static / sum, hot: parts.hot / sum, read: parts.read / sum, write: parts.write / sum };
}

/** What a CDN or cache answers, in words: which classes, their share of requests now, and what its hits come to. */
export function cacheServesText(level: Level, state: Readonly<GameState>, n: NodeState): string | undefined {
  if (n.kind !== 'cdn' && n.kind !== 'cache') return undefined;
  const s = classShares(level, state);
  const hit = n.metrics.hitRatio;
  const [what, passes, share] = n.kind === 'cdn'
    ? ['static files and the hot key only', 'reads and writes', s.static + s.hot]
    : ['reads only', 'static files and writes', s.read + s.hot];
  return `answers ${what}: ${wholePercent(share)} of requests now; its ${wholePercent(hit)} hits answer ${wholePercent(share * hit)} of all requests, ` +
    `the rest (misses, ${passes}) goes on to what it calls`;
}
