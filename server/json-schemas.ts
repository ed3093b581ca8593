import { z } from 'zod';
import { planSchema } from '../shared/action.js';
import { levelSchema } from '../shared/level.js';

/** The file formats editors can check with a JSON Schema. */
export const SCHEMA_NAMES = ['level', 'plan'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SCHEMAS = { level: levelSchema, plan: planSchema } satisfies Record<SchemaName, z.ZodType>;

/**
 * The JSON Schema of a file format, from the zod schema the game itself parses with. The input side:
 * fields with defaults are optional in a file, and the level's cross-field checks (the superRefine)
 * cannot be expressed, so `nines validate` stays the full check.
 */
export function jsonSchemaText(name: SchemaName): string {
  return `${JSON.stringify(z.toJSONSchema(SCHEMAS[name], { io: 'input' }), null, 2)}\n`;
}
