import { DEFAULTS } from '../server/limits.js';
import { UsageError } from './cli/usage-error.js';

/**
 * The WebSocket URL of a server as a player types it: `host:port` (the port `nines host` uses when
 * none is given), or a ws:// or wss:// URL as is.
 */
export function serverUrl(command: string, address: string): string {
  const raw = address.trim();
  const bad = (why: string) => new UsageError(command, `<address>: expected host:port, a ws:// or a wss:// URL, got "${address}"${why}`);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'ws' && scheme !== 'wss') throw bad(`: ${scheme}:// is not WebSocket`);
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `ws://${raw}` : raw);
  } catch {
    throw bad('');
  }
  if (!url.hostname) throw bad(': no host');
  if (scheme === undefined && !url.port) url.port = String(DEFAULTS.PORT);
  return url.href.endsWith('/') && url.pathname === '/' ? url.href.slice(0, -1) : url.href;
}
