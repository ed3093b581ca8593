import { spawn } from 'node:child_process';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from '../../server/helpers/client.js';
import { raceLevel } from '../../server/helpers/race-level.js';
import { testServer, type TestServer } from '../../server/helpers/server.js';
import { nines, ROOT, STACK_FRAME } from './run-cli.js';

const MAIN = joinPath(ROOT, 'dist', 'client', 'cli', 'main.js');

let t: TestServer | undefined;
afterEach(async () => {
  await t?.server.close();
  t = undefined;
});

/** Runs `nines bot ...` without blocking this process, whose server it talks to. */
function spawnBots(args: string[]): { exit: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [MAIN, 'bot', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += String(d); });
  child.stderr.on('data', (d: Buffer) => { stderr += String(d); });
  return { exit: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) };
}

describe('nines bot', () => {
  it('seats the bots, which play the round the host starts and print a line each and a summary', async () => {
    t = await testServer();
    const { code, hostToken } = t.server.rooms.create(raceLevel());
    const { client: host } = await join(t.url, code, 'teacher', { spectate: true, hostToken });
    const { exit } = spawnBots([`127.0.0.1:${t.server.port}`, code.toLowerCase(), '--count', '3', '--strategy', 'random', '--name', 'rnd', '--seed', '8']);
    await host.next('room', (m) => m.room.players.length === 3 && m.room.players.every((p) => p.ready));
    host.send({ type: 'start' });
    const { code: status, stdout, stderr } = await exit;
    host.ws.terminate();
    expect(stderr).toBe(`nines bot: 3 bots ready in the lobby of room ${code}; waiting for the host to start the round\n`);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).sort()).toEqual([
      expect.stringMatching(/^rnd-1: rank [123] of 3, availability \d+\.\d\d%, score \d+, cost \d+ of 3000, (passed|failed) \(\d+ actions?\)$/),
      expect.stringMatching(/^rnd-2: rank [123] of 3, /),
      expect.stringMatching(/^rnd-3: rank [123] of 3, /),
    ]);
    expect(lines[3]).toMatch(new RegExp(`^3 random bots in room ${code}: 3 with results, [0-3] passed, mean availability \\d+\\.\\d\\d%$`));
  });

  it('fails with the reason when the room does not exist', async () => {
    t = await testServer();
    const { code, stdout } = await spawnBots([`ws://127.0.0.1:${t.server.port}`, 'ZZZZZ', '--strategy', 'idle']).exit;
    expect(code).toBe(1);
    expect(stdout).toMatch(/^bot-1: left: .*ZZZZZ/m);
    expect(stdout).toMatch(/1 could not play$/m);
  });

  it.each([
    [['--count', 'lots'], '--count: expected a whole number from 1 to 1000, got "lots"'],
    [['--count', '1001'], '--count: expected a whole number from 1 to 1000, got "1001"'],
    [['--strategy', 'smart'], '--strategy: expected one of idle, random, greedy, got "smart"'],
    [['--seed', '1.5'], '--seed: expected an integer from 0 to 4294967295, got "1.5"'],
    [['--name', 'x'.repeat(23)], '--name: expected a prefix of 1 to 22 characters'],
  ])('refuses %j with a message naming the flag, and exit code 2', (flags, message) => {
    const r = nines('bot', '127.0.0.1:7777', 'ABCDE', ...flags);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`nines bot: ${message}`);
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stdout).toBe('');
  });

  it('refuses a room code or an address it cannot use', () => {
    expect(nines('bot', '127.0.0.1:7777', 'AB0DE').stderr).toContain('nines bot: <CODE>: expected 5 letters and digits (never 0, O, 1, I or L), got "AB0DE"');
    const r = nines('bot', 'http://example.com', 'ABCDE');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nines bot: <address>: expected host:port, a ws:// or a wss:// URL, got "http://example.com": http:// is not WebSocket');
  });

  it('documents itself', () => {
    const r = nines('bot', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: nines bot <address> <CODE> [--count <n>] [--strategy <idle|random|greedy>] [--name <prefix>] [--seed <n>] [--team <name>]');
  });
});
