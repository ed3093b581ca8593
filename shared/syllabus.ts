import { CHAPTERS, CONCEPTS, type ChapterId, type ConceptStatus } from './concepts.js';
import type { Level } from './level.js';

/** A level as the syllabus names it. */
export interface SyllabusLevel {
  id: string;
  title: string;
  difficulty?: number;
}

/** One concept of the syllabus, with the levels that teach it. */
export interface SyllabusRow {
  chapter: ChapterId;
  concept: string;
  name: string;
  definition: string;
  status: ConceptStatus;
  planned?: string;
  levels: SyllabusLevel[];
}

function byCurriculum(a: Level, b: Level): number {
  return (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id);
}

/** Every concept in chapter order, each with the levels (in curriculum order) whose tags name it. */
export function syllabus(levels: readonly Level[]): SyllabusRow[] {
  const sorted = [...levels].sort(byCurriculum);
  const order = new Map<ChapterId, number>(CHAPTERS.map((ch, i) => [ch.id, i]));
  return [...CONCEPTS]
    .sort((a, b) => order.get(a.chapter)! - order.get(b.chapter)!)
    .map((c) => ({
      chapter: c.chapter, concept: c.id, name: c.name, definition: c.definition, status: c.status,
      ...(c.planned === undefined ? {} : { planned: c.planned }),
      levels: sorted.filter((l) => l.concepts.includes(c.id)).map((l) => ({
        id: l.id, title: l.title, ...(l.difficulty === undefined ? {} : { difficulty: l.difficulty }),
      })),
    }));
}
