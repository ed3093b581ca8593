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

/** Folders whose modules the other layers reach only through the folder's front door. */
const FRONT_DOORS: Record<string, string> = {
  'shared/sim': 'shared/sim/index.ts',
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
    const path = relative(ROOT, normalize(join(dirname(file), spec))).split(/[\\/]/).join('/');
    const target = path.split('/')[0]!;
    if (target === from || !(target in MAY_IMPORT)) return [];
    if (allowed.includes(target) && !pastFrontDoor(path)) return [];
    return [`${relative(ROOT, file)} -> ${spec}`];
  });
}

/** Whether a module path (from the root, `.js` as imported) is inside a folder with a front door and is not the door. */
export function pastFrontDoor(path: string): boolean {
  return Object.entries(FRONT_DOORS).some(([folder, door]) => path.startsWith(`${folder}/`) && path.replace(/\.js$/, '.ts') !== door);
}

describe('layers point one way', () => {
  it('shared imports nothing of ours, server only shared, client server and shared, and the engine only through shared/sim/index.ts', () => {
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

  it("catches an import of the engine's internals past its front door, from client or server, and lets shared/ reach them", () => {
    expect(forbiddenImports(join(ROOT, 'client', 'game-replica.ts'), "import { createEngine } from '../shared/sim/tick.js';")).toEqual(['client/game-replica.ts -> ../shared/sim/tick.js']);
    expect(forbiddenImports(join(ROOT, 'client', 'bot', 'greedy-data.ts'), "import type { Q } from '../../shared/sim/cache.js';")).toEqual(['client/bot/greedy-data.ts -> ../../shared/sim/cache.js']);
    expect(forbiddenImports(join(ROOT, 'server', 'room.ts'), "const m = await import('../shared/sim/events.js');")).toEqual(['server/room.ts -> ../shared/sim/events.js']);
    expect(forbiddenImports(join(ROOT, 'client', 'game-replica.ts'), "import { createEngine } from '../shared/sim/index.js';")).toEqual([]);
    expect(forbiddenImports(join(ROOT, 'shared', 'game.ts'), "import { createEngine } from './sim/tick.js';")).toEqual([]);
    expect(pastFrontDoor('shared/sim/tick.js')).toBe(true);
    expect(pastFrontDoor('shared/sim/index.js')).toBe(false);
    expect(pastFrontDoor('shared/simulate.js')).toBe(false);
  });
});

describe('node configs', () => {
  // A node's config is typed by its kind (shared/kinds): checking `kind`, or isKind, narrows it; a cast hides a wrong field.
  it('are never cast: no source of shared/, server/ or client/ says `config as`', () => {
    const casts = ['shared', 'server', 'client'].flatMap((layer) => sources(join(ROOT, layer)))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (/\bconfig as\b/.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])));
    expect(casts).toEqual([]);
  });
});
