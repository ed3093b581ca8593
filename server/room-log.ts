import { closeSync, existsSync, mkdirSync, openSync, readdirSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FileError } from './file-error.js';
import { readJsonFile } from './json-file.js';
import { resultsFileSchema, type ResultsFile } from './results-file.js';
import type { RoomEntry } from './room-entry.js';
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
export class RoomLogWriter {
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

export function openRoomLog(dataDir: string, code: string): RoomLogWriter {
  mkdirSync(join(dataDir, ROOMS_FOLDER), { recursive: true });
  return new RoomLogWriter(roomLogFile(dataDir, code));
}

/** The room logs of a data directory, by room code. */
export function roomLogs(dataDir: string): { code: string; file: string }[] {
  const dir = join(dataDir, ROOMS_FOLDER);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(LOG_EXTENSION))
    .sort()
    .map((name) => ({ code: name.slice(0, -LOG_EXTENSION.length), file: join(dir, name) }));
}

/** Keeps a round's results as a JSON file, written whole (through a rename) or not at all. */
export function writeResults(dataDir: string, code: string, round: number, results: unknown): string {
  const dir = join(dataDir, RESULTS_FOLDER);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${code}-${round}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

/** A kept round: its game name, `<CODE>-<round>`, and its file. */
export interface KeptResults {
  game: string;
  room: string;
  round: number;
  file: string;
}

/** The rounds kept in a data directory, by room code, then round. */
export function keptResults(dataDir: string): KeptResults[] {
  const dir = join(dataDir, RESULTS_FOLDER);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const m = /^(.+)-(\d+)\.json$/.exec(name);
      return m ? [{ game: `${m[1]}-${m[2]}`, room: m[1]!, round: Number(m[2]), file: join(dir, name) }] : [];
    })
    .sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : a.round - b.round));
}

/** Reads a kept round; a file that is not one is named with its problems. */
export function readResults(file: string): ResultsFile {
  const json = readJsonFile(file);
  const parsed = resultsFileSchema.safeParse(json);
  if (!parsed.success) throw new FileError(formatIssues(parsed.error.issues, json).map((p) => `${file}: ${p}`));
  return parsed.data;
}
