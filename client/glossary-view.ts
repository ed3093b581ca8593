import { chapterTitle } from '../shared/concepts.js';
import type { Level } from '../shared/level.js';
import { listLevels } from '../server/levels-store.js';
import { syllabus, type SyllabusRow } from '../shared/syllabus.js';
import { seg, wrapText, type Line } from './styled.js';
import { scrolledWindow } from './help-view.js';

/** Where a concept is met in play, in the words of one line. */
function playedIn(row: SyllabusRow): Line {
  if (row.levels.length) return [seg('    played in: ', 'muted'), seg(row.levels.map((l) => l.id).join(', '), 'key')];
  if (row.status === 'text') return [seg('    knowledge to have; no level plays it', 'muted')];
  return [seg(`    not playable yet: ${row.planned ?? 'no level yet'}`, 'muted')];
}

/** Rows whose id or name holds the term (any case); all rows without one. */
function matching(rows: SyllabusRow[], term: string | undefined): SyllabusRow[] {
  const t = term?.trim().toLowerCase();
  if (!t) return rows;
  return rows.filter((r) => r.concept.includes(t) || r.name.toLowerCase().includes(t));
}

let levelsMemo: readonly Level[] | undefined;

/** The levels shipped with the game, read once: the glossary names them. */
export function allLevels(): readonly Level[] {
  levelsMemo ??= listLevels().levels;
  return levelsMemo;
}

/** Indent of a definition under its concept's name. */
const INDENT = '    ';

/** The glossary at a width: every concept by chapter, its definition (wrapped) and the levels that play it. */
export function glossaryLines(levels: readonly Level[], term: string | undefined, width: number): Line[] {
  const rows = matching(syllabus(levels), term);
  if (!rows.length) return [[seg(`No glossary entry matches "${term}". `), seg('g', 'key'), seg(' lists them all.')]];
  const lines: Line[] = [];
  let chapter: string | undefined;
  for (const row of rows) {
    if (row.chapter !== chapter) {
      if (chapter !== undefined) lines.push([]);
      chapter = row.chapter;
      lines.push([seg(chapterTitle(row.chapter), 'title')]);
    }
    lines.push([seg(`  ${row.name}`, 'key')], ...wrapText(row.definition, Math.max(20, width - INDENT.length)).map((t) => [seg(`${INDENT}${t}`)]), playedIn(row));
  }
  return lines;
}

export function glossaryView(levels: readonly Level[], term: string | undefined, scroll: number, width: number, height: number): Line[] {
  return scrolledWindow(glossaryLines(levels, term, width), scroll, width, height);
}
