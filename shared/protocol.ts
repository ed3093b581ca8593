import { z } from 'zod';
import { SIM_REVISION } from './sim/revision.js';
import { actionSchema } from './action.js';
import { debriefSchema } from './debrief/schema.js';
import { difficultySchema } from './difficulty.js';
import { CATALOG, LINKABLE, MAX_LINKS, MAX_NODES, TIER_FACTOR } from './catalog.js';
import { RULE_ERRORS } from './errors.js';
import { eventSchema, levelSchema } from './level.js';
import { FAILURE_REASONS } from './reasons.js';
import { TIE_BREAKS } from './ranking.js';
import { SCORE_FORMULA } from './scoring.js';
import { canonicalJson, hashText } from './state-hash.js';
import type { GameState } from './state.js';

// How server and client talk: JSON over WebSocket, one message a frame, each message one member of a
// discriminated union on `type`. Messages evolve additively: unknown fields are ignored, not refused.

/** Bumped on any change an older peer would misread. */
export const PROTOCOL_VERSION = 3;

/** Close codes of the server, in the range RFC 6455 leaves to applications. */
export const CLOSE_CODES = {
  /** The client said leave: do not reconnect. */
  LEAVE: 4000,
  /** The server is shutting down; the room will be back if it restarts on the same data directory. */
  SHUTDOWN: 4001,
  /** The client broke the protocol (no hello in time, a message that needs one before it). */
  PROTOCOL_ERROR: 4002,
  /** Protocol version or rules differ between client and server: update one of them. */
  VERSION_MISMATCH: 4003,
  /** The host removed this player; the seat is gone. */
  KICKED: 4004,
  /** Too many messages too fast. */
  RATE_LIMITED: 4005,
  /** A newer connection took this seat over (the same player reconnected). */
  REPLACED: 4006,
  /** No room has that code. */
  ROOM_NOT_FOUND: 4007,
  /** The room or the server is full. */
  FULL: 4008,
  /** The resume or host token is not valid for this room. */
  BAD_TOKEN: 4009,
  /** No pong came back: the connection is presumed dead. */
  TIMEOUT: 4010,
  /** The client read too slowly and its send buffer overflowed; it may reconnect. */
  TOO_SLOW: 4011,
  /** The hello was refused for the reason in the error before (a taken name): change it and reconnect. */
  REFUSED: 4012,
  /** The server met a bug handling this connection's message (it is logged); reconnecting may work. */
  INTERNAL_ERROR: 4013,
  /** Standard code (not ours): ws closes with it when a frame exceeds MAX_PAYLOAD_BYTES. */
  MESSAGE_TOO_BIG: 1009,
} as const;
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Why the server refused a message. Stable: clients match on them. */
export const ERROR_CODES = {
  /** The frame is not JSON, is binary, or does not fit any message schema. */
  BAD_MESSAGE: 'BAD_MESSAGE',
  /** The client's protocol version differs from the server's. */
  VERSION_MISMATCH: 'VERSION_MISMATCH',
  /** The client's game rules differ from the server's. */
  RULES_MISMATCH: 'RULES_MISMATCH',
  /** Only hello is accepted before a hello. */
  HELLO_FIRST: 'HELLO_FIRST',
  /** This connection already said hello. */
  ALREADY_JOINED: 'ALREADY_JOINED',
  /** No room has that code. */
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  /** The room has no free seat (or no room for another spectator). */
  ROOM_FULL: 'ROOM_FULL',
  /** The server holds as many rooms or connections as it allows. */
  SERVER_FULL: 'SERVER_FULL',
  /** Another seat of the room has that name. */
  NAME_TAKEN: 'NAME_TAKEN',
  /** The resume token matches no seat of this room. */
  BAD_RESUME_TOKEN: 'BAD_RESUME_TOKEN',
  /** The host token is not this room's. */
  BAD_HOST_TOKEN: 'BAD_HOST_TOKEN',
  /** Host controls need the host token. */
  NOT_HOST: 'NOT_HOST',
  /** Spectators watch; only seated players act. */
  NOT_A_PLAYER: 'NOT_A_PLAYER',
  /** The request does not fit the room's phase (start during a game, act in the lobby...). */
  WRONG_PHASE: 'WRONG_PHASE',
  /** The host started a room nobody has joined. */
  NO_PLAYERS: 'NO_PLAYERS',
  /** An action number at or below the last one processed: already handled, ignored. */
  DUPLICATE_SEQ: 'DUPLICATE_SEQ',
  /** The host named no such player. */
  UNKNOWN_PLAYER: 'UNKNOWN_PLAYER',
  /** The host asked for a level the server cannot load. */
  UNKNOWN_LEVEL: 'UNKNOWN_LEVEL',
  /** One remote address holds as many seats of the room, or sockets on the server, as one machine may. */
  ADDRESS_FULL: 'ADDRESS_FULL',
  /** Joining an existing team (or a team's seat by name) needs its team key: it was missing or wrong. */
  BAD_TEAM_KEY: 'BAD_TEAM_KEY',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Room phases, in the order a round goes through them. */
export const PHASES = ['lobby', 'countdown', 'running', 'paused', 'ended'] as const;
const phaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof phaseSchema>;

/** Room codes: short and unambiguous when read aloud or off a projector (no 0/O, 1/I/L). */
export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Characters in a room code. */
export const ROOM_CODE_LENGTH = 5;
/** Characters in a team key, drawn from the room code alphabet: a member reads it out to a teammate. */
export const TEAM_KEY_LENGTH = 6;
/** Longest player name, in characters. */
export const MAX_NAME_CHARS = 24;
/** Longest token accepted (resume and host tokens are 21 characters). */
const MAX_TOKEN_CHARS = 64;

const tokenSchema = z.string().min(1).max(MAX_TOKEN_CHARS);
/** Player ids are given by the server: p1, p2... */
export const playerIdSchema = z.string().regex(/^p[1-9][0-9]{0,5}$/, 'a player id is p followed by a number, e.g. p3');
/** Names show in everyone's terminal: no control characters. */
export const nameSchema = z.string().trim().min(1).max(MAX_NAME_CHARS).regex(/^[^\p{C}]+$/u, 'a name has no control characters');
/** Codes are typed by people: case and surrounding spaces do not matter. */
export const roomCodeSchema = z.string().max(16).transform((s) => s.trim().toUpperCase());
const seqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// Client to server.

const helloSchema = z.object({
  type: z.literal('hello'),
  protocol: z.number().int(),
  rulesHash: z.string().max(64),
  name: nameSchema,
  room: roomCodeSchema,
  /** The resume token of a seat this client held: takes the seat back. */
  resume: tokenSchema.optional(),
  /** Watch instead of play. */
  spectate: z.boolean().optional(),
  /** The room's host token: this connection may use the host controls. */
  hostToken: tokenSchema.optional(),
  /** Play in this team: its members share one architecture (names match whatever their case). */
  team: nameSchema.optional(),
  /** The team's key, to join a team that exists (its members see it); case and spaces do not matter. */
  teamKey: z.string().max(16).transform((s) => s.trim().toUpperCase()).optional(),
});
export type Hello = z.infer<typeof helloSchema>;

/** Host controls: only a connection that said hello with the room's host token may send them. */
export const hostControlSchema = z.discriminatedUnion('type', [
  /** From the lobby: a short countdown, then the first tick. */
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  /** Ends the round now; results are as of this tick. */
  z.object({ type: z.literal('end') }),
  /** A live event for every player; its `at` is a delay in seconds from now (0: at once). */
  /** A live event, to every game, or to one player's (their team's) game only. */
  z.object({ type: z.literal('fire'), event: eventSchema, player: playerIdSchema.optional() }),
  /** Removes a player from the room for good. */
  z.object({ type: z.literal('kick'), player: playerIdSchema }),
  /** In the lobby: puts a player in a team (made if new, with a key), or, without one, to play alone. */
  z.object({ type: z.literal('team'), player: playerIdSchema, team: nameSchema.optional() }),
  /** After a round: back to the lobby with another level (by id) or the same one. */
  z.object({ type: z.literal('next'), level: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a level id').optional() }),
]);
export type HostControl = z.infer<typeof hostControlSchema>;
export const HOST_CONTROL_TYPES = hostControlSchema.options.map((o) => o.shape.type.value);

export const clientMessageSchema = z.discriminatedUnion('type', [
  helloSchema,
  /** An action on the player's own architecture, numbered by the client (increasing). */
  z.object({ type: z.literal('act'), seq: seqSchema, action: actionSchema }),
  z.object({ type: z.literal('ready'), ready: z.boolean() }),
  /** Asks for a full snapshot (after a gap in the replay or a hash mismatch). */
  z.object({ type: z.literal('resync') }),
  z.object({ type: z.literal('ping'), t: z.number().optional() }),
  /** Leaves for good: the seat is freed in the lobby, kept (idle) during a game. */
  z.object({ type: z.literal('leave') }),
  ...hostControlSchema.options,
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

// Server to client.

const seatViewSchema = z.object({ id: playerIdSchema, name: z.string(), ready: z.boolean(), connected: z.boolean(), team: z.string().optional() });

/** The room as everyone in it sees it. */
const roomViewSchema = z.object({
  code: z.string(),
  levelId: z.string(),
  title: z.string(),
  phase: phaseSchema,
  tick: z.number().int(),
  /** Milliseconds of game time until the first tick, during the countdown. */
  countdownMs: z.number().optional(),
  players: z.array(seatViewSchema),
  spectators: z.number().int(),
  /** The difficulty every game of the room is played at; absent: normal. */
  difficulty: difficultySchema.optional(),
});
export type RoomView = z.infer<typeof roomViewSchema>;

const leaderboardRowSchema = z.object({
  rank: z.number().int().min(1),
  player: playerIdSchema,
  name: z.string(),
  availability: z.number(),
  score: z.number(),
  cost: z.number(),
  passed: z.boolean(),
  nodes: z.number().int(),
  connected: z.boolean(),
  /** Nodes down or cut off by a partition now; absent when none. */
  down: z.number().int().min(1).optional(),
  /** A team's row: its name (also in `name`) and its members' player ids; `player` is its first member. */
  team: z.string().optional(),
  members: z.array(playerIdSchema).optional(),
  /** Seconds of game time of the architecture's last accepted change (absent: none): the ranking's tie-break (shared/ranking.ts). */
  finishedAt: z.number().optional(),
  /** On a row whose availability and score equal the row above's: the tie-break that put that row first. */
  tie: z.enum(TIE_BREAKS).optional(),
});
export type LeaderboardRow = z.infer<typeof leaderboardRowSchema>;

/**
 * A leaderboard row as a player receives it, once a second: the fields a client shows, short names and
 * figures rounded to what it displays (a row is about half the size of a LeaderboardRow).
 */
export const boardRowSchema = z.object({
  rank: z.number().int().min(1),
  /** The row's player (a team's first member). */
  id: playerIdSchema,
  /** The player's name, or the team's. */
  name: z.string(),
  /** Availability so far, 0..1, truncated to BOARD_AVAILABILITY_DECIMALS (never rounded up to a perfect 1). */
  avail: z.number(),
  score: z.number(),
  /** Spent so far, in whole units. */
  cost: z.number(),
  /** Present when no member is connected (their seats are kept). */
  away: z.literal(true).optional(),
  /** Nodes down or cut off by a partition now; absent when none. */
  down: z.number().int().min(1).optional(),
  /** A team's row: its members' player ids. */
  members: z.array(playerIdSchema).optional(),
  /** As in LeaderboardRow; `fin` (its finishedAt, whole seconds) only with a tie, the one place it shows. */
  tie: z.enum(TIE_BREAKS).optional(),
  fin: z.number().optional(),
});
export type BoardRow = z.infer<typeof boardRowSchema>;

/** Decimals of a board row's availability: the screens show a percentage with two. */
const BOARD_AVAILABILITY_DECIMALS = 6;

/** A leaderboard row as it goes on the wire. */
export function boardRow(r: LeaderboardRow): BoardRow {
  const scale = 10 ** BOARD_AVAILABILITY_DECIMALS;
  return {
    rank: r.rank, id: r.player, name: r.name, avail: Math.floor(r.availability * scale + 1e-6) / scale, score: r.score, cost: Math.round(r.cost),
    ...(r.connected ? {} : { away: true as const }), ...(r.down === undefined ? {} : { down: r.down }), ...(r.members === undefined ? {} : { members: r.members }),
    ...(r.tie === undefined ? {} : { tie: r.tie, fin: Math.round(r.finishedAt ?? 0) }),
  };
}

export const resultRowSchema = z.object({
  rank: z.number().int().min(1),
  player: playerIdSchema,
  name: z.string(),
  availability: z.number(),
  passed: z.boolean(),
  score: z.number(),
  stars: z.number().int(),
  cost: z.number(),
  offered: z.number(),
  good: z.number(),
  failed: z.record(z.string(), z.number()),
  /** Actions the rules accepted during the round. */
  actions: z.number().int().optional(),
  /** A team's row, as in the leaderboard. */
  team: z.string().optional(),
  members: z.array(playerIdSchema).optional(),
  /** As in the leaderboard (absent in results kept before the ranking had a tie-break). */
  finishedAt: z.number().optional(),
  tie: z.enum(TIE_BREAKS).optional(),
  /** False when the host ended the round before the level's end: the part played is scored, never passed. */
  complete: z.boolean().optional(),
});
export type ResultRow = z.infer<typeof resultRowSchema>;

/** A row's cumulative standing over a series of levels (`nines host --levels`). */
const seriesTotalSchema = z.object({
  rank: z.number().int().min(1),
  player: playerIdSchema,
  name: z.string(),
  team: z.string().optional(),
  score: z.number(),
  rounds: z.number().int(),
});
export type SeriesTotal = z.infer<typeof seriesTotalSchema>;

/** Where a round stands in a series of levels: its place (1-based), the series' length and the totals so far. */
const seriesStandingSchema = z.object({ level: z.number().int().min(1), of: z.number().int().min(1), final: z.boolean(), totals: z.array(seriesTotalSchema) });

/**
 * The full state of the player's game, `hash` its stateHash: the base the client replays from. Sent
 * on join and resume, at a resync, never on a schedule: syncs, acks, activity and live announces
 * carry everything else that happens to the game, in the order it happens.
 */
const snapshotSchema = z.object({ type: z.literal('snapshot'), tick: z.number().int(), hash: z.string(), state: z.custom<GameState>((v) => typeof v === 'object' && v !== null) });

/** Most messages one batch frame carries: what one tick sends one connection, with room to spare. */
export const MAX_BATCH_MESSAGES = 64;

/**
 * What one dispatch (a tick, most often) sends one connection, in one frame: each message is handled
 * in order, as if it had come alone. One frame instead of several saves a write call and a frame header
 * per message.
 */
const batchSchema = z.object({ type: z.literal('batch'), messages: z.array(z.unknown()).max(MAX_BATCH_MESSAGES) });

/** A batch frame of messages already serialised. */
export function batchFrame(messages: readonly string[]): string {
  return `{"type":"batch","messages":[${messages.join(',')}]}`;
}

/** The messages a frame carries: a batch's, in order, or the frame's own message. */
export function messagesOf(json: unknown): unknown[] {
  const batch = batchSchema.safeParse(json);
  return batch.success ? batch.data.messages : [json];
}

export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    /** Absent for spectators. */
    playerId: playerIdSchema.optional(),
    /** Secret: keep it to resume the seat; it changes on every resume. Absent for spectators. */
    resumeToken: z.string().optional(),
    /** The key of the seat's team, for its members to give teammates; absent outside a team. */
    teamKey: z.string().optional(),
    host: z.boolean(),
    /** The last action number the server processed for this seat: resend only those after it. */
    lastSeq: z.number().int(),
    tickMs: z.number().int(),
    seed: z.number().int(),
    /** The level itself, so the client checks actions with the same rules before sending them. */
    level: levelSchema,
    room: roomViewSchema,
    syncEveryTicks: z.number().int(),
    leaderboardEveryTicks: z.number().int(),
  }),
  snapshotSchema,
  /**
   * The room's games reached `tick`: the client steps its copy up to it. `hash`, in one sync of the
   * player's game every HASH_EVERY_TICKS (and at the round's end), is stateHash of the game as of
   * this message; a client whose copy differs asks for a resync.
   */
  z.object({ type: z.literal('sync'), tick: z.number().int(), hash: z.string().optional() }),
  z.object({
    type: z.literal('ack'),
    seq: z.number().int(),
    ok: z.boolean(),
    /**
     * The tick the action took effect at (ok: after that tick's step, before the next's) or was
     * refused at; absent only when the server refused the message before it reached the room.
     */
    tick: z.number().int().optional(),
    /** Budget the action spent. */
    cost: z.number().optional(),
    code: z.string().optional(),
    message: z.string().optional(),
  }),
  z.object({ type: z.literal('room'), room: roomViewSchema }),
  /** `rows`: the top rows and the player's own, or all of them for the host and spectators; `players` counts them all. */
  z.object({ type: z.literal('leaderboard'), tick: z.number().int(), players: z.number().int(), rows: z.array(boardRowSchema) }),
  /**
   * An event coming up (or starting now, when fired live): `at` in seconds of game time. A live one
   * joins the receiver's game at `tick` unless `aimedAt` names the player whose game (their team's)
   * the host fired it at instead: hosts watching are told of it too.
   */
  z.object({ type: z.literal('announce'), tick: z.number().int(), at: z.number(), event: eventSchema, text: z.string(), live: z.boolean(), aimedAt: playerIdSchema.optional() }),
  /** The host moved on to the next round: its level; the room is back in the lobby. */
  z.object({ type: z.literal('level'), level: levelSchema, seed: z.number().int(), tickMs: z.number().int(), room: roomViewSchema }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  z.object({ type: z.literal('pong'), t: z.number().optional() }),
  /** `series`: in a series of levels, the cumulative totals after this round (the podium). `difficulty`: the room's, absent when normal. */
  z.object({ type: z.literal('results'), levelId: z.string(), tick: z.number().int(), rows: z.array(resultRowSchema), series: seriesStandingSchema.optional(), difficulty: difficultySchema.optional() }),
  /**
   * After the results, once the server has replayed the game: what failed first and why, and what
   * one change would have done. `player` is the row's (a team's first member for a team).
   */
  z.object({ type: z.literal('debrief'), round: z.number().int(), player: playerIdSchema, debrief: debriefSchema }),
  /** The host put this seat in a team (its name and key) or, with neither, to play alone. */
  z.object({ type: z.literal('team'), team: z.string().optional(), key: z.string().optional() }),
  /** A teammate's action, accepted on the team's shared architecture at `tick` (as an ack's): who did what. */
  z.object({ type: z.literal('activity'), tick: z.number().int(), actor: playerIdSchema, name: z.string(), action: actionSchema }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;
export type ServerMessageOf<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

let rulesHashMemo: string | undefined;

/**
 * A hash of everything both sides must agree on for the rules to give the same answers: the catalog,
 * the link rules, the level and action formats, the rule errors, failure reasons, score formula and
 * the simulation's revision.
 * Computed once, on first use (turning the schemas into JSON Schema takes a few milliseconds).
 */
export function rulesHash(): string {
  rulesHashMemo ??= hashText(canonicalJson({
    catalog: CATALOG, linkable: LINKABLE, tiers: TIER_FACTOR, maxNodes: MAX_NODES, maxLinks: MAX_LINKS,
    level: z.toJSONSchema(levelSchema, { io: 'input' }), action: z.toJSONSchema(actionSchema, { io: 'input' }),
    ruleErrors: RULE_ERRORS, reasons: FAILURE_REASONS, score: SCORE_FORMULA, simulation: SIM_REVISION,
  }));
  return rulesHashMemo;
}
