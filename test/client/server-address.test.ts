import { describe, expect, it } from 'vitest';
import { serverUrl } from '../../client/server-address.js';

describe('serverUrl', () => {
  it.each([
    ['127.0.0.1:7777', 'ws://127.0.0.1:7777'],
    ['lab-pc', 'ws://lab-pc:7777'],
    ['[::1]:9000', 'ws://[::1]:9000'],
    ['ws://10.0.0.5:8080', 'ws://10.0.0.5:8080'],
    ['wss://nines.example.org/play', 'wss://nines.example.org/play'],
    ['  WS://host:1234  ', 'ws://host:1234'],
  ])('reads %s as %s', (address, url) => {
    expect(serverUrl('nines join', address)).toBe(url);
  });

  it('refuses other schemes and addresses that are no address, naming what it got', () => {
    expect(() => serverUrl('nines join', 'http://host:7777')).toThrow('nines join: <address>: expected host:port, a ws:// or a wss:// URL, got "http://host:7777": http:// is not WebSocket');
    expect(() => serverUrl('nines join', 'host:notaport')).toThrow('got "host:notaport"');
    expect(() => serverUrl('nines join', '')).toThrow('got ""');
  });
});
