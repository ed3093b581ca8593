// What a server keeps: each room's log (to restore rooms after a restart) and each finished round's
// results. `nines host` keeps them in files (file-storage.ts); tests that do not test files keep
// them in memory (memory-storage.ts). Rooms see only this interface.
import type { ResultsFile } from './results-file.js';
import type { RoomEntry } from './room-entry.js';
import type { RoomOptions } from './room-model.js';
import type { RestoreOutcome } from './room-restore.js';

/** A room's log, open for appending. Entries of one input are flushed together, before that input's outputs reach anyone. */
export interface RoomLogSink {
  append(entry: RoomEntry): void;
  flush(): void;
  close(): void;
}

/** A room found in storage, with what rebuilds it. */
export interface StoredRoom {
  code: string;
  /** Where its log is, for messages (a file name, or "memory"). */
  where: string;
  /** Replays the log; a damaged one is restored to its last good entry, and set aside if it cannot be and `setAside`. */
  restore(options: RoomOptions, setAside: boolean): RestoreOutcome;
}

/** A kept round: its game name, `<CODE>-<round>`, and where it is. */
export interface KeptResults {
  game: string;
  room: string;
  round: number;
  where: string;
}

export interface Storage {
  /** Whether a room with this code has a log (a new room must not take the code of a kept one). */
  hasRoom(code: string): boolean;
  /** Opens a room's log for appending, creating it if need be. */
  openLog(code: string): RoomLogSink;
  /** The rooms kept, by code. */
  rooms(): StoredRoom[];
  /** Keeps a round's results whole (replacing an earlier version of the same round); returns where. */
  writeResults(code: string, round: number, results: ResultsFile): string;
  /** The rounds kept, by room code, then round. */
  listResults(): KeptResults[];
  /** A kept round; one that is not valid is named with its problems (a FileError). */
  readResults(kept: KeptResults): ResultsFile;
}
