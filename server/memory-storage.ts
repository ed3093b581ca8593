import type { ResultsFile } from './results-file.js';
import type { RoomEntry } from './room-entry.js';
import { replayRoom, ReplayError } from './room-state.js';
import type { KeptResults, RoomLogSink, Storage, StoredRoom } from './storage.js';

/** Named in messages as where a room's log or a round's results are. */
const WHERE = 'memory';

/**
 * Storage that lasts as long as the process: for servers whose data need not outlive them, and for
 * the tests that do not test files. Entries are copied through JSON, as a file would, so that what is
 * read back is what was written, never a live object.
 */
export class MemoryStorage implements Storage {
  private readonly logs = new Map<string, string[]>();
  private readonly results = new Map<string, { kept: KeptResults; json: string }>();

  hasRoom(code: string): boolean {
    return this.logs.has(code);
  }

  openLog(code: string): RoomLogSink {
    const lines = this.logs.get(code) ?? [];
    this.logs.set(code, lines);
    let pending: string[] = [];
    const flush = () => {
      lines.push(...pending);
      pending = [];
    };
    return { append: (entry: RoomEntry) => void pending.push(JSON.stringify(entry)), flush, close: flush };
  }

  rooms(): StoredRoom[] {
    return [...this.logs.keys()].sort().map((code) => ({
      code,
      where: WHERE,
      restore: (options) => {
        const entries = this.logs.get(code)!.map((line) => JSON.parse(line) as RoomEntry);
        try {
          return { ok: true, room: replayRoom(entries, options), warnings: [] };
        } catch (e) {
          if (!(e instanceof ReplayError)) throw e;
          return { ok: false, problem: `entry ${e.entry + 1}: ${e.message}`, keptAs: WHERE };
        }
      },
    }));
  }

  writeResults(code: string, round: number, results: ResultsFile): string {
    const game = `${code}-${round}`;
    this.results.set(game, { kept: { game, room: code, round, where: WHERE }, json: JSON.stringify(results) });
    return WHERE;
  }

  listResults(): KeptResults[] {
    return [...this.results.values()].map((r) => r.kept).sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : a.round - b.round));
  }

  readResults(kept: KeptResults): ResultsFile {
    const r = this.results.get(kept.game);
    if (!r) throw new Error(`results ${kept.game}: expected a kept round, got none; kept are ${[...this.results.keys()].join(', ') || '(none)'}`);
    return JSON.parse(r.json) as ResultsFile;
  }
}
