import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomEntry } from '../../../server/room-entry.js';
import { spawnHost, type HostProcess } from '../../server/helpers/host-process.js';
import { raceLevel } from '../../server/helpers/race-level.js';
import { ROOT, STACK_FRAME } from './run-cli.js';

const MAIN = join(ROOT, 'dist', 'client', 'cli', 'main.js');
const HASH = 'a'.repeat(64);
const CODE = 'ABCDE';
/** The unprivileged user a root test runs the host as, so that permissions apply. */
const NOBODY = 65_534;

let hosts: HostProcess[] = [];
afterEach(() => {
  for (const h of hosts) h.child.kill('SIGKILL');
  hosts = [];
});

const line = (e: RoomEntry) => `${JSON.stringify(e)}\n`;

/** A data directory holding one room log with `text` as its content. */
function dataDirWith(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nines-startup-'));
  mkdirSync(join(dir, 'rooms'));
  const file = join(dir, 'rooms', `${CODE}.jsonl`);
  writeFileSync(file, text);
  return { dir, file };
}

async function host(args: string[]): Promise<HostProcess> {
  const h = await spawnHost(args);
  hosts.push(h);
  return h;
}

async function stop(h: HostProcess): Promise<void> {
  h.child.kill('SIGTERM');
  expect(await h.exited).toEqual({ code: 0, signal: null });
}

/** Runs the host as a process that must stop at once: its exit code and what it said. */
function failingHost(args: string[], uid?: number) {
  const r = spawnSync(process.execPath, [MAIN, 'host', '--headless', '--port', '0', '--bind', '127.0.0.1', ...args], {
    cwd: tmpdir(), encoding: 'utf8', timeout: 10_000, ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('nines host restores damaged room logs', () => {
  it('restores a room up to a garbage line, says what it dropped, and restarts clean the second time', async () => {
    const good: RoomEntry[] = [
      { t: 'create', v: 1, code: CODE, level: raceLevel(), seed: 11, hostTokenHash: HASH },
      { t: 'join', tick: 0, player: 'p1', name: 'ada', tokenHash: HASH },
      { t: 'start' },
      { t: 'tick', tick: 10 },
    ];
    const { dir, file } = dataDirWith(`${good.map(line).join('')}garbage\n${line({ t: 'tick', tick: 20 })}`);
    const first = await host(['--data-dir', dir]);
    expect(first.first).toMatchObject({ room: CODE, restored: true, phase: 'running', tick: 10 });
    expect(first.stderr()).toContain(`room ${CODE}: ${file}: line 5 is damaged (expected a JSON log entry, got text that is not JSON`);
    expect(first.stderr()).toContain(`dropped lines 5-6 (tick 20); the damaged log is kept as ${file}.damaged`);
    await stop(first);
    const second = await host(['--data-dir', dir]);
    expect(second.first).toMatchObject({ room: CODE, restored: true, phase: 'running' });
    expect(second.stderr()).not.toMatch(/damaged|dropped/);
    await stop(second);
  });

  it('an empty log: exits 1 before listening and leaves it untouched; --new-room sets it aside and opens a new room', async () => {
    const { dir, file } = dataDirWith('');
    for (let run = 0; run < 2; run++) {
      const r = failingHost(['--data-dir', dir]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe([
        `nines host: room ${CODE} cannot be restored from ${file}: the file is empty; the file is left untouched`,
        'nines host: not started; repair the log, or run with --new-room to set it aside (as <file>.unrestorable) and open a new room',
        '',
      ].join('\n'));
      expect(existsSync(file)).toBe(true);
    }
    const carried = await host(['--data-dir', dir, '--new-room']);
    expect(carried.first.restored).toBe(false);
    expect(carried.first.room).not.toBe(CODE);
    expect(carried.stderr()).toContain(`room ${CODE}: cannot be restored from ${file}: the file is empty; set aside, untouched, as ${file}.unrestorable`);
    expect(readFileSync(`${file}.unrestorable`, 'utf8')).toBe('');
    expect(existsSync(file)).toBe(false);
    await stop(carried);
  });
});

describe('nines host: startup errors are one line and final', () => {
  it('a data directory that is a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nines-startup-')), 'data');
    writeFileSync(file, 'not a folder');
    const r = failingHost(['--data-dir', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`nines host: data directory ${file}: expected a folder, got a file (in its place or on its path)\n`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('a data directory this user cannot write to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nines-startup-'));
    chmodSync(dir, 0o555);
    // Root writes anywhere: run the host as an unprivileged user then.
    const r = failingHost(['--data-dir', dir], process.getuid?.() === 0 ? NOBODY : undefined);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`nines host: data directory ${dir}: expected a folder this user can write to, got permission denied\n`);
    // Its rooms folder too, where the logs go once the server runs.
    chmodSync(dir, 0o777);
    mkdirSync(join(dir, 'rooms'), { mode: 0o555 });
    chmodSync(join(dir, 'rooms'), 0o555);
    const rooms = failingHost(['--data-dir', dir], process.getuid?.() === 0 ? NOBODY : undefined);
    expect(rooms.status).toBe(1);
    expect(rooms.stderr).toBe(`nines host: data directory ${dir}: ${join(dir, 'rooms')}: expected a folder this user can write to, got permission denied\n`);
  });

  it('a port in use', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const { port } = taken.address() as { port: number };
    try {
      const dir = mkdtempSync(join(tmpdir(), 'nines-startup-'));
      const r = spawnSync(process.execPath, [MAIN, 'host', '--headless', '--port', String(port), '--bind', '127.0.0.1', '--data-dir', dir], { encoding: 'utf8', timeout: 10_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`nines host: port ${port} is in use on 127.0.0.1; try --port 0 (any free port) or another port\n`);
      expect(r.stderr).not.toMatch(STACK_FRAME);
    } finally {
      taken.close();
    }
  });

});
