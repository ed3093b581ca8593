// Limits of the game server that only the server needs (the ones a client shows are in shared DEFAULTS).

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
