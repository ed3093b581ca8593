// Splits a CPU profile of the server process into the parts the load benchmark reports: the
// simulation (which has its own budget, `npm run bench`), the state hash, the transport (socket
// writes, ws framing, streams), garbage collection, and the rest of the server. Busy time only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

export const PARTS = ['simulation', 'state hash', 'transport', 'garbage collection', 'server and rules'] as const;
export type Part = (typeof PARTS)[number];

/** Native functions of the socket path: writes, and the UTF-8 coding of frames in and out. */
const TRANSPORT_NATIVES = new Set(['writev', 'writeUtf8String', 'writeBuffer', 'utf8Slice', 'isUtf8']);

/** Which part a frame's self time belongs to, or undefined for idle. */
function partOf(functionName: string, url: string): Part | undefined {
  if (functionName === '(idle)') return undefined;
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (url.includes('/shared/sim/') || url.endsWith('/shared/game.js')) return 'simulation';
  if (url.endsWith('/shared/state-hash.js')) return 'state hash';
  if (url === '' ? TRANSPORT_NATIVES.has(functionName) : url.includes('/node_modules/ws/') || url.startsWith('node:internal/stream') || url.startsWith('node:net')) return 'transport';
  return 'server and rules';
}

/** The newest profile in `dir`, split into its parts as shares of busy time. */
export function profileParts(dir: string): { file: string; busyMs: number; shares: Record<Part, number> } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(dir, f));
  if (!files.length) throw new Error(`${dir}: expected a .cpuprofile, got none`);
  const file = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const time = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!;
    const part = partOf(frame.functionName, frame.url);
    if (part) time[part] += profile.timeDeltas[i] ?? 0;
  });
  const busy = PARTS.reduce((a, p) => a + time[p], 0);
  const shares = Object.fromEntries(PARTS.map((p) => [p, busy ? time[p] / busy : 0])) as Record<Part, number>;
  return { file, busyMs: busy / 1000, shares };
}
