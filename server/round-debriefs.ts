import { debrief } from '../shared/debrief.js';
import type { Debrief } from '../shared/debrief/schema.js';
import type { RoomOutput } from './room.js';

/** A game's debrief, and the players of its row. */
interface RowDebrief {
  player: string;
  to: string[];
  debrief: Debrief;
}

/**
 * Works out a finished round's debriefs, one game per turn of the event loop: a game's replay and
 * what-ifs take tens of milliseconds, and the server's other rooms keep ticking in between. A game
 * the debrief fails on (a bug) is reported and left out. Returns a function that stops the work.
 */
export function debriefRound(
  o: Extract<RoomOutput, { type: 'results' }>,
  done: (debriefs: RowDebrief[]) => void,
  failed: (player: string, error: unknown) => void,
): () => void {
  const rows = o.msg.rows;
  const debriefs: RowDebrief[] = [];
  let index = 0;
  let timer: NodeJS.Immediate | undefined;
  const next = () => {
    const row = rows[index++];
    if (!row) return done(debriefs);
    const log = o.logs[row.player];
    try {
      if (log) debriefs.push({ player: row.player, to: row.members ?? [row.player], debrief: debrief(o.level, log) });
    } catch (e) {
      failed(row.player, e);
    }
    timer = setImmediate(next);
  };
  timer = setImmediate(next);
  return () => clearImmediate(timer);
}
