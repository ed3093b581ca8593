import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../client/cli/command-specs.js';
import { nines, ROOT } from './run-cli.js';

/** Time npm's own start-up may take on a loaded two-core machine. */
const NPX_TIMEOUT_MS = 90_000;

describe('nines --help', () => {
  it.each([['--help'], ['-h'], ['help'], []])('lists every command with its usage and exits 0 (%s)', (...args) => {
    const r = nines(...args);
    expect(r.status).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`nines ${c.name}`);
  });

  it('gives a command its own usage with every option', () => {
    const r = nines('simulate', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: nines simulate --level <id|file>');
    for (const flag of ['--plan <file>', '--seed <n>', '--json', '--every <seconds>']) expect(r.stdout).toContain(flag);
  });

  it('answers `nines help <command>` like `nines <command> --help`', () => {
    expect(nines('help', 'validate').stdout).toBe(nines('validate', '--help').stdout);
  });
});

describe('the nines binary', () => {
  it('runs as `npx nines` from the repository root: the build leaves it executable', () => {
    const r = spawnSync('npx', ['--no-install', 'nines', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).not.toContain('Permission denied');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('nines play');
    // npx starts npm itself, seconds of its own before ours; on a busy machine that passes the default 20 s.
  }, NPX_TIMEOUT_MS);
});

describe('nines --version', () => {
  it('prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = nines('--version');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });
});

describe('bad command lines', () => {
  it('rejects an unknown option of a command with one line naming it, exit 2', () => {
    const r = nines('simulate', '--level', 'x', '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("nines simulate: unknown option '--bogus'; see nines simulate --help\n");
  });

  it('rejects an unknown top-level option, exit 2', () => {
    const r = nines('--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^nines: unknown option '--bogus'; see nines --help\n$/);
  });

  it('rejects an unknown command by name, exit 2', () => {
    const r = nines('bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^nines: unknown command "bogus".*see nines --help\n$/);
  });

  it('names a missing required option', () => {
    const r = nines('simulate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing --level <id|file>');
  });

  it('rejects a stray argument to a command that takes none', () => {
    const r = nines('levels', 'extra');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'extra'");
  });

  it('asks validate for at least one file', () => {
    const r = nines('validate');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('nines validate: missing <file>...: expected at least 1 argument(s), got 0; see nines validate --help\n');
  });

  it('takes a negative --speed as the value it is, and says a speed is a positive number', () => {
    const play = nines('play', '--speed', '-1');
    expect([play.status, play.stderr]).toEqual([2, 'nines play: --speed: expected a positive number, from 0.1 to 100, got "-1"; see nines play --help\n']);
    const host = nines('host', '--speed', '-0.5');
    expect([host.status, host.stderr]).toEqual([2, 'nines host: --speed: expected a positive number, at most 1000, got "-0.5"; see nines host --help\n']);
  });
});
