import { resolve } from 'node:path';
import { exportRows, EXPORT_FORMATS, formatExport, type ExportFormat } from '../../server/results-export.js';
import { FileStorage } from '../../server/file-storage.js';
import { PlanExportError, rowPlan } from '../../server/results-plan.js';
import type { KeptResults } from '../../server/storage.js';
import { DEFAULT_DATA_DIR, type CommandInput } from './command-specs.js';
import { EXIT_OK } from './exit-codes.js';
import { readableDate } from './format.js';
import { stringOption } from './option-values.js';
import { renderTable } from './text-table.js';
import { UsageError } from './usage-error.js';

const COMMAND = 'nines results';

/** The format that writes one row's actions as a plan file instead of a table of rows. */
const PLAN_FORMAT = 'plan';
const FORMATS = [...EXPORT_FORMATS, PLAN_FORMAT] as const;
type Format = (typeof FORMATS)[number];

function formatOption(raw: string | undefined): Format | undefined {
  if (raw === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(raw)) throw new UsageError(COMMAND, `--format: expected one of ${FORMATS.join(', ')}, got "${raw}"`);
  return raw as Format;
}

/** One round's row as a plan file, on stdout; what simulate must be told besides, on stderr. */
function writePlan(store: FileStorage, chosen: KeptResults[], game: string | undefined, player: string | undefined): number {
  if (player === undefined) throw new UsageError(COMMAND, '--format plan: missing --player <name>: the player or team whose actions to write');
  if (game === undefined || chosen.length !== 1 || chosen[0]!.game !== game.trim().toUpperCase()) {
    const rounds = chosen.map((k) => k.game).join(', ');
    throw new UsageError(COMMAND, `--format plan: expected one round, <CODE>-<round>, got "${game ?? ''}"${rounds ? ` (its rounds: ${rounds})` : ''}`);
  }
  const kept = chosen[0]!;
  try {
    const { plan, simulateArgs, caveat } = rowPlan(store.readResults(kept), kept.game, player);
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    process.stderr.write(`${COMMAND}: ${plan.actions.length} action(s); replay with: nines simulate ${simulateArgs.join(' ')} --plan <file>\n`);
    if (caveat) process.stderr.write(`${COMMAND}: warning: ${caveat}\n`);
  } catch (e) {
    if (e instanceof PlanExportError) throw new UsageError(COMMAND, e.message);
    throw e;
  }
  return EXIT_OK;
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
  const player = stringOption(input, 'player');
  if (player !== undefined && format !== PLAN_FORMAT) throw new UsageError(COMMAND, `--player: only with --format plan, got --format ${format ?? '(none)'}`);
  const store = new FileStorage(dataDir);
  const kept = store.listResults();
  if (format === PLAN_FORMAT) return writePlan(store, game === undefined ? [] : pick(kept, game, dataDir), game, player);
  if (game === undefined && format === undefined) {
    process.stdout.write(list(store, kept, dataDir));
    return EXIT_OK;
  }
  const chosen = game === undefined ? kept : pick(kept, game, dataDir);
  const rows = chosen.flatMap((k) => exportRows(store.readResults(k)));
  process.stdout.write(formatExport(rows, format ?? 'csv'));
  return EXIT_OK;
}
