import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FileError } from './file-error.js';
import { readJsonFile } from './json-file.js';
import { resultsFileSchema, type ResultsFile } from './results-file.js';
import type { RoomEntry } from './room-entry.js';
import type { RoomOptions } from './room-model.js';
import { restoreRoomLog } from './room-restore.js';
import type { KeptResults, RoomLogSink, Storage, StoredRoom } from './storage.js';
import { formatIssues } from './zod-issues.js';

/** Folder of the room logs, inside the data directory. */
const ROOMS_FOLDER = 'rooms';
/** Folder of finished rounds' results, inside the data directory. */
const RESULTS_FOLDER = 'results';
/** Ending of a room log: JSON lines. */
const LOG_EXTENSION = '.jsonl';

/** The folders a server writes in its data directory: each must take writes. */
export function dataFolders(dataDir: string): string[] {
  return [join(dataDir, ROOMS_FOLDER), join(dataDir, RESULTS_FOLDER)];
}

export function roomLogFile(dataDir: string, code: string): string {
  return join(dataDir, ROOMS_FOLDER, `${code}${LOG_EXTENSION}`);
}

/**
 * Appends a room's entries to its log. Entries of one input are written together with one write
 * call, before the outputs of that input reach anyone: what a player was told is on disk (in the
 * kernel's hands, which survives the process being killed).
 */
export class RoomLogWriter implements RoomLogSink {
  private readonly fd: number;
  private lines: string[] = [];

  constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  append(entry: RoomEntry): void {
    this.lines.push(JSON.stringify(entry));
  }

  flush(): void {
    if (!this.lines.length) return;
    writeSync(this.fd, `${this.lines.join('\n')}\n`);
    this.lines = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * A data directory: `rooms/<CODE>.jsonl`, one JSON line per log entry, and `results/<CODE>-<round>.json`.
 * What `nines host` keeps, and what `nines results` reads.
 */
export class FileStorage implements Storage {
  constructor(readonly dataDir: string) {}

  hasRoom(code: string): boolean {
    return existsSync(roomLogFile(this.dataDir, code));
  }

  openLog(code: string): RoomLogWriter {
    mkdirSync(join(this.dataDir, ROOMS_FOLDER), { recursive: true });
    return new RoomLogWriter(roomLogFile(this.dataDir, code));
  }

  rooms(): StoredRoom[] {
    const dir = join(this.dataDir, ROOMS_FOLDER);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith(LOG_EXTENSION))
      .sort()
      .map((name) => {
        const file = join(dir, name);
        return { code: name.slice(0, -LOG_EXTENSION.length), where: file, restore: (options: RoomOptions, setAside: boolean) => restoreRoomLog(file, options, setAside) };
      });
  }

  /** Written whole (through a rename) or not at all. */
  writeResults(code: string, round: number, results: ResultsFile): string {
    const dir = join(this.dataDir, RESULTS_FOLDER);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${code}-${round}.json`);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    return file;
  }

  listResults(): KeptResults[] {
    const dir = join(this.dataDir, RESULTS_FOLDER);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .flatMap((name) => {
        const m = /^(.+)-(\d+)\.json$/.exec(name);
        return m ? [{ game: `${m[1]}-${m[2]}`, room: m[1]!, round: Number(m[2]), where: join(dir, name) }] : [];
      })
      .sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : a.round - b.round));
  }

  readResults(kept: KeptResults): ResultsFile {
    const json = readJsonFile(kept.where);
    const parsed = resultsFileSchema.safeParse(json);
    if (!parsed.success) throw new FileError(formatIssues(parsed.error.issues, json).map((p) => `${kept.where}: ${p}`));
    return parsed.data;
  }
}
