import { describe, expect, it } from 'vitest';
import { exportRows, toCsvText } from '../../server/results-export.js';
import type { ResultsFile } from '../../server/results-file.js';
import { csvRecords } from '../helpers/csv-parse.js';

/** A kept round with a team and a player alone, as an older server wrote it: no level, no logs. */
function kept(extra: Partial<ResultsFile> = {}): ResultsFile {
  const failed = { overloaded: 10.4, 'timed-out': 2.2 };
  return {
    room: 'ABCDE', round: 2, endedAt: '2025-01-01T10:00:00.000Z', type: 'results', levelId: 'tutorial', tick: 2400,
    rows: [
      { rank: 1, player: 'p1', name: 'red, "the best"', team: 'red, "the best"', members: ['p1', 'p3'], availability: 0.99612345678, passed: true, score: 812, stars: 2, cost: 900.456, offered: 1000.4, good: 987.8, failed, actions: 5 },
      { rank: 2, player: 'p2', name: '=cmd', availability: 0.5, passed: false, score: 100, stars: 0, cost: 20, offered: 1000, good: 500, failed: { overloaded: 500 } },
    ],
    players: { p1: 'ada', p2: '=cmd', p3: 'bob' },
    ...extra,
  };
}

describe('results export', () => {
  it('writes a team as one row with its members by name, quoting what needs it', () => {
    const [team, alone] = csvRecords(toCsvText(exportRows(kept())));
    expect(team).toMatchObject({ room: 'ABCDE', round: '2', rank: '1', name: 'red, "the best"', team: 'red, "the best"', members: 'ada; bob', availability: '0.996123', cost: '900.46', offered: '1000', good: '988', failed: '13', failed_overloaded: '10', failed_timed_out: '2', failed_node_down: '0', actions: '5' });
    expect(alone).toMatchObject({ name: "'=cmd", team: '', members: "'=cmd", actions: '' });
  });

  it('leaves the debrief columns empty for a round kept without its games, and uses a debrief the server kept', () => {
    expect(exportRows(kept())[0]).toMatchObject({ firstFailure: '', reason: '', debrief: '' });
    const debrief = {
      levelId: 'tutorial', target: 0.99, availability: 0.5, passed: false, timeline: { secondsPerSample: 1, availability: [] }, events: [], whatIfs: [],
      incidents: [{ from: 50, to: 240, availability: 0.4, failed: 10, text: 'app1 ...', culprit: { node: 'app1', kind: 'app' as const, region: 'us-east', from: 49, to: 240, peakUtilization: 1, reason: 'overloaded' as const, component: 'app1 (app servers) in us-east' } }],
      headline: 'app1 ...',
    };
    expect(exportRows(kept({ debriefs: { p2: debrief } }))[1]).toMatchObject({ firstFailure: 'app1 (app servers) in us-east', reason: 'overloaded', debrief: 'app1 ...' });
  });
});
