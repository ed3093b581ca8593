import type { Level } from '../../shared/level.js';
import { listLevels } from '../../server/levels-store.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { duration, money, percent } from './format.js';
import { renderTable } from './text-table.js';

/** Widest a level's line of description gets in the list. */
const SUMMARY_WIDTH = 64;

/** A level in one line: its summary, or else the first sentence of its description, cut at a word. */
export function levelSummary(level: Level): string {
  const text = level.summary ?? level.description.split(/(?<=[.!?])\s/)[0] ?? '';
  if (text.length <= SUMMARY_WIDTH) return text;
  const cut = text.slice(0, SUMMARY_WIDTH - 3);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).replace(/[,;:]$/, '')}...`;
}

export async function run(): Promise<number> {
  const { levels, problems } = listLevels();
  const rows = levels.map((l) => [l.id, l.chapter ?? '', l.title, duration(l.durationSeconds), percent(l.target), money(l.budget), levelSummary(l)]);
  const table = renderTable(
    [
      { title: 'id', align: 'left' },
      { title: 'chapter', align: 'left' },
      { title: 'title', align: 'left' },
      { title: 'duration', align: 'right' },
      { title: 'target', align: 'right' },
      { title: 'budget', align: 'right' },
      { title: 'about', align: 'left' },
    ],
    rows,
  );
  process.stdout.write(`${table.join('\n')}\n`);
  // A broken level file should not hide the others, nor pass unnoticed.
  if (problems.length) process.stderr.write(`${problems.join('\n')}\n`);
  return problems.length ? EXIT_FAILURE : EXIT_OK;
}
