import { createHash } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, TEAM_KEY_LENGTH } from '../shared/protocol.js';

/** A fresh room code, e.g. `K7QX3`. Callers check it is not taken. */
export const newRoomCode: () => string = customAlphabet(ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH);

/** A fresh team key, e.g. `Q7MZ4K`: read out by a member to a teammate, so the room code's alphabet. */
export const newTeamKey: () => string = customAlphabet(ROOM_CODE_ALPHABET, TEAM_KEY_LENGTH);

/** A secret token (resume or host): 21 URL-safe characters, 126 random bits. */
export function newToken(): string {
  return nanoid();
}

/**
 * What the server keeps of a token: its SHA-256. Logs and memory hold only this, so a leaked log
 * lets nobody take a seat.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
