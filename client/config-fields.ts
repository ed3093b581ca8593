import type { z } from 'zod';
import type { Kind } from '../shared/catalog.js';
import { configSchemas } from '../shared/node-config.js';

/** A setting of a kind that a player can type or cycle through. */
export interface ConfigField {
  name: string;
  type: 'enum' | 'boolean' | 'number' | 'string';
  /** The choices of an enum (and of a boolean: false, true). */
  options: string[];
}

/** What zod exposes of a schema to look inside it. */
interface Inspectable {
  def: { type: string; innerType?: Inspectable };
  options?: readonly string[];
}

/** The kind's settings, read from its schema in shared/ so the form and completion never fall behind the rules. */
export function configFields(kind: Kind): ConfigField[] {
  const shape = (configSchemas[kind] as unknown as z.ZodObject).shape as Record<string, unknown>;
  const out: ConfigField[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    let inner = schema as Inspectable;
    while (inner.def.innerType) inner = inner.def.innerType;
    const t = inner.def.type;
    if (t === 'enum') out.push({ name, type: 'enum', options: [...(inner.options ?? [])] });
    else if (t === 'boolean') out.push({ name, type: 'boolean', options: ['false', 'true'] });
    else if (t === 'number') out.push({ name, type: 'number', options: [] });
    else if (t === 'string') out.push({ name, type: 'string', options: [] });
  }
  return out;
}

/** A typed value as the configuration wants it: numbers and booleans from their text. */
export function parseValue(field: ConfigField | undefined, text: string): unknown {
  if (field?.type === 'boolean' || (!field && (text === 'true' || text === 'false'))) return text === 'true';
  if (field?.type === 'number' || (!field && text.trim() !== '' && Number.isFinite(Number(text)))) return Number(text);
  return text;
}
