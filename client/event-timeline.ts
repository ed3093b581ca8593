import type { GameEvent } from '../shared/level.js';
import { describeEvent } from '../shared/sim/index.js';
import type { EventNotice, EventPhase } from './session.js';

const PHASES: readonly EventPhase[] = ['upcoming', 'started', 'ended'];

interface EventChange {
  phase: EventPhase;
  event: EventNotice;
}

interface Tracked {
  notice: EventNotice;
  /** Seconds at which it enters each phase. */
  times: [number, number, number];
  /** Index in PHASES of the phase last told (-1: none yet). */
  told: number;
}

/**
 * A round's events through their phases (announced, started, over) as game time passes. The level's
 * own timeline is known from the level, so a player who joins late or comes back from a dropped
 * connection still sees every event; events a host fires live are added as they are announced.
 */
export class EventTimeline {
  private readonly events: Tracked[] = [];
  /** Live events known so far. */
  private live = 0;
  /** Nothing told yet: events already over by then are history, not news. */
  private fresh = true;

  constructor(levelEvents: readonly GameEvent[]) {
    for (const e of levelEvents) this.add(e);
  }

  /** An event a host fired live, as announced, `at` in seconds from the start. */
  addLive(e: GameEvent): void {
    this.live++;
    this.add(e);
  }

  /**
   * The live events of a state (in firing order): those not announced to this client, because it
   * was away or joined later, are added.
   */
  syncLive(fired: readonly GameEvent[]): void {
    for (const e of fired.slice(this.live)) this.addLive(e);
  }

  private add(e: GameEvent): void {
    const notice: EventNotice = { index: this.events.length, type: e.type, text: describeEvent(e), at: e.at, duration: e.duration };
    this.events.push({ notice, times: [Math.max(0, e.at - e.announce), e.at, e.at + e.duration], told: -1 });
  }

  /** The phase changes up to game second `seconds`, in order. */
  advance(seconds: number): EventChange[] {
    const changes: EventChange[] = [];
    for (const t of this.events) {
      if (this.fresh && seconds >= t.times[2]) {
        t.told = PHASES.length - 1;
        continue;
      }
      while (t.told + 1 < PHASES.length && seconds >= t.times[t.told + 1]!) {
        t.told++;
        changes.push({ phase: PHASES[t.told]!, event: t.notice });
      }
    }
    this.fresh = false;
    return changes;
  }
}
