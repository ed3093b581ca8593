import type { HostControl, LeaderboardRow, Phase, SeriesTotal } from '../../shared/protocol.js';
import { FIRE_PRESETS } from './fire-presets.js';

/** A seat as the host sees it. */
export interface DashPlayer {
  id: string;
  name: string;
  team?: string;
  connected: boolean;
  ready: boolean;
  /** Availability of the player's architecture (its team's), once a round has games. */
  availability?: number;
}

/** What the dashboard shows, gathered from the room by the shell. */
export interface DashboardData {
  code: string;
  join: string;
  levelId: string;
  title: string;
  phase: Phase;
  tick: number;
  players: DashPlayer[];
  rows: LeaderboardRow[];
  /** Availability samples over the round, oldest first, by row name. */
  history: Record<string, number[]>;
  /** Log lines, oldest first. */
  log: string[];
  /** In a series of levels: rounds played of how many, and the cumulative totals so far. */
  series?: { played: number; of: number; totals: SeriesTotal[] };
}

export type DashMode = 'main' | 'fire' | 'kick' | 'confirm-kick' | 'projector';

export interface DashUi {
  mode: DashMode;
  fireIndex: number;
  /** Whom the fire picker aims at: 0 for everyone, i for the i-th player in the list. */
  fireTarget: number;
  playerIndex: number;
  /** The player picked for a kick, waiting for y. */
  kickTarget?: string;
}

export const initialUi = (): DashUi => ({ mode: 'main', fireIndex: 0, fireTarget: 0, playerIndex: 0 });

export interface DashKeyResult {
  ui: DashUi;
  control?: HostControl;
  quit?: boolean;
}

/** Keys of the main view, shown in its bottom bar. */
export const MAIN_KEYS: readonly [string, string][] = [
  ['s', 'start'], ['p', 'pause'], ['r', 'resume'], ['e', 'end'], ['n', 'next'], ['f', 'fire'], ['k', 'kick'], ['v', 'projector'], ['q', 'quit'],
];

const SIMPLE: Record<string, HostControl> = { s: { type: 'start' }, p: { type: 'pause' }, r: { type: 'resume' }, e: { type: 'end' }, n: { type: 'next' } };

const wrap = (i: number, n: number) => (n === 0 ? 0 : (i + n) % n);

/** The player the fire picker aims at, or undefined for everyone. */
export function fireTargetOf(ui: DashUi, data: Pick<DashboardData, 'players'>): DashboardData['players'][number] | undefined {
  return ui.fireTarget > 0 ? data.players[ui.fireTarget - 1] : undefined;
}

/** What a key does: a new UI state, maybe a host control to apply, maybe quitting. Pure. */
export function dashboardKey(ui: DashUi, data: Pick<DashboardData, 'players'>, key: string): DashKeyResult {
  const back = { ui: { ...ui, mode: 'main' as const } };
  switch (ui.mode) {
    case 'projector':
      if (key === 'v' || key === 'escape') return back;
      if (key === 'q' || key === 'C-c') return { ui, quit: true };
      if (SIMPLE[key]) return { ui, control: SIMPLE[key] };
      return { ui };
    case 'fire':
      if (key === 'escape' || key === 'f') return back;
      if (key === 'up' || key === 'k') return { ui: { ...ui, fireIndex: wrap(ui.fireIndex - 1, FIRE_PRESETS.length) } };
      if (key === 'down' || key === 'j') return { ui: { ...ui, fireIndex: wrap(ui.fireIndex + 1, FIRE_PRESETS.length) } };
      if (key === 'tab') return { ui: { ...ui, fireTarget: wrap(ui.fireTarget + 1, data.players.length + 1) } };
      if (key === 'enter') {
        const target = fireTargetOf(ui, data);
        return { ...back, control: { type: 'fire', event: FIRE_PRESETS[ui.fireIndex]!.event, ...(target ? { player: target.id } : {}) } };
      }
      return { ui };
    case 'kick': {
      const n = data.players.length;
      if (key === 'escape' || n === 0) return back;
      if (key === 'up' || key === 'k') return { ui: { ...ui, playerIndex: wrap(ui.playerIndex - 1, n) } };
      if (key === 'down' || key === 'j') return { ui: { ...ui, playerIndex: wrap(ui.playerIndex + 1, n) } };
      if (key === 'enter') {
        const target = data.players[Math.min(ui.playerIndex, n - 1)]!.id;
        return { ui: { ...ui, mode: 'confirm-kick', kickTarget: target } };
      }
      return { ui };
    }
    case 'confirm-kick': {
      const { kickTarget, ...rest } = ui;
      if (key === 'y' && kickTarget) return { ui: { ...rest, mode: 'main' }, control: { type: 'kick', player: kickTarget } };
      return { ui: { ...rest, mode: 'main' } };
    }
    case 'main':
      if (key === 'q' || key === 'C-c') return { ui, quit: true };
      if (SIMPLE[key]) return { ui, control: SIMPLE[key] };
      if (key === 'f') return { ui: { ...ui, mode: 'fire' } };
      if (key === 'k') return data.players.length ? { ui: { ...ui, mode: 'kick', playerIndex: Math.min(ui.playerIndex, data.players.length - 1) } } : { ui };
      if (key === 'v') return { ui: { ...ui, mode: 'projector' } };
      return { ui };
  }
}
