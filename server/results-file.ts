import { z } from 'zod';
import { debriefSchema } from '../shared/debrief/schema.js';
import { difficultySchema } from '../shared/difficulty.js';
import { gameLogSchema } from '../shared/game-log.js';
import { levelSchema } from '../shared/level.js';
import { playerIdSchema, resultRowSchema } from '../shared/protocol.js';
import type { RoomOutput } from './room.js';

/**
 * A finished round as kept in `<data-dir>/results/<CODE>-<round>.json`: the results every player got,
 * and what replays each game for the debrief (the level, the seed, each row's game log). The replay
 * fields are absent from files older than them.
 */
export const resultsFileSchema = z.object({
  room: z.string(),
  round: z.number().int().min(1),
  /** ISO 8601. */
  endedAt: z.string(),
  type: z.literal('results'),
  levelId: z.string(),
  tick: z.number().int(),
  rows: z.array(resultRowSchema),
  level: levelSchema.optional(),
  seed: z.number().int().optional(),
  /** Each row's game log, by the row's player id. */
  logs: z.record(playerIdSchema, gameLogSchema).optional(),
  /** Every seated player's name, by id: who a team's members are. */
  players: z.record(playerIdSchema, z.string()).optional(),
  /** The difficulty the round was played at (its level is kept with it applied); absent: normal. */
  difficulty: difficultySchema.optional(),
  /** Each row's debrief, by the row's player id, once the server has worked them out. */
  debriefs: z.record(playerIdSchema, debriefSchema).optional(),
});
export type ResultsFile = z.infer<typeof resultsFileSchema>;

export function resultsFile(code: string, endedAt: string, o: Extract<RoomOutput, { type: 'results' }>): ResultsFile {
  return { room: code, round: o.round, endedAt, ...o.msg, level: o.level, seed: o.seed, logs: o.logs, players: o.players };
}
