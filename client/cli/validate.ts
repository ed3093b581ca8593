import { FileError } from '../../server/file-error.js';
import { readJsonFile } from '../../server/json-file.js';
import { isSchemaFile, levelFromJson, looksLikePlan, planFromJson } from '../../server/levels-store.js';
import type { CommandInput } from './command-specs.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';

/** Checks one file, as a plan if it looks like one, else as a level. */
function check(file: string): void {
  const json = readJsonFile(file);
  if (looksLikePlan(json)) planFromJson(file, json);
  else levelFromJson(file, json);
}

export async function run(input: CommandInput): Promise<number> {
  let failed = false;
  for (const file of input.positionals) {
    // `nines validate levels/*.json` matches the generated schemas too; they are checked by a test.
    if (isSchemaFile(file)) {
      process.stdout.write(`skipped: ${file} (a generated JSON Schema)\n`);
      continue;
    }
    try {
      check(file);
      process.stdout.write(`ok: ${file}\n`);
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      process.stderr.write(`${e.message}\n`);
      failed = true;
    }
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
}
