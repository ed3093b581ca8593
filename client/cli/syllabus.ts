import { chapterTitle } from '../../shared/concepts.js';
import { syllabus, type SyllabusLevel, type SyllabusRow } from '../../shared/syllabus.js';
import { toCsv } from '../../server/csv.js';
import { listLevels } from '../../server/levels-store.js';
import type { CommandInput } from './command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { stringOption } from './option-values.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'nines syllabus';

/** The formats `--format` takes; Markdown is the default, readable as it is in a terminal. */
const SYLLABUS_FORMATS = ['md', 'csv', 'json'] as const;
type SyllabusFormat = (typeof SYLLABUS_FORMATS)[number];

/** What a row says when no level teaches its concept. */
function notYet(row: SyllabusRow): string {
  if (row.status === 'text') return 'text only (glossary)';
  return `not taught yet${row.planned ? `: ${row.planned}` : ''}`;
}

function levelText(l: SyllabusLevel): string {
  return l.difficulty === undefined ? l.id : `${l.id} (difficulty ${l.difficulty}/5)`;
}

function taughtBy(row: SyllabusRow): string {
  return row.levels.length ? row.levels.map(levelText).join(', ') : notYet(row);
}

function markdown(rows: SyllabusRow[]): string {
  const out: string[] = ['# nines syllabus'];
  let chapter: string | undefined;
  for (const row of rows) {
    if (row.chapter !== chapter) {
      chapter = row.chapter;
      out.push('', `## ${chapterTitle(row.chapter)}`, '', '| concept | definition | taught by |', '|---|---|---|');
    }
    out.push(`| ${row.name} | ${row.definition.replace(/\|/g, '\\|')} | ${taughtBy(row)} |`);
  }
  const untaught = rows.filter((r) => r.status !== 'text' && !r.levels.length);
  out.push('', `## Not taught by any level yet (${untaught.length})`, '');
  for (const r of untaught) out.push(`- ${r.name} (${chapterTitle(r.chapter)}): ${r.planned ?? 'no level yet'}`);
  return `${out.join('\n')}\n`;
}

function csv(rows: SyllabusRow[]): string {
  return toCsv(
    ['chapter', 'concept', 'name', 'status', 'levels', 'definition'],
    rows.map((r) => [r.chapter, r.concept, r.name, r.levels.length ? 'taught' : r.status === 'text' ? 'text' : 'not-yet', r.levels.map(levelText).join('; '), r.definition]),
  );
}

function formatOption(raw: string | undefined): SyllabusFormat {
  if (raw === undefined) return 'md';
  if (!(SYLLABUS_FORMATS as readonly string[]).includes(raw)) throw new UsageError(COMMAND, `--format: expected one of ${SYLLABUS_FORMATS.join(', ')}, got "${raw}"`);
  return raw as SyllabusFormat;
}

export async function run(input: CommandInput): Promise<number> {
  const format = formatOption(stringOption(input, 'format'));
  const { levels, problems } = listLevels();
  const rows = syllabus(levels);
  const text = format === 'md' ? markdown(rows) : format === 'csv' ? csv(rows) : `${JSON.stringify({ concepts: rows })}\n`;
  process.stdout.write(text);
  if (problems.length) process.stderr.write(`${problems.join('\n')}\n`);
  return problems.length ? EXIT_FAILURE : EXIT_OK;
}
