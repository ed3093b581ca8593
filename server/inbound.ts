import { RULE_ERRORS } from '../shared/errors.js';
import {
  CLOSE_CODES, ERROR_CODES, PROTOCOL_VERSION, clientMessageSchema, rulesHash,
  type ClientMessage, type CloseCode, type ServerMessageOf,
} from '../shared/protocol.js';
import { formatIssues } from './zod-issues.js';

/** Problems named in one error message; a garbage frame could otherwise produce hundreds. */
const MAX_ISSUES_SHOWN = 3;

type Inbound =
  | { ok: true; msg: ClientMessage }
  /** The answer to send (an error, or a refused action's ack), and the close code when the connection cannot go on. */
  | { ok: false; reply: ServerMessageOf<'error'> | ServerMessageOf<'ack'>; close?: CloseCode };

function bad(message: string): Inbound {
  return { ok: false, reply: { type: 'error', code: ERROR_CODES.BAD_MESSAGE, message } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The side that is behind, so the message tells the user what to update. */
function olderSide(theirs: number): string {
  return theirs < PROTOCOL_VERSION ? 'your client' : 'this server';
}

/**
 * Reads one frame from a client: JSON, then the message schema, before anything else looks at it.
 * Version and rules are checked first, so an older or newer client is told what to update rather
 * than that its hello is malformed.
 */
export function parseInbound(data: Buffer, isBinary: boolean): Inbound {
  if (isBinary) return bad(`expected a text frame holding one JSON message, got a binary frame of ${data.length} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (e) {
    return bad(`expected one JSON message, got text that is not JSON (${(e as Error).message})`);
  }
  if (isRecord(json) && json.type === 'hello' && typeof json.protocol === 'number' && json.protocol !== PROTOCOL_VERSION) {
    return {
      ok: false, close: CLOSE_CODES.VERSION_MISMATCH,
      reply: { type: 'error', code: ERROR_CODES.VERSION_MISMATCH, message: `this server speaks nines protocol ${PROTOCOL_VERSION}, your client ${json.protocol}: update nines on ${olderSide(json.protocol)}` },
    };
  }
  const parsed = clientMessageSchema.safeParse(json);
  if (!parsed.success) {
    const problems = formatIssues(parsed.error.issues, json);
    const text = problems.slice(0, MAX_ISSUES_SHOWN).join('; ') + (problems.length > MAX_ISSUES_SHOWN ? `; and ${problems.length - MAX_ISSUES_SHOWN} more` : '');
    // An action the schema refuses is still answered by number, so the client's pending action resolves.
    if (isRecord(json) && json.type === 'act' && Number.isSafeInteger(json.seq) && (json.seq as number) >= 0 && !problems.some((p) => p.startsWith('seq'))) {
      return { ok: false, reply: { type: 'ack', seq: json.seq as number, ok: false, code: RULE_ERRORS.INVALID_ACTION, message: text } };
    }
    return bad(`expected a nines message, got one that does not fit: ${text}`);
  }
  const msg = parsed.data;
  if (msg.type === 'hello' && msg.rulesHash !== rulesHash()) {
    return {
      ok: false, close: CLOSE_CODES.VERSION_MISMATCH,
      reply: { type: 'error', code: ERROR_CODES.RULES_MISMATCH, message: `the game rules differ: this server has rules ${rulesHash()}, your client ${msg.rulesHash}; install the same nines version on both sides` },
    };
  }
  return { ok: true, msg };
}
