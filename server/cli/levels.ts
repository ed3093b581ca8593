import { listLevels } from '../levels-store.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import { duration, money, percent } from './format.js';
import { renderTable } from './text-table.js';

export async function run(): Promise<number> {
  const { levels, problems } = listLevels();
  const rows = levels.map((l) => [l.id, l.title, duration(l.durationSeconds), percent(l.target), money(l.budget)]);
  const table = renderTable(
    [
      { title: 'id', align: 'left' },
      { title: 'title', align: 'left' },
      { title: 'duration', align: 'right' },
      { title: 'target', align: 'right' },
      { title: 'budget', align: 'right' },
    ],
    rows,
  );
  process.stdout.write(`${table.join('\n')}\n`);
  // A broken level file should not hide the others, nor pass unnoticed.
  if (problems.length) process.stderr.write(`${problems.join('\n')}\n`);
  return problems.length ? EXIT_FAILURE : EXIT_OK;
}
