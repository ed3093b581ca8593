import { describe, expect, it } from 'vitest';
import { EventTimeline } from '../../client/event-timeline.js';
import { eventSchema } from '../../shared/level.js';

const failure = eventSchema.parse({ type: 'node-failure', at: 6, duration: 2, announce: 5, kind: 'app' });
const ddos = eventSchema.parse({ type: 'ddos', at: 20, duration: 10, announce: 5, rps: 1000 });
const phases = (t: EventTimeline, s: number) => t.advance(s).map((c) => `${c.event.index}:${c.phase}`);

describe('EventTimeline', () => {
  it('announces each event ahead, then its start and its end, once each, as game time passes', () => {
    const t = new EventTimeline([failure]);
    expect(phases(t, 0)).toEqual([]);
    expect(phases(t, 1)).toEqual(['0:upcoming']);
    expect(phases(t, 1.5)).toEqual([]);
    expect(phases(t, 6)).toEqual(['0:started']);
    expect(phases(t, 9)).toEqual(['0:ended']);
  });

  it('keeps quiet about events already over when it first looks (a late join or a resume)', () => {
    const t = new EventTimeline([failure, ddos]);
    expect(phases(t, 22)).toEqual(['1:upcoming', '1:started']);
  });

  it('adds live events as announced, and those announced while away from a state', () => {
    const t = new EventTimeline([failure]);
    phases(t, 0);
    t.addLive({ ...ddos, at: 3, announce: 0 });
    expect(phases(t, 3)).toEqual(['0:upcoming', '1:upcoming', '1:started']);
    t.syncLive([{ ...ddos, at: 3, announce: 0 }, { ...ddos, at: 4, announce: 0 }]);
    expect(phases(t, 4)).toEqual(['2:upcoming', '2:started']);
  });
});
