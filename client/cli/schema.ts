import { jsonSchemaText, SCHEMA_NAMES, type SchemaName } from '../../server/json-schemas.js';
import type { CommandInput } from './command-specs.js';
import { EXIT_OK } from './exit-codes.js';
import { UsageError } from './usage-error.js';

const isSchemaName = (s: string): s is SchemaName => (SCHEMA_NAMES as readonly string[]).includes(s);

export async function run(input: CommandInput): Promise<number> {
  const name = input.positionals[0] ?? 'level';
  if (!isSchemaName(name)) throw new UsageError('nines schema', `expected ${SCHEMA_NAMES.join(' or ')}, got "${name}"`);
  process.stdout.write(jsonSchemaText(name));
  return EXIT_OK;
}
