import { describe, expect, it } from 'vitest';
import { describeEnding, type Ending } from '../../client/connection-words.js';
import { CLOSE_CODES, ERROR_CODES } from '../../shared/protocol.js';

const to = { address: 'ws://10.0.0.5:7777', room: 'K7QZ2', name: 'ana' };
const ending = (e: Partial<Ending>): Ending => ({ code: 1006, reason: '', joined: false, ...e });
const refused = (code: string, message: string, close: number, joined = false) => describeEnding(ending({ code: close, refusal: { code, message }, joined }), to);
const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('describeEnding: a first join that fails', () => {
  it('names the room and the address for a wrong code, and never retries', () => {
    expect(refused(ERROR_CODES.ROOM_NOT_FOUND, 'no room', CLOSE_CODES.ROOM_NOT_FOUND)).toEqual({
      text: 'no room K7QZ2 at ws://10.0.0.5:7777: check the code the host gave (5 characters; never 0, O, 1, I or L)', retry: false,
    });
  });

  it('says what to update on a version or rules mismatch, with the server\'s own words for the version', () => {
    const version = refused(ERROR_CODES.VERSION_MISMATCH, 'this server speaks nines protocol 2, your client 1: update nines on your client', CLOSE_CODES.VERSION_MISMATCH);
    expect(version.text).toBe('the server at ws://10.0.0.5:7777 speaks another version of the nines protocol: this server speaks nines protocol 2, your client 1: update nines on your client');
    expect(refused(ERROR_CODES.RULES_MISMATCH, 'rules differ', CLOSE_CODES.VERSION_MISMATCH).text).toMatch(/other game rules than this nines: install the nines version the host runs/);
  });

  it('tells a full room and a taken name what to do', () => {
    expect(refused(ERROR_CODES.ROOM_FULL, 'room K7QZ2 has 100 players', CLOSE_CODES.FULL).text).toBe('room K7QZ2 is full: ask the host for another room');
    expect(refused(ERROR_CODES.NAME_TAKEN, 'taken', CLOSE_CODES.REFUSED).text).toBe('room K7QZ2 already has a player named "ana": join with another --name');
  });

  it('passes on the server\'s words for a full address and a team key, which say what to do', () => {
    const address = 'room K7QZ2 already seats 40 players from your address (10.0.0.9), the most one machine may take; for a class behind one address the host runs `nines host --max-seats-per-address 100`';
    expect(refused(ERROR_CODES.ADDRESS_FULL, address, CLOSE_CODES.FULL)).toEqual({ text: address, retry: false });
    const key = 'team red already plays in room K7QZ2: joining it needs its team key, which its members see on their screen (add --team-key <KEY>), or the host puts you in it';
    expect(refused(ERROR_CODES.BAD_TEAM_KEY, key, CLOSE_CODES.REFUSED)).toEqual({ text: key, retry: false });
  });

  it('explains network failures: nothing listening, no such host, no answer, not a nines server', () => {
    const failed = (e: Error) => describeEnding(ending({ failure: e }), to);
    expect(failed(errno('ECONNREFUSED'))).toEqual({ text: 'cannot reach ws://10.0.0.5:7777: nothing listens there (is `nines host` running, on that port?)', retry: false });
    expect(failed(errno('ENOTFOUND')).text).toBe('cannot reach ws://10.0.0.5:7777: no such host');
    expect(failed(new Error('Opening handshake has timed out')).text).toBe('cannot reach ws://10.0.0.5:7777: no answer within 5 s');
    expect(failed(new Error('Unexpected server response: 404')).text).toBe('ws://10.0.0.5:7777 is not a nines server (it answered HTTP 404)');
  });
});

describe('describeEnding: a seat once held', () => {
  it('retries when the server shut down, the network dropped or the server stopped hearing', () => {
    expect(describeEnding(ending({ code: CLOSE_CODES.SHUTDOWN, joined: true }), to)).toEqual({ text: 'the host closed the room (its server stopped)', retry: true });
    expect(describeEnding(ending({ joined: true }), to)).toEqual({ text: 'the connection dropped', retry: true });
    expect(describeEnding(ending({ code: CLOSE_CODES.TIMEOUT, joined: true }), to).retry).toBe(true);
    expect(describeEnding(ending({ failure: errno('ECONNREFUSED'), joined: true }), to).retry).toBe(true);
  });

  it('stops when the host removed the player or another connection took the seat', () => {
    const kicked = describeEnding(ending({ code: CLOSE_CODES.KICKED, refusal: { code: ERROR_CODES.UNKNOWN_PLAYER, message: 'the host removed you from room K7QZ2' }, joined: true }), to);
    expect(kicked).toEqual({ text: 'the host removed you from room K7QZ2', retry: false });
    expect(describeEnding(ending({ code: CLOSE_CODES.REPLACED, joined: true }), to)).toEqual({ text: 'another connection took your seat in room K7QZ2 (did you join again elsewhere?)', retry: false });
  });

  it('says a room lost by a server restarted without its data is gone', () => {
    expect(refused(ERROR_CODES.ROOM_NOT_FOUND, 'no room', CLOSE_CODES.ROOM_NOT_FOUND, true)).toEqual({ text: 'room K7QZ2 is gone from the server at ws://10.0.0.5:7777 (it restarted without its data)', retry: false });
  });
});
