/**
 * node-pty, loaded if it is installed. It is an optional dependency: it compiles with node-gyp where
 * no prebuilt binary fits, and a player's install must not need a C++ toolchain. The part of its API
 * the tests use is declared here, so that the build does not need it either.
 */

export interface PtyProcess {
  readonly pid: number;
  onData(listener: (data: string) => void): unknown;
  onExit(listener: (e: { exitCode: number; signal?: number }) => void): unknown;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
}

export interface PtyModule {
  spawn(file: string, args: string[], options: { name: string; cols: number; rows: number; cwd: string; env: Record<string, string> }): PtyProcess;
}

/** In a variable, so that TypeScript does not look for the module's types. */
const MODULE = 'node-pty';

/** The module, or why it could not be loaded. */
export async function loadPty(): Promise<{ pty: PtyModule } | { missing: string }> {
  try {
    const loaded = (await import(MODULE)) as { default: PtyModule };
    return { pty: loaded.default };
  } catch (e) {
    return { missing: `node-pty could not be loaded (${(e as Error).message.split('\n')[0]}); it is an optional dependency: install it with a C++ toolchain, or on a platform it has prebuilt binaries for` };
  }
}

/** Pseudo-terminal tests without node-pty: skipped on a player's machine, failed in CI, where a skip would hide them. */
export function ptyTestMode(loaded: boolean, ci: string | undefined): 'run' | 'skip' | 'fail' {
  if (loaded) return 'run';
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0' ? 'fail' : 'skip';
}
