import { z } from 'zod';
import { actionSchema } from '../shared/action.js';
import { difficultySchema } from '../shared/difficulty.js';
import { eventSchema, levelSchema } from '../shared/level.js';
import { playerIdSchema } from '../shared/protocol.js';

/** Bumped when a room log written by an older server could no longer be replayed by this one. */
export const ROOM_LOG_VERSION = 1;

const tick = z.number().int().min(0);
const player = playerIdSchema;
const tokenHash = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');
const seed = z.number().int().min(0).max(0xffffffff);

/**
 * One line of a room's log: a decision the room made, in the order it made it. Replaying them from
 * the first gives the same room, to the state hash. Tokens appear only as their hashes.
 */
export const roomEntrySchema = z.discriminatedUnion('t', [
  /** Always the first line. */
  /** `sequence`: a series of levels played in turn (the first is `level`), with cumulative totals. */
  /** `difficulty`: every game of the room is played at it (absent: normal); its levels are logged as played, difficulty applied. */
  z.object({ t: z.literal('create'), v: z.literal(ROOM_LOG_VERSION), code: z.string(), level: levelSchema, seed, hostTokenHash: tokenHash, sequence: z.array(levelSchema).optional(), difficulty: difficultySchema.optional() }),
  /** `team`: the team the player joined, whose architecture they share; absent to play alone. */
  /** `from`: a hash of the remote address that took the seat, so the per-address seat cap outlives a restart. */
  z.object({ t: z.literal('join'), tick, player, name: z.string(), tokenHash, team: z.string().optional(), from: z.string().optional() }),
  /** A team was made (by its first member's join, or by the host), with the key that lets others in. */
  z.object({ t: z.literal('team'), team: z.string(), key: z.string() }),
  /** The host put a player in a team in the lobby (absent: to play alone). */
  z.object({ t: z.literal('assign'), player, team: z.string().optional() }),
  /** A resume rotated the seat's token. */
  z.object({ t: z.literal('token'), player, tokenHash, from: z.string().optional() }),
  z.object({ t: z.literal('ready'), player, ready: z.boolean() }),
  /** A player left the lobby (during a game a seat is kept). */
  z.object({ t: z.literal('leave'), player }),
  z.object({ t: z.literal('kick'), tick, player }),
  /** The countdown ended: every seat gets a game at tick 0. */
  z.object({ t: z.literal('start') }),
  /** An action the rules processed at this tick, accepted (ok) or refused. */
  z.object({ t: z.literal('act'), tick, player, seq: z.number().int().min(0), action: actionSchema, ok: z.boolean() }),
  /** A live event, its `at` absolute (seconds of game time). */
  z.object({ t: z.literal('fire'), tick, event: eventSchema, player: z.string().optional() }),
  z.object({ t: z.literal('pause'), tick }),
  z.object({ t: z.literal('resume'), tick }),
  /** A checkpoint: the games reached this tick. */
  z.object({ t: z.literal('tick'), tick }),
  z.object({ t: z.literal('end'), tick }),
  /** The host moved on to another round: back to the lobby with this level. */
  z.object({ t: z.literal('level'), level: levelSchema, seed }),
]);
export type RoomEntry = z.infer<typeof roomEntrySchema>;
export type RoomEntryOf<T extends RoomEntry['t']> = Extract<RoomEntry, { t: T }>;
