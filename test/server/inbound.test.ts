import { describe, expect, it } from 'vitest';
import { RULE_ERRORS } from '../../shared/errors.js';
import { CLOSE_CODES, ERROR_CODES, PROTOCOL_VERSION, rulesHash } from '../../shared/protocol.js';
import { parseInbound } from '../../server/inbound.js';

const frame = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('parseInbound', () => {
  it('accepts a message that fits its schema', () => {
    expect(parseInbound(frame({ type: 'act', seq: 3, action: { type: 'scale', node: 'app', by: 1 } }), false)).toEqual({
      ok: true, msg: { type: 'act', seq: 3, action: { type: 'scale', node: 'app', by: 1 } },
    });
  });

  it('names what is wrong with a frame that is binary, not JSON, or not a message', () => {
    expect(parseInbound(Buffer.from([1, 2, 3]), true)).toMatchObject({ ok: false, reply: { code: ERROR_CODES.BAD_MESSAGE, message: expect.stringContaining('binary frame of 3 bytes') } });
    expect(parseInbound(frame('{"type":'), false)).toMatchObject({ ok: false, reply: { code: ERROR_CODES.BAD_MESSAGE, message: expect.stringContaining('not JSON') } });
    const r = parseInbound(frame({ type: 'ready', ready: 'yes' }), false);
    expect(r).toMatchObject({ ok: false, reply: { code: ERROR_CODES.BAD_MESSAGE, message: expect.stringContaining('ready: expected true or false, got "yes"') } });
    expect(r.ok || r.close).toBeUndefined();
  });

  it('answers an action the schema refuses by its number, so the client is not left waiting', () => {
    expect(parseInbound(frame({ type: 'act', seq: 7, action: { type: 'scale', node: 'app', by: 0 } }), false)).toMatchObject({
      ok: false, reply: { type: 'ack', seq: 7, ok: false, code: RULE_ERRORS.INVALID_ACTION, message: expect.stringContaining('action.by') },
    });
  });

  it('checks the protocol version before the rest of hello, and the rules after', () => {
    const old = parseInbound(frame({ type: 'hello', protocol: PROTOCOL_VERSION - 1, brandNewField: true }), false);
    expect(old).toMatchObject({ ok: false, close: CLOSE_CODES.VERSION_MISMATCH, reply: { code: ERROR_CODES.VERSION_MISMATCH, message: expect.stringContaining('update nines on your client') } });
    const rules = parseInbound(frame({ type: 'hello', protocol: PROTOCOL_VERSION, rulesHash: 'ffff', name: 'ada', room: 'ABCDE' }), false);
    expect(rules).toMatchObject({ ok: false, close: CLOSE_CODES.VERSION_MISMATCH, reply: { code: ERROR_CODES.RULES_MISMATCH, message: expect.stringContaining(`this server has rules ${rulesHash()}`) } });
  });
});
