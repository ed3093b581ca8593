import { existsSync, linkSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { droppedFrom, readRoomLog, type DroppedLines } from './room-log-read.js';
import { replayRoom, ReplayError } from './room-state.js';
import { type Room, type RoomOptions } from './room-model.js';

/** Ending added to a damaged log kept next to the one rewritten from its good lines. */
const DAMAGED_SUFFIX = '.damaged';
/** Ending added to a log that could not be restored at all, once set aside. */
export const UNRESTORABLE_SUFFIX = '.unrestorable';

export type RestoreOutcome =
  /** `warnings`: what was dropped to restore it, one line each, for the host to read. */
  | { ok: true; room: Room; warnings: string[] }
  /** `keptAs`: where the log is now, untouched (in place, or set aside). */
  | { ok: false; problem: string; keptAs: string };

/** A free name for a file set aside: never overwrites an earlier one. */
function asideName(file: string, suffix: string): string {
  let name = `${file}${suffix}`;
  for (let n = 2; existsSync(name); n++) name = `${file}${suffix}-${n}`;
  return name;
}

function lines({ from, to }: DroppedLines): string {
  return from === to ? `line ${from}` : `lines ${from}-${to}`;
}

function ticks({ ticks: t }: DroppedLines): string {
  if (!t) return 'no tick legible';
  return t.low === t.high ? `tick ${t.low}` : `ticks ${t.low}-${t.high}`;
}

/**
 * Rebuilds a room from its log, up to the last good entry before any damage. What follows it is
 * dropped and said: a torn last line is cut off (in bytes, where the crash cut it); from a damaged
 * line on, the log is rewritten from its good lines and the original kept beside it. A log with no
 * good first line cannot be restored: it is left untouched, and moved aside if `setAside`.
 * A room whose round is over is read, never changed.
 */
export function restoreRoomLog(file: string, options: RoomOptions, setAside: boolean): RestoreOutcome {
  const log = readRoomLog(file);
  let { entries, damage } = log;
  let room: Room | undefined;
  let problem = damage && entries.length === 0 ? `line 1: ${damage.problem}` : undefined;
  if (entries.length === 0 && !problem) problem = log.torn ? 'its only line was cut short by a crash (no room was created)' : 'the file is empty';
  if (!problem) {
    try {
      room = replayRoom(entries, options);
    } catch (e) {
      if (!(e instanceof ReplayError)) throw e;
      if (e.entry === 0) {
        problem = `line 1: ${e.message}`;
      } else {
        entries = entries.slice(0, e.entry);
        damage = { ...droppedFrom(log.bytes, log.ends[e.entry - 1]!, e.entry + 1), problem: e.message };
        room = replayRoom(entries, options);
      }
    }
  }
  if (!room) {
    const keptAs = setAside ? asideName(file, UNRESTORABLE_SUFFIX) : file;
    if (setAside) renameSync(file, keptAs);
    return { ok: false, problem: problem!, keptAs };
  }
  if (room.phase === 'ended') return { ok: true, room, warnings: [] };
  const warnings: string[] = [];
  const goodBytes = entries.length ? log.ends[entries.length - 1]! : 0;
  if (damage) {
    const kept = asideName(file, DAMAGED_SUFFIX);
    // The original stays whole under its new name; the rewrite replaces the log in one rename.
    linkSync(file, kept);
    writeFileSync(`${file}.tmp`, log.bytes.subarray(0, goodBytes));
    renameSync(`${file}.tmp`, file);
    warnings.push(`${file}: line ${damage.from} is damaged (${damage.problem}); restored the room from ${lines({ from: 1, to: damage.from - 1, ticks: undefined })} (to tick ${room.tick}), dropped ${lines(damage)} (${ticks(damage)}); the damaged log is kept as ${kept}`);
  } else if (log.torn) {
    truncateSync(file, goodBytes);
    warnings.push(`${file}: dropped ${lines(log.torn)} (${ticks(log.torn)}, ${log.totalBytes - goodBytes} bytes), cut short by a crash mid-write; restored the room to tick ${room.tick}`);
  }
  return { ok: true, room, warnings };
}
