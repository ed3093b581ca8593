import type { Plan } from '../shared/action.js';
import type { GameLog } from '../shared/game-log.js';
import type { ResultRow } from '../shared/protocol.js';
import type { ResultsFile } from './results-file.js';

// A kept round's row as a plan file: the player's (or team's) accepted actions at the seconds of
// the ticks they applied on, so that `nines simulate` replays the very same game.

/** Why a kept row cannot be written as a plan; the message names the game, the row and what is missing. */
export class PlanExportError extends Error {}

export interface RowPlan {
  plan: Plan;
  /** What a plan cannot carry and `nines simulate` must be told: the seed, when it is not the level's, and the difficulty. */
  simulateArgs: string[];
  /** Why `nines simulate` will not give the row's numbers (the round was ended early), else undefined. */
  caveat: string | undefined;
}

/** The row a name picks: a player's or a team's name, in any case. */
export function findRow(file: ResultsFile, game: string, name: string): ResultRow {
  const wanted = name.trim().toLowerCase();
  const row = file.rows.find((r) => r.name.toLowerCase() === wanted);
  if (row) return row;
  const names = file.rows.map((r) => r.name);
  throw new PlanExportError(`--player: no player or team "${name}" in ${game}: expected one of ${names.length ? names.join(', ') : '(no rows)'}`);
}

/**
 * The seconds of a tick, as a plan says them: `simulate` applies an action at the first tick at or
 * after its time (ceil(at / dt - 1e-9)), which gives back this tick.
 */
function secondsOf(tick: number, tickMs: number): number {
  return (tick * tickMs) / 1000;
}

function actionsOf(log: GameLog, tickMs: number, who: string): Plan['actions'] {
  const events = log.entries.filter((e) => 'event' in e).length;
  if (events) throw new PlanExportError(`${who}: expected a game of actions only, got ${events} event(s) the host fired live, which a plan cannot hold`);
  return log.entries.flatMap((e) => ('action' in e ? [{ at: secondsOf(e.tick, tickMs), action: e.action }] : []));
}

export function rowPlan(file: ResultsFile, game: string, name: string): RowPlan {
  const row = findRow(file, game, name);
  const who = `${game} ${row.team !== undefined ? 'team' : 'player'} "${row.name}"`;
  const log = file.logs?.[row.player];
  if (!file.level || log === undefined) throw new PlanExportError(`${who}: expected a kept game log and level, got a results file kept without them (by an older nines)`);
  const actions = actionsOf(log, file.level.tickMs, who);
  const simulateArgs = [
    '--level', file.levelId, ...(log.seed === file.level.seed ? [] : ['--seed', String(log.seed)]),
    ...(file.difficulty === undefined ? [] : ['--difficulty', file.difficulty]),
  ];
  const totalTicks = Math.round(file.level.durationSeconds / (file.level.tickMs / 1000));
  const caveat = log.endTick < totalTicks
    ? `the host ended ${game} early, at ${secondsOf(log.endTick, file.level.tickMs)} s of ${file.level.durationSeconds} s: nines simulate plays the whole level, so its numbers will differ from the row's`
    : undefined;
  const description = `${who}: ${actions.length} action(s) on ${file.levelId}; replay with nines simulate ${simulateArgs.join(' ')} --plan <this file>`;
  return { plan: { description, actions }, simulateArgs, caveat };
}
