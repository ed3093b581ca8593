import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../shared/protocol.js';
import { join as joinRoom } from '../../server/helpers/client.js';
import { spawnHost, type HostProcess } from '../../server/helpers/host-process.js';
import { RACE_LEVEL_FILE } from '../../server/helpers/race-level.js';
import { ROOT, nines } from './run-cli.js';

const MAIN = join(ROOT, 'dist', 'client', 'cli', 'main.js');
const tempDir = () => mkdtempSync(join(tmpdir(), 'nines-host-'));

let hosts: HostProcess[] = [];
afterEach(() => {
  for (const h of hosts) h.child.kill('SIGKILL');
  hosts = [];
});

describe('nines host --headless', () => {
  it('prints the room, its host token and the exact join command; SIGTERM closes clients with the shutdown code', async () => {
    const dataDir = tempDir();
    const h = await spawnHost(['--level', RACE_LEVEL_FILE, '--data-dir', dataDir]);
    hosts.push(h);
    const { room, address, hostToken } = h.first;
    expect(room).toMatch(/^[2-9A-HJKMNP-Z]{5}$/);
    expect(h.first).toMatchObject({ level: 'race', restored: false, phase: 'lobby', join: `nines join ${address} ${room} --name <name>` });
    expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(hostToken).toMatch(/^[\w-]{21}$/);
    const ada = await joinRoom(h.url, room, 'ada');
    expect(ada.welcome.playerId).toBe('p1');
    expect(existsSync(join(dataDir, 'rooms', `${room}.jsonl`))).toBe(true);
    h.child.kill('SIGTERM');
    expect((await ada.client.closed).code).toBe(CLOSE_CODES.SHUTDOWN);
    expect(await h.exited).toEqual({ code: 0, signal: null });
    expect(h.stderr()).toMatch(/info room .+: ada joined as p1\n/);
    expect(h.stderr()).toMatch(/info server: stopped\n$/);
  });

  it('gives players the machine\'s network address when bound to every interface', async () => {
    const h = await spawnHost(['--level', RACE_LEVEL_FILE, '--data-dir', tempDir(), '--bind', '0.0.0.0']);
    hosts.push(h);
    const external = Object.values(networkInterfaces()).flatMap((l) => l ?? []).find((a) => a.family === 'IPv4' && !a.internal);
    expect(h.first.address.split(':')[0]).toBe(external?.address ?? '127.0.0.1');
  });
});

describe('nines host (console)', () => {
  it('takes host controls typed into its terminal, and quits cleanly', async () => {
    const child = spawn(process.execPath, [MAIN, 'host', '--port', '0', '--level', RACE_LEVEL_FILE, '--data-dir', tempDir()], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = once(child, 'exit');
    const lines = createInterface({ input: child.stdout });
    let joinLine = '';
    for await (const line of lines) {
      if (line.includes('players join with:')) {
        joinLine = line;
        break;
      }
    }
    const [, address, room] = /nines join (\S+) (\S+) --name <name>/.exec(joinLine)!;
    const ada = await joinRoom(`ws://${address}`, room!, 'ada');
    // The host puts a player in a team: the player is told the team and its key.
    child.stdin.write('team p1 the reds\n');
    expect(await ada.client.next('team')).toMatchObject({ team: 'the reds', key: expect.stringMatching(/^[2-9A-HJKMNP-Z]{6}$/) });
    child.stdin.write('start\n');
    expect((await ada.client.next('room', (m) => m.room.phase === 'countdown')).room.countdownMs).toBeGreaterThan(0);
    child.stdin.write('quit\n');
    expect((await ada.client.closed).code).toBe(CLOSE_CODES.SHUTDOWN);
    expect(await exited).toEqual([0, null]);
  });
});

describe('nines host: bad command lines', () => {
  it('names the bad option value, exit 2', () => {
    const port = nines('host', '--port', '70000');
    expect(port.status).toBe(2);
    expect(port.stderr).toBe('nines host: --port: expected a port number from 0 to 65535 (0: any free port), got "70000"; see nines host --help\n');
    const level = nines('host', '--port', '0', '--log-level', 'loud');
    expect(level.status).toBe(2);
    expect(level.stderr).toContain('--log-level: expected one of error, warn, info, debug, got "loud"');
  });
});
