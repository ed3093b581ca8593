import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The layers, and what each may import of ours besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  shared: [],
  server: ['shared'],
  client: ['server', 'shared'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative module specifiers of a source text: static imports, re-exports and dynamic imports. */
export function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
  for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

/** Each import of one file that crosses into a layer it may not import, as `file -> target`. */
export function forbiddenImports(file: string, text: string): string[] {
  const from = relative(ROOT, file).split(/[\\/]/)[0]!;
  const allowed = MAY_IMPORT[from];
  if (!allowed) return [];
  return importsOf(text).flatMap((spec) => {
    const target = relative(ROOT, normalize(join(dirname(file), spec))).split(/[\\/]/)[0]!;
    if (target === from || !(target in MAY_IMPORT) || allowed.includes(target)) return [];
    return [`${relative(ROOT, file)} -> ${spec}`];
  });
}

describe('layers point one way', () => {
  it('shared imports nothing of ours, server only shared, client server and shared', () => {
    const files = Object.keys(MAY_IMPORT).flatMap((layer) => sources(join(ROOT, layer)));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => forbiddenImports(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('catches a forbidden import of each kind, static or dynamic', () => {
    expect(forbiddenImports(join(ROOT, 'shared', 'sim', 'tick.ts'), "import { x } from '../../server/rooms.js';")).toEqual(['shared/sim/tick.ts -> ../../server/rooms.js']);
    expect(forbiddenImports(join(ROOT, 'server', 'room.ts'), "const m = await import('../client/app.js');")).toEqual(['server/room.ts -> ../client/app.js']);
    expect(forbiddenImports(join(ROOT, 'server', 'room.ts'), "export { y } from '../client/tui.js';")).toEqual(['server/room.ts -> ../client/tui.js']);
    expect(forbiddenImports(join(ROOT, 'client', 'cli', 'host.ts'), "import { startServer } from '../../server/ws-server.js';\nimport { stateHash } from '../../shared/state-hash.js';")).toEqual([]);
  });
});
