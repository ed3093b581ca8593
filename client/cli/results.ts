import { resolve } from 'node:path';
import { exportRows, EXPORT_FORMATS, formatExport, type ExportFormat } from '../../server/results-export.js';
import { FileStorage } from '../../server/file-storage.js';
import type { KeptResults } from '../../server/storage.js';
import { DEFAULT_DATA_DIR, type CommandInput } from './command-specs.js';
import { EXIT_OK } from './exit-codes.js';
import { readableDate } from './format.js';
import { stringOption } from './option-values.js';
import { renderTable } from './text-table.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'nines results';

function formatOption(raw: string | undefined): ExportFormat | undefined {
  if (raw === undefined) return undefined;
  if (!(EXPORT_FORMATS as readonly string[]).includes(raw)) throw new UsageError(COMMAND, `--format: expected one of ${EXPORT_FORMATS.join(', ')}, got "${raw}"`);
  return raw as ExportFormat;
}

/** A game is a round (`ABCDE-2`) or a room, for all its rounds (`ABCDE`); codes in any case. */
function pick(kept: KeptResults[], game: string, dataDir: string): KeptResults[] {
  const wanted = game.trim().toUpperCase();
  const found = kept.filter((k) => k.game === wanted || k.room === wanted);
  if (found.length) return found;
  const known = kept.length ? `the games kept are ${kept.map((k) => k.game).join(', ')}` : `no game is kept in ${dataDir} yet`;
  throw new UsageError(COMMAND, `no game "${game}" in ${dataDir}: ${known}`);
}

function list(store: FileStorage, kept: KeptResults[], dataDir: string): string {
  if (!kept.length) return `no results in ${resolve(dataDir)} yet: each round's results are kept there when it ends (nines host --data-dir)\n`;
  const rows = kept.map((k) => {
    const f = store.readResults(k);
    return [k.game, f.levelId, String(f.rows.length), readableDate(new Date(f.endedAt))];
  });
  const table = renderTable([
    { title: 'game', align: 'left' }, { title: 'level', align: 'left' }, { title: 'rows', align: 'right' }, { title: 'ended', align: 'left' },
  ], rows);
  return `${table.join('\n')}\n`;
}

export async function run(input: CommandInput): Promise<number> {
  const dataDir = stringOption(input, 'data-dir') ?? DEFAULT_DATA_DIR;
  const format = formatOption(stringOption(input, 'format'));
  const game = input.positionals[0];
  const store = new FileStorage(dataDir);
  const kept = store.listResults();
  if (game === undefined && format === undefined) {
    process.stdout.write(list(store, kept, dataDir));
    return EXIT_OK;
  }
  const chosen = game === undefined ? kept : pick(kept, game, dataDir);
  const rows = chosen.flatMap((k) => exportRows(store.readResults(k)));
  process.stdout.write(formatExport(rows, format ?? 'csv'));
  return EXIT_OK;
}
