import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/levels.js';

const MAIN = join(ROOT, 'dist', 'client', 'cli', 'main.js');
const nines = (...args: string[]) => spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

describe('nines join: the command line', () => {
  it('names a bad address, room code or name in one line and exits 2, before looking for a terminal', () => {
    const cases: [string[], string][] = [
      [['join', 'http://lab:7777', 'K7QZ2', '--name', 'ana'], 'nines join: <address>: expected host:port, a ws:// or a wss:// URL, got "http://lab:7777": http:// is not WebSocket; see nines join --help\n'],
      [['join', 'lab:7777', 'K0QZ2', '--name', 'ana'], 'nines join: <CODE>: expected 5 letters and digits (never 0, O, 1, I or L), got "K0QZ2"; see nines join --help\n'],
      [['join', 'lab:7777', 'K7QZ2', '--name', ' '], 'nines join: --name: expected 1 to 24 characters, no control characters, got " "; see nines join --help\n'],
      [['join'], 'nines join: missing <address> <CODE>: expected 2 argument(s), got 0; see nines join --help\n'],
      [['join', '--name', 'ana'], 'nines join: missing <address> <CODE>: expected 2 argument(s), got 0; see nines join --help\n'],
      [['join', 'lab:7777'], 'nines join: missing <CODE>: expected 2 argument(s), got 1; see nines join --help\n'],
      [['join', 'lab:7777', 'K7QZ2'], 'nines join: missing --name <name>; see nines join --help\n'],
      [['join', 'lab:7777', 'K7QZ2', '--name', 'ana'], 'nines join: expected a terminal: stdin and stdout must be a tty; see nines join --help\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = nines(...args);
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 2, stderr });
    }
  });

  it('is listed with its options in the help', () => {
    const r = nines('join', '--help');
    expect(r.stdout).toMatch(/^Usage: nines join <address> <CODE> --name <name> .*\[--spectate\].*\[--no-mouse\] \[--mono\] \[--no-tips\]$/m);
  });
});
