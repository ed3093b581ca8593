import { CHAPTERS, chapterTitle, conceptById, type ChapterId } from '../shared/concepts.js';
import type { Level } from '../shared/level.js';

// The picker's list: the levels grouped by chapter, a heading line before each chapter's levels.

/** The heading of levels that belong to no chapter (a file of one's own). */
const NO_CHAPTER = 'More levels';

/** Where a chapter comes in the curriculum; levels without one come last. */
function chapterRank(chapter: ChapterId | undefined): number {
  const i = CHAPTERS.findIndex((c) => c.id === chapter);
  return i < 0 ? CHAPTERS.length : i;
}

/**
 * The levels in the picker's order: chapter by chapter in curriculum order, each chapter's levels by
 * their order (levels without one after, as given). Stable, so equal levels keep the caller's order.
 */
export function inPickerOrder(levels: readonly Level[]): Level[] {
  return levels
    .map((level, i) => ({ level, i }))
    .sort((a, b) => chapterRank(a.level.chapter) - chapterRank(b.level.chapter) || (a.level.order ?? Infinity) - (b.level.order ?? Infinity) || a.i - b.i)
    .map((x) => x.level);
}

type PickerRow = { type: 'chapter'; title: string } | { type: 'level'; level: Level; index: number };

/** The rows of the list: a chapter heading, then its levels, numbered in the picker's order. */
export function pickerRows(ordered: readonly Level[]): PickerRow[] {
  const rows: PickerRow[] = [];
  let last: string | undefined;
  ordered.forEach((level, index) => {
    const title = level.chapter ? chapterTitle(level.chapter) : NO_CHAPTER;
    if (title !== last) rows.push({ type: 'chapter', title });
    last = title;
    rows.push({ type: 'level', level, index });
  });
  return rows;
}

/** The concepts a level teaches, by name. */
export function conceptNames(level: Level): string {
  return level.concepts.map((id) => conceptById(id)?.name ?? id).join(', ');
}

/** The first row of a window of `room` rows over `count` that shows row `at`, centred on it where it can be. */
export function windowStart(count: number, room: number, at: number): number {
  return count <= room ? 0 : Math.max(0, Math.min(at - Math.floor(room / 2), count - room));
}
