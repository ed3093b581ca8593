import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import { describe, it } from 'vitest';
import { loadPty, ptyTestMode } from '../../helpers/node-pty.js';
import { ROOT } from './levels.js';

const loaded = await loadPty();
const mode = ptyTestMode('pty' in loaded, process.env.CI);

/**
 * `describe` for tests that drive the real client in a pseudo-terminal: where node-pty is missing
 * they show as skipped, with the reason; when CI is set they fail instead.
 */
export function describePty(name: string, body: () => void): void {
  const why = 'missing' in loaded ? loaded.missing : '';
  if (mode === 'run') describe(name, body);
  else if (mode === 'skip') describe.skip(`${name} (skipped: ${why})`, body);
  else describe(name, () => {
    it('needs a pseudo-terminal', () => {
      throw new Error(`CI is set, so pseudo-terminal tests may not be skipped: ${why}`);
    });
  });
}

/** The compiled binary the suite's global setup builds. */
const MAIN = join(ROOT, 'dist', 'client', 'cli', 'main.js');
/** How long a screen may take to show what a test waits for. */
const WAIT_MS = 5_000;
/** Poll period while waiting for the screen. */
const POLL_MS = 10;

export interface PtyClient {
  /** The screen's rows as text. */
  rows(): string[];
  screen(): string;
  /** Everything the client wrote. */
  raw(): string;
  /** Writes keys as typed; each string is one write (send ESC alone so it is not read as Alt). */
  type(...chunks: string[]): Promise<void>;
  waitFor(expected: string | RegExp, timeoutMs?: number): Promise<void>;
  waitForGone(text: string, timeoutMs?: number): Promise<void>;
  /** Waits until the screen's rows pass `check`. */
  waitUntil(check: (rows: string[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  resize(cols: number, rows: number): void;
  /** Resolves with the exit code once the client has exited. */
  exited(timeoutMs?: number): Promise<number>;
  /** Whether the terminal is back on its main screen. */
  onMainScreen(): boolean;
  kill(): void;
  /** Milliseconds from spawn to the first appearance of the text waited for first. */
  startedAt: number;
}

export const KEYS = { up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D', enter: '\r', esc: '\x1b', tab: '\t', backspace: '\x7f', ctrlC: '\x03' };

export function spawnClient(args: string[], options: { cols?: number; rows?: number; env?: Record<string, string> } = {}): PtyClient {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const stateDir = mkdtempSync(join(tmpdir(), 'nines-state-'));
  const startedAt = Date.now();
  if (!('pty' in loaded)) throw new Error(loaded.missing);
  const child = loaded.pty.spawn(process.execPath, [MAIN, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: ROOT,
    env: { ...process.env, LANG: 'C.UTF-8', TERM: 'xterm-256color', NINES_STATE_DIR: stateDir, ...options.env } as Record<string, string>,
  });
  let raw = '';
  let exitCode: number | undefined;
  child.onData((d) => {
    raw += d;
    term.write(d);
  });
  // The terminal's answers to queries go back to the client, as a real terminal's would.
  term.onData((d) => { if (exitCode === undefined) child.write(d); });
  child.onExit((e) => { exitCode = e.exitCode; });

  const rowsText = () => {
    const b = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) out.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  // xterm parses writes asynchronously: flush by writing nothing and waiting for its callback.
  const flushed = () => new Promise<void>((r) => term.write('', r));
  const poll = async (done: () => boolean, what: string, timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      await flushed();
      if (done()) return;
      if (Date.now() > end) throw new Error(`${what}: not seen after ${timeoutMs} ms${exitCode !== undefined ? ` (client exited ${exitCode})` : ''}; the screen:\n${rowsText().join('\n')}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const matches = (expected: string | RegExp) => {
    const text = rowsText().join('\n');
    return typeof expected === 'string' ? text.includes(expected) : expected.test(text);
  };
  return {
    startedAt,
    rows: rowsText,
    screen: () => rowsText().join('\n'),
    raw: () => raw,
    async type(...chunks) {
      for (const c of chunks) {
        child.write(c);
        // Separate writes, so ESC is not taken for Alt+key and each key is read on its own.
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
    waitFor: (expected, timeoutMs = WAIT_MS) => poll(() => matches(expected), `expected ${String(expected)}`, timeoutMs),
    waitForGone: (text, timeoutMs = WAIT_MS) => poll(() => !matches(text), `expected "${text}" to go`, timeoutMs),
    waitUntil: (check, what, timeoutMs = WAIT_MS) => poll(() => check(rowsText()), what, timeoutMs),
    resize(c, r) {
      term.resize(c, r);
      child.resize(c, r);
    },
    async exited(timeoutMs = WAIT_MS) {
      await poll(() => exitCode !== undefined, 'the client to exit', timeoutMs);
      await flushed();
      return exitCode!;
    },
    onMainScreen: () => term.buffer.active.type === 'normal',
    kill() {
      if (exitCode === undefined) child.kill();
    },
  };
}
