import { createRequire } from 'node:module';
import type * as Ws from 'ws';

// ws is CommonJS: imported as ESM, Node lexes each of its files for named exports, which costs about
// 25 ms of every start of a client or a server. Required, it does not.
const ws = createRequire(import.meta.url)('ws') as typeof Ws;

export const WebSocket = ws.WebSocket;
export type WebSocket = Ws.WebSocket;
export const WebSocketServer = ws.WebSocketServer;
export type WebSocketServer = Ws.WebSocketServer;
