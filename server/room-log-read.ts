import { readFileSync } from 'node:fs';
import { roomEntrySchema, type RoomEntry } from './room-entry.js';
import { formatIssues } from './zod-issues.js';

/** Lines of a room log end with this byte; a multi-byte UTF-8 character never contains it. */
const NEWLINE = 0x0a;
/** Strict: a line with bytes that are not UTF-8 (a torn or overwritten character) is damaged. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Lenient: reads what the ticks of a damaged line may still say. */
const UTF8_LOSSY = new TextDecoder('utf-8');
/** A tick as a log line writes it; found even in a line that no longer parses. */
const TICK_FIELD = /"tick":(\d+)/g;

/** Lines of a log that are dropped: from `from` to `to` (1-based, inclusive), and the ticks they named. */
export interface DroppedLines {
  from: number;
  to: number;
  /** The lowest and highest ticks still legible in the dropped lines; undefined when none is. */
  ticks: { low: number; high: number } | undefined;
}

interface ReadLog {
  /** The file's bytes as read. */
  bytes: Buffer;
  /** The entries of the good lines, in order: every line before the first bad one. */
  entries: RoomEntry[];
  /** The byte offset just past each good line's newline. */
  ends: number[];
  /** Bytes of those lines, newlines included: the log is whole again once cut there. */
  goodBytes: number;
  /** The file's size as read. */
  totalBytes: number;
  /** A last line with no newline: the write a crash cut short. */
  torn: DroppedLines | undefined;
  /** The first complete line that is not an entry, and what is wrong with it; every line from it on is dropped. */
  damage: (DroppedLines & { problem: string }) | undefined;
}

/** What is wrong with a complete line, or its entry. */
function parseLine(bytes: Uint8Array): { entry: RoomEntry } | { problem: string } {
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { problem: 'expected UTF-8 text, got bytes that are not' };
  }
  if (text.trim() === '') return { problem: `expected a JSON log entry, got ${text.length ? 'only blank characters' : 'an empty line'}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const nul = text.includes('\0') ? ' (NUL bytes: the disk kept room for a write that never landed)' : '';
    return { problem: `expected a JSON log entry, got text that is not JSON${nul}: ${(e as Error).message}` };
  }
  const parsed = roomEntrySchema.safeParse(json);
  if (!parsed.success) return { problem: `expected a log entry, got JSON of another shape: ${formatIssues(parsed.error.issues, json).join('; ')}` };
  return { entry: parsed.data };
}

/** The lines from byte `start` (line `from`) to the end of the log, dropped. */
export function droppedFrom(bytes: Uint8Array, start: number, from: number): DroppedLines {
  const rest = bytes.subarray(start);
  return dropped(rest, from, from + lineCount(rest) - 1);
}

function dropped(bytes: Uint8Array, from: number, to: number): DroppedLines {
  const ticks = [...UTF8_LOSSY.decode(bytes).matchAll(TICK_FIELD)].map((m) => Number(m[1]));
  return { from, to, ticks: ticks.length ? { low: Math.min(...ticks), high: Math.max(...ticks) } : undefined };
}

/** Counts the lines of bytes, a last one without its newline included. */
function lineCount(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b === NEWLINE) n++;
  return bytes.length && bytes[bytes.length - 1] !== NEWLINE ? n + 1 : n;
}

/**
 * Reads a room log as raw bytes, so that a cut is found where it is on disk, even inside a
 * multi-byte character. Never throws for what the file holds: the good lines come back with what
 * follows them described (a torn last line, or the first damaged line and everything after it).
 */
export function readRoomLog(file: string): ReadLog {
  const bytes = readFileSync(file);
  const entries: RoomEntry[] = [];
  const ends: number[] = [];
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(NEWLINE, start);
    const line = entries.length + 1;
    if (end < 0) {
      const torn = start < bytes.length ? dropped(bytes.subarray(start), line, line) : undefined;
      return { bytes, entries, ends, goodBytes: start, totalBytes: bytes.length, torn, damage: undefined };
    }
    const parsed = parseLine(bytes.subarray(start, end));
    if ('problem' in parsed) {
      return { bytes, entries, ends, goodBytes: start, totalBytes: bytes.length, torn: undefined, damage: { ...droppedFrom(bytes, start, line), problem: parsed.problem } };
    }
    entries.push(parsed.entry);
    start = end + 1;
    ends.push(start);
  }
}
