// The game server's policy: its defaults, rhythms and limits. The wire file (shared/protocol.ts) keeps
// only what both peers must agree on: messages, codes and the version.

/** The game server's defaults and limits; a client that tells its user what the server allows imports them from here. */
export const DEFAULTS = {
  /** TCP port `nines host` listens on. */
  PORT: 7777,
  /** Interface `nines host` binds: this machine only, unless told to open up. */
  BIND: '127.0.0.1',
  /** Simulation ticks between two syncs of a player's game, which the client replays up to (2 Hz at 100 ms ticks). */
  SYNC_EVERY_TICKS: 5,
  /**
   * Simulation ticks between two state hashes of a game (a multiple of SYNC_EVERY_TICKS): each game
   * takes its turn, so that one sync tick hashes only a share of the room's games.
   */
  HASH_EVERY_TICKS: 20,
  /** Simulation ticks between two leaderboards (1 Hz at 100 ms ticks). */
  LEADERBOARD_EVERY_TICKS: 10,
  /** Leaderboard rows a player gets (plus its own); the host and spectators get them all. */
  LEADERBOARD_TOP: 10,
  /** Simulation ticks between two checkpoints in a room's log: at most this much play is redone after a crash. */
  CHECKPOINT_EVERY_TICKS: 10,
  /** From the host's start to the first tick, in milliseconds of game time. */
  COUNTDOWN_MS: 3_000,
  /** Largest frame the server reads; bigger ones close the connection (1009). */
  MAX_PAYLOAD_BYTES: 16 * 1024,
  /** Messages a connection may send in a burst. */
  RATE_BURST: 40,
  /** Messages per second a connection may keep sending. */
  RATE_PER_SECOND: 20,
  /** Rooms one server holds at once. */
  MAX_ROOMS: 200,
  /** Players seated in one room. */
  MAX_PLAYERS_PER_ROOM: 100,
  /** Spectators watching one room. */
  MAX_SPECTATORS_PER_ROOM: 100,
  /** Open connections, in any state, to one server. */
  MAX_CONNECTIONS: 2_000,
  /** A connection must say hello within this many milliseconds. */
  HELLO_TIMEOUT_MS: 10_000,
  /** Milliseconds between two WebSocket pings; a peer that missed the previous pong is dropped. */
  HEARTBEAT_MS: 15_000,
  /** Send buffer (bytes) past which a client's leaderboards and room views are skipped, newest kept. */
  SKIP_BUFFERED_BYTES: 256 * 1024,
  /** Send buffer (bytes) past which a client that stopped reading is dropped. */
  MAX_BUFFERED_BYTES: 4 * 1024 * 1024,
  /** Ticks the loop runs at once to catch up after a stall; beyond it the schedule slips instead. */
  MAX_CATCH_UP_TICKS: 10,
} as const;


/** Wall milliseconds a lobby seat whose connection closed is kept for its player to come back (with its token or its name). */
export const LOBBY_SEAT_GRACE_MS = 15_000;
/**
 * During a round, up to this many away seats (kept for players to come back) do not count toward
 * a room's capacity: new players still get in. Past it, each further away seat takes a place.
 */
export const AWAY_SEATS_UNCOUNTED = 50;
/** Seats one remote address may hold in one room (a class behind one NAT needs `--max-seats-per-address`). */
export const MAX_SEATS_PER_ADDRESS = 40;
/** Open sockets (upgraded or not) one remote address may hold on the server. */
export const MAX_CONNECTIONS_PER_ADDRESS = 100;
/** Sockets past an address's cap let in to hear why they are refused; any more are cut at once, unanswered. */
export const OVER_CAP_ANSWERED = 16;
/** Milliseconds a socket has to send its HTTP headers (the WebSocket upgrade): slow or idle ones are closed. */
export const HTTP_HEADERS_TIMEOUT_MS = 3_000;
/** Milliseconds a socket has from connecting to upgrade to WebSocket; one that has not is closed. */
export const HTTP_REQUEST_TIMEOUT_MS = 5_000;
