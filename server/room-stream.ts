import { boardRow, type ServerMessageOf } from '../shared/protocol.js';
import { DEFAULTS } from './limits.js';
import { canonicalJson, stateHash } from '../shared/state-hash.js';
import { send, sendText, type Out } from './room-output.js';
import { hasGames, type Room, type Seat, type Side } from './room-model.js';
import { leaderboard } from './standings.js';

// What a connection hears of the games. A player's client keeps a copy of its game and replays it:
// one snapshot as a base, then the ticks (syncs) and every change made between two steps (acks,
// teammates' activity, live events), in the order the room applied them. A periodic hash in the syncs
// catches a copy that went astray; the client then asks for a resync and gets a new base.

/**
 * Where a side's stream stands: the round, the tick, and the changes applied since the round began
 * (each accepted action and live event adds one to its history). Two snapshots at one point are equal.
 */
function streamPoint(room: Room, side: Side): string {
  return `${room.round}:${room.tick}:${side.history.length}`;
}

/**
 * A snapshot message as text: the state's canonical JSON is sent as it is, so the state is
 * serialised once, and the text keeps the state of this moment while the game moves on. Never
 * droppable: the acks and syncs after it build on it.
 */
export function sendSnapshot(out: Out, room: Room, seat: Seat, conn: number): void {
  const side = seat.side!;
  const state = canonicalJson(side.game.state);
  out.push({ type: 'send', to: [conn], kind: 'snapshot', data: `{"type":"snapshot","tick":${room.tick},"hash":"${stateHash(side.game.state)}","state":${state}}`, droppable: false });
  const member = room.members.get(conn);
  if (member) member.snapshotAt = streamPoint(room, side);
}

/**
 * A resync asked where the connection's last snapshot still stands is answered by that snapshot,
 * already on its way: a client asking again and again while not reading costs one snapshot a change.
 */
export function resync(out: Out, room: Room, seat: Seat, conn: number): void {
  if (room.members.get(conn)?.snapshotAt === streamPoint(room, seat.side!)) return;
  sendSnapshot(out, room, seat, conn);
}

/** The connected players of each side, sides in the order of their first seat (sidesOf's). */
function connectedBySide(room: Room): Map<Side, number[]> {
  const bySide = new Map<Side, number[]>();
  for (const seat of room.seats.values()) {
    if (!seat.side) continue;
    let conns = bySide.get(seat.side);
    if (!conns) bySide.set(seat.side, (conns = []));
    if (seat.conn !== undefined) conns.push(seat.conn);
  }
  return bySide;
}

/** Calls `visit` with each side, its connected players and its slot, the place that sets its phase in the sync period. */
function eachSideSlot(room: Room, visit: (side: Side, conns: number[], slot: number) => void): void {
  let slot = 0;
  for (const [side, conns] of connectedBySide(room)) visit(side, conns, slot++);
}

/**
 * Tells the players whose turn it is that their games reached this tick. Each side has its own phase
 * in the sync period (the sides take the ticks in turn), so a room's syncs, their hashes and the
 * clients' replays spread over every tick instead of bursting on one in SYNC_EVERY_TICKS. A sync
 * carries the side's state hash once in HASH_EVERY_TICKS, sides of one phase taking turns, and every
 * side gets a hashed sync when `all` (the round's first and last tick).
 */
export function sendSyncs(room: Room, out: Out, all: boolean): void {
  const every = DEFAULTS.SYNC_EVERY_TICKS;
  const turns = DEFAULTS.HASH_EVERY_TICKS / every;
  const plain: number[] = [];
  eachSideSlot(room, (side, conns, slot) => {
    const phase = slot % every;
    const turn = Math.floor(slot / every) % turns;
    if (conns.length === 0 || (!all && !syncDue(room.tick, phase))) return;
    if (all || Math.floor((room.tick + phase) / every) % turns === turn) send(out, conns, { type: 'sync', tick: room.tick, hash: stateHash(side.game.state) });
    else plain.push(...conns);
  });
  if (plain.length) send(out, plain, { type: 'sync', tick: room.tick });
}

