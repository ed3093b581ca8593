import type { LeaderboardRow, Phase, SeriesTotal } from '../../shared/protocol.js';
import { clock } from '../format.js';
import type { DashPlayer, PlayerOrder } from './player-list.js';

export type { DashPlayer } from './player-list.js';

/** A level the host may move on to. */
interface LevelChoice {
  id: string;
  title: string;
}

/** What the dashboard shows, gathered from the room by the shell. */
export interface DashboardData {
  code: string;
  join: string;
  levelId: string;
  title: string;
  phase: Phase;
  tick: number;
  /** How long the round lasts, in seconds, and the game milliseconds of a tick: the clock's time left. */
  durationSeconds: number;
  tickMs: number;
  /** During the countdown: seconds until the first tick. */
  startsIn?: number;
  players: DashPlayer[];
  /** Connections watching the room without a seat. */
  spectators: number;
  rows: LeaderboardRow[];
  /** Availability samples over the round, oldest first, by row name. */
  history: Record<string, number[]>;
  /** Log lines, oldest first. */
  log: string[];
  /** The room's teams and their keys (the host hands a key to a player who joins a team). */
  teams?: { name: string; key: string }[];
  /** In a series of levels: rounds played of how many, and the cumulative totals so far. */
  series?: { played: number; of: number; totals: SeriesTotal[] };
  /** The host token of a room this run created; a restored room's was printed when it was created. */
  hostToken?: string;
  /** The levels `n` offers, and the one it picks first: the series' next, or the same level again. */
  levels: LevelChoice[];
  nextLevel: string;
}

type DashMode = 'main' | 'filter' | 'fire' | 'kick' | 'confirm-kick' | 'team' | 'confirm' | 'next' | 'token' | 'projector';

/** What waits for the host's `y`: the view it came from goes on after. */
interface Confirmation {
  what: 'end' | 'quit';
  from: 'main' | 'projector';
}

export interface DashUi {
  mode: DashMode;
  /** The player list's order and filter (the text typed after `/`). */
  order: PlayerOrder;
  filter: string;
  /** The selected row of the player list as shown (filtered and ordered). */
  playerIndex: number;
  fireIndex: number;
  /** The fire picker's field that takes keys: the event list, or whom it aims at. */
  fireField: 'event' | 'whom';
  /** Part of a name typed to aim the event: empty for everyone, else at one of the players who match. */
  whom: string;
  /** Which of the matching players. */
  whomIndex: number;
  /** The player picked for a kick, waiting for y. */
  kickTarget?: string;
  /** The player being put in a team, and the team's name as typed so far (empty: to play alone). */
  teamTarget?: string;
  teamName: string;
  confirm?: Confirmation;
  /** The level picked in the next-level picker. */
  levelIndex: number;
}

export const initialUi = (): DashUi => ({ mode: 'main', order: 'join', filter: '', playerIndex: 0, fireIndex: 0, fireField: 'event', whom: '', whomIndex: 0, levelIndex: 0, teamName: '' });

/** Where the round stands, for the header: time left while it runs, rather than a tick number. */
export function roundClock(data: Pick<DashboardData, 'phase' | 'tick' | 'durationSeconds' | 'tickMs' | 'startsIn'>): string {
  const left = clock(data.durationSeconds - (data.tick * data.tickMs) / 1000);
  switch (data.phase) {
    case 'lobby': return `lobby, ${clock(data.durationSeconds)} round`;
    case 'countdown': return `starts in ${clock(data.startsIn ?? 0)}`;
    case 'running': return `running, ${left} left`;
    case 'paused': return `paused, ${left} left`;
    case 'ended': return 'round over';
  }
}
