import { CLOSE_CODES, ERROR_CODES, ROOM_CODE_LENGTH } from '../shared/protocol.js';

// Every way a connection to a server ends, in the words a player can act on, and whether trying
// again may help: the server's error codes, its close codes and the network's errors, in one place.

/** Where the client was going: the words name it. */
export interface Destination {
  /** The server's WebSocket URL. */
  address: string;
  room: string;
  name: string;
}

/** How a connection ended, as far as the client saw. */
export interface Ending {
  /** The close code (1006 when no close frame came). */
  code: number;
  reason: string;
  /** The error the server sent just before it closed, if any. */
  refusal?: { code: string; message: string };
  /** The socket's own error (refused, no such host, no answer...), if any. */
  failure?: Error;
  /** Whether the server had welcomed this client before: a first join that fails is not retried. */
  joined: boolean;
}

export interface Verdict {
  text: string;
  /** Whether reconnecting may work. */
  retry: boolean;
}

/** How long the client waits for a server to accept a connection, in milliseconds. */
export const CONNECT_TIMEOUT_MS = 5_000;

type Words = (to: Destination, detail: string, joined: boolean) => string;

/** What a client says once the host has stopped the room's server, until it comes back. */
const HOST_CLOSED = 'the host closed the room (its server stopped)';

/** Refusals the server explains with an error before closing; the rest are told by the close code. */
const REFUSALS: Partial<Record<string, { words: Words; retry: boolean }>> = {
  [ERROR_CODES.VERSION_MISMATCH]: { words: (to, message) => `the server at ${to.address} speaks another version of the nines protocol: ${message}`, retry: false },
  [ERROR_CODES.RULES_MISMATCH]: { words: (to) => `the server at ${to.address} plays by other game rules than this nines: install the nines version the host runs, then join again`, retry: false },
  [ERROR_CODES.ROOM_NOT_FOUND]: {
    words: (to, _m, joined) => (joined
      ? `room ${to.room} is gone from the server at ${to.address} (it restarted without its data)`
      : `no room ${to.room} at ${to.address}: check the code the host gave (${ROOM_CODE_LENGTH} characters; never 0, O, 1, I or L)`),
    retry: false,
  },
  [ERROR_CODES.ROOM_FULL]: { words: (to) => `room ${to.room} is full: ask the host for another room`, retry: false },
  [ERROR_CODES.SERVER_FULL]: { words: (to) => `the server at ${to.address} is full: try again in a minute`, retry: true },
  // The server's own words say which flag the host needs, or where the team key is.
  [ERROR_CODES.ADDRESS_FULL]: { words: (_to, message) => message, retry: true },
  [ERROR_CODES.BAD_TEAM_KEY]: { words: (_to, message) => message, retry: false },
  [ERROR_CODES.NAME_TAKEN]: { words: (to) => `room ${to.room} already has a player named "${to.name}": join with another --name`, retry: false },
  [ERROR_CODES.BAD_RESUME_TOKEN]: { words: (to) => `the server no longer knows this seat in room ${to.room}: join again`, retry: false },
  [ERROR_CODES.BAD_HOST_TOKEN]: { words: (to) => `the host token is not room ${to.room}'s`, retry: false },
  [ERROR_CODES.BAD_MESSAGE]: { words: (_to, message) => `the server could not read this client (a bug in nines): ${message}`, retry: false },
};

/** Close codes, when no refusal explains them. */
const CLOSES: Partial<Record<number, { words: Words; retry: boolean }>> = {
  [CLOSE_CODES.LEAVE]: { words: () => 'you left the room', retry: false },
  // The room comes back if its server starts again on the same data, so the client keeps trying.
  [CLOSE_CODES.SHUTDOWN]: { words: () => HOST_CLOSED, retry: true },
  [CLOSE_CODES.PROTOCOL_ERROR]: { words: (_to, reason) => `the server found this client broke the protocol (${reason}): a bug in nines`, retry: false },
  [CLOSE_CODES.VERSION_MISMATCH]: { words: (to) => `the server at ${to.address} runs another version of nines: install the version the host runs`, retry: false },
  [CLOSE_CODES.KICKED]: { words: (to) => `the host removed you from room ${to.room}`, retry: false },
  [CLOSE_CODES.RATE_LIMITED]: { words: () => 'the server cut this client off for sending too many messages', retry: true },
  [CLOSE_CODES.REPLACED]: { words: (to) => `another connection took your seat in room ${to.room} (did you join again elsewhere?)`, retry: false },
  [CLOSE_CODES.ROOM_NOT_FOUND]: { words: (to) => `no room ${to.room} at ${to.address}`, retry: false },
  [CLOSE_CODES.FULL]: { words: (to) => `room ${to.room} or its server is full`, retry: false },
  [CLOSE_CODES.BAD_TOKEN]: { words: (to) => `the server refused this seat's token for room ${to.room}`, retry: false },
  [CLOSE_CODES.TIMEOUT]: { words: () => 'the server stopped hearing from this client', retry: true },
  [CLOSE_CODES.TOO_SLOW]: { words: () => 'this client fell behind reading the server', retry: true },
  [CLOSE_CODES.REFUSED]: { words: (to) => `room ${to.room} refused the name "${to.name}"`, retry: false },
  [CLOSE_CODES.INTERNAL_ERROR]: { words: () => 'the server met a bug handling this client', retry: true },
  [CLOSE_CODES.MESSAGE_TOO_BIG]: { words: () => 'the server refused a message too big for it (a bug in nines)', retry: false },
};

/** The socket's own errors: why no connection was made or why it broke. */
function failureWords(to: Destination, e: Error, joined: boolean): string {
  const code = (e as NodeJS.ErrnoException).code;
  const http = /Unexpected server response: (\d+)/.exec(e.message);
  if (http) return `${to.address} is not a nines server (it answered HTTP ${http[1]})`;
  switch (code) {
    case 'ECONNREFUSED': return `cannot reach ${to.address}: nothing listens there (is \`nines host\` running, on that port?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN': return `cannot reach ${to.address}: no such host`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return `cannot reach ${to.address}: no route to that host`;
    case 'ECONNRESET': return `the connection to ${to.address} was cut`;
    default:
      if (/handshake has timed out/i.test(e.message)) return `cannot reach ${to.address}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
      return joined ? `the connection failed: ${e.message}` : `cannot reach ${to.address}: ${e.message}`;
  }
}

/** Why a connection ended and whether to try again. A first join that fails is never retried. */
export function describeEnding(e: Ending, to: Destination): Verdict {
  const refusal = e.refusal && REFUSALS[e.refusal.code];
  if (refusal && e.refusal) return { text: refusal.words(to, e.refusal.message, e.joined), retry: e.joined && refusal.retry };
  const close = CLOSES[e.code];
  if (close) return { text: close.words(to, e.reason, e.joined), retry: e.joined && close.retry };
  if (e.failure) return { text: failureWords(to, e.failure, e.joined), retry: e.joined };
  return { text: e.joined ? 'the connection dropped' : `${to.address} closed the connection before a welcome (code ${e.code})`, retry: e.joined };
}