/** Whether a side of this phase in the sync period gets a sync at `tick`. */
function syncDue(tick: number, phase: number): boolean {
  return (tick + phase) % DEFAULTS.SYNC_EVERY_TICKS === 0;
}

type BoardRow = ReturnType<typeof boardRow>;

/** A leaderboard as sent: its rows, each player's own row, and the shared messages, serialized once. */
interface Board {
  tick: number;
  rows: BoardRow[];
  top: BoardRow[];
  /** A team member's own row is the team's. */
  byPlayer: Map<string, BoardRow>;
  whole: string;
  topOnly: string;
}

function makeBoard(room: Room): Board {
  const rows = leaderboard(room).map(boardRow);
  const top = rows.slice(0, DEFAULTS.LEADERBOARD_TOP);
  const text = (shown: BoardRow[]) => JSON.stringify(boardMessage(room.tick, rows.length, shown));
  return {
    tick: room.tick, rows, top, byPlayer: new Map(rows.flatMap((r) => (r.members ?? [r.id]).map((id) => [id, r] as const))),
    whole: text(rows), topOnly: text(top),
  };
}

function boardMessage(tick: number, players: number, rows: BoardRow[]): ServerMessageOf<'leaderboard'> {
  return { type: 'leaderboard', tick, players, rows };
}

/** The leaderboard of each window of LEADERBOARD_EVERY_TICKS, made once, at the first tick that sends it. */
const boards = new WeakMap<Room, { round: number; window: number; board: Board }>();

function boardOf(room: Room): Board {
  const window = Math.floor(room.tick / DEFAULTS.LEADERBOARD_EVERY_TICKS);
  const kept = boards.get(room);
  if (kept && kept.round === room.round && kept.window === window) return kept.board;
  const board = makeBoard(room);
  boards.set(room, { round: room.round, window, board });
  return board;
}

/**
 * The scheduled leaderboards of this tick: a player gets its side's on the first of its syncs in each
 * leaderboard period, in the same frame as that sync (so a leaderboard costs no write of its own); the
 * host and spectators, who get no syncs, at the period's start.
 */
export function sendScheduledLeaderboards(room: Room, out: Out): void {
  if (!hasGames(room)) return;
  const every = DEFAULTS.SYNC_EVERY_TICKS;
  const inPeriod = room.tick % DEFAULTS.LEADERBOARD_EVERY_TICKS;
  const due: number[] = [];
  eachSideSlot(room, (_, conns, slot) => {
    // The first tick of the period at which this side's phase syncs.
    if (inPeriod === (every - (slot % every)) % every) due.push(...conns);
  });
  if (inPeriod === 0) for (const [conn, member] of room.members) if (member.seat === undefined || !room.seats.get(member.seat)?.side) due.push(conn);
  if (due.length) sendLeaderboard(room, due, out, boardOf(room));
}

/**
 * The host and spectators get the whole leaderboard; a player gets the top rows and its own, which
 * keeps a class of a hundred from costing each player a hundred rows a second.
 */
export function sendLeaderboard(room: Room, to: readonly number[], out: Out, shared?: Board): void {
  if (!hasGames(room)) return;
  const board = shared ?? makeBoard(room);
  const { rows, top, byPlayer } = board;
  const whole: number[] = [];
  const topOnly: number[] = [];
  for (const conn of to) {
    const member = room.members.get(conn);
    const own = member?.seat === undefined ? undefined : byPlayer.get(member.seat);
    if (!member || member.host || !own || rows.length <= top.length) whole.push(conn);
    else if (own.rank <= top.length) topOnly.push(conn);
    else send(out, [conn], boardMessage(board.tick, rows.length, [...top, own]), true);
  }
  sendText(out, whole, 'leaderboard', board.whole, true);
  sendText(out, topOnly, 'leaderboard', board.topOnly, true);
}
