import type { ResultRow, SeriesTotal } from '../shared/protocol.js';

/** A row's standing over a series of levels, keyed by who it is: a team by its name, a player by id. */
export interface SeriesEntry {
  player: string;
  name: string;
  team?: string;
  score: number;
  rounds: number;
}

const keyOf = (r: Pick<ResultRow, 'player' | 'team'>) => (r.team === undefined ? r.player : `team:${r.team.toLowerCase()}`);

/** Adds a finished round's results to the series totals. */
export function addRound(totals: Map<string, SeriesEntry>, rows: readonly ResultRow[]): void {
  for (const r of rows) {
    const key = keyOf(r);
    const t = totals.get(key) ?? { player: r.player, name: r.name, ...(r.team === undefined ? {} : { team: r.team }), score: 0, rounds: 0 };
    t.score += r.score;
    t.rounds += 1;
    t.name = r.name;
    totals.set(key, t);
  }
}

/** The totals ranked: score, then rounds played, then the player id for a stable order. */
export function seriesTotals(totals: ReadonlyMap<string, SeriesEntry>): SeriesTotal[] {
  return [...totals.values()]
    .sort((a, b) => b.score - a.score || b.rounds - a.rounds || Number(a.player.slice(1)) - Number(b.player.slice(1)))
    .map((t, i) => ({ rank: i + 1, ...t }));
}
