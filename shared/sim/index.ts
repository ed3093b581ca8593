// The engine's front door: what the client and the server use of the simulation. They import it
// from here, never from the modules behind it (test/layers.test.ts fails on such an import).

/** The engine: created for a level, it steps a game state one tick at a time. */
export { createEngine, type Engine } from './tick.js';
/** Health in words: what the failure events in force do to each node. */
export { nodeOutages, nodesOut, type Outage } from './outage.js';
/** Events: what one does, in words, and what those in force do at a moment. */
export { describeEvent, effectsAt, emptyEffects } from './events.js';
/** A cache's hit ratio for a key popularity and the keys it holds (bots size caches with it). */
export { lruHitRatio } from './cache.js';
