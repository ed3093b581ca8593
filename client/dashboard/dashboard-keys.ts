import { MAX_NAME_CHARS, type HostControl } from '../../shared/protocol.js';
import type { DashboardData, DashPlayer, DashUi } from './dashboard-model.js';
import { FIRE_PRESETS } from './fire-presets.js';
import { PLAYER_ORDERS, visiblePlayers } from './player-list.js';

interface DashKeyResult {
  ui: DashUi;
  control?: HostControl;
  quit?: boolean;
}

/** Keys of the main view, shown in its bottom bar, the most used first. */
export const MAIN_KEYS: readonly [string, string][] = [
  ['s', 'start'], ['p', 'pause'], ['r', 'resume'], ['e', 'end'], ['n', 'next'], ['f', 'fire'], ['k', 'kick'], ['a', 'team'], ['v', 'projector'],
  ['o', 'order'], ['/', 'find'], ['t', 'token'], ['q', 'quit'],
];

/** Rows a PgUp or PgDn moves when the shell does not say how many the list shows. */
const DEFAULT_PAGE = 10;

type Data = Pick<DashboardData, 'players' | 'phase' | 'spectators' | 'levels' | 'nextLevel'>;

const SIMPLE: Record<string, HostControl> = { s: { type: 'start' }, p: { type: 'pause' }, r: { type: 'resume' } };

const wrap = (i: number, n: number) => (n === 0 ? 0 : (i + n) % n);
const clamp = (i: number, n: number) => Math.max(0, Math.min(i, n - 1));
const printable = (key: string) => key.length === 1 && key >= ' ';

/** The player list as the main view shows it. */
export const shownPlayers = (ui: DashUi, data: Pick<DashboardData, 'players'>): DashPlayer[] => visiblePlayers(data.players, ui.order, ui.filter);

/** The players the fire picker's typed name matches, by name. */
export const whomMatches = (ui: DashUi, data: Pick<DashboardData, 'players'>): DashPlayer[] => (ui.whom.trim() ? visiblePlayers(data.players, 'name', ui.whom) : []);

/** Whom the fire picker aims at: everyone when no name is typed, else the chosen match (undefined when none matches). */
export function fireTargetOf(ui: DashUi, data: Pick<DashboardData, 'players'>): DashPlayer | 'everyone' | undefined {
  if (!ui.whom.trim()) return 'everyone';
  const found = whomMatches(ui, data);
  return found.length ? found[clamp(ui.whomIndex, found.length)] : undefined;
}

/** Ending a round or quitting the server asks first while it would cut players off. */
function guarded(ui: DashUi, data: Data, what: 'end' | 'quit', from: 'main' | 'projector'): DashKeyResult {
  const connected = data.players.some((p) => p.connected);
  const live = what === 'quit' ? connected || data.spectators > 0 : connected && data.phase !== 'lobby' && data.phase !== 'ended';
  if (live) return { ui: { ...ui, mode: 'confirm', confirm: { what, from } } };
  return what === 'quit' ? { ui, quit: true } : { ui, control: { type: 'end' } };
}

/** Moves the list's selection for the arrow and page keys; undefined for any other key. */
function moved(index: number, n: number, key: string, page: number): number | undefined {
  switch (key) {
    case 'up': return clamp(index - 1, n);
    case 'down': return clamp(index + 1, n);
    case 'pageup': return clamp(index - page, n);
    case 'pagedown': return clamp(index + page, n);
    case 'home': return 0;
    case 'end': return clamp(n - 1, n);
    default: return undefined;
  }
}

function fireKey(ui: DashUi, data: Data, key: string): DashKeyResult {
  const back = { ui: { ...ui, mode: 'main' as const } };
  if (key === 'escape') return back;
  if (key === 'tab' || key === 'S-tab') return { ui: { ...ui, fireField: ui.fireField === 'event' ? 'whom' : 'event' } };
  if (key === 'enter') {
    const target = fireTargetOf(ui, data);
    // A name that matches nobody fires at nobody: never at everyone by a typo.
    if (target === undefined) return { ui };
    return { ...back, control: { type: 'fire', event: FIRE_PRESETS[ui.fireIndex]!.event, ...(target === 'everyone' ? {} : { player: target.id }) } };
  }
  if (ui.fireField === 'whom') {
    const n = whomMatches(ui, data).length;
    if (key === 'up' || key === 'down') return { ui: { ...ui, whomIndex: wrap(ui.whomIndex + (key === 'up' ? -1 : 1), n) } };
    if (key === 'backspace') return { ui: { ...ui, whom: ui.whom.slice(0, -1), whomIndex: 0 } };
    if (printable(key)) return { ui: { ...ui, whom: ui.whom + key, whomIndex: 0 } };
    return { ui };
  }
  if (key === 'f') return back;
  if (key === 'up' || key === 'k') return { ui: { ...ui, fireIndex: wrap(ui.fireIndex - 1, FIRE_PRESETS.length) } };
  if (key === 'down' || key === 'j') return { ui: { ...ui, fireIndex: wrap(ui.fireIndex + 1, FIRE_PRESETS.length) } };
  return { ui };
}

function mainKey(ui: DashUi, data: Data, key: string, page: number): DashKeyResult {
  const shown = shownPlayers(ui, data);
  const to = moved(ui.playerIndex, shown.length, key, page);
  if (to !== undefined) return { ui: { ...ui, playerIndex: to } };
  if (key === 'C-c') return { ui, quit: true };
  if (key === 'q') return guarded(ui, data, 'quit', 'main');
  if (key === 'e') return guarded(ui, data, 'end', 'main');
  if (SIMPLE[key]) return { ui, control: SIMPLE[key] };
  switch (key) {
    case 'f': return { ui: { ...ui, mode: 'fire', fireField: 'event', whom: '', whomIndex: 0 } };
    case 'k': return shown.length ? { ui: { ...ui, mode: 'kick', playerIndex: clamp(ui.playerIndex, shown.length) } } : { ui };
    // Teams change between rounds: in the lobby, the selected player goes in the team typed next.
    case 'a':
      if (!shown.length || data.phase !== 'lobby') return { ui };
      return { ui: { ...ui, mode: 'team', teamTarget: shown[clamp(ui.playerIndex, shown.length)]!.id, teamName: '' } };
    case 'v': return { ui: { ...ui, mode: 'projector' } };
    case 't': return { ui: { ...ui, mode: 'token' } };
    case 'n': return { ui: { ...ui, mode: 'next', levelIndex: Math.max(0, data.levels.findIndex((l) => l.id === data.nextLevel)) } };
    case 'o': return { ui: { ...ui, order: PLAYER_ORDERS[wrap(PLAYER_ORDERS.indexOf(ui.order) + 1, PLAYER_ORDERS.length)]!, playerIndex: 0 } };
    case '/': return { ui: { ...ui, mode: 'filter' } };
    case 'escape': return { ui: { ...ui, filter: '', playerIndex: 0 } };
    default: return { ui };
  }
}

/**
 * What a key does: a new UI state, maybe a host control to apply, maybe quitting. `page` is how many
 * rows the player list shows (what PgUp and PgDn move). Pure.
 */
export function dashboardKey(ui: DashUi, data: Data, key: string, page = DEFAULT_PAGE): DashKeyResult {
  const back = { ui: { ...ui, mode: 'main' as const } };
  switch (ui.mode) {
    case 'main': return mainKey(ui, data, key, page);
    case 'projector':
      if (key === 'v' || key === 'escape') return back;
      if (key === 'C-c') return { ui, quit: true };
      if (key === 'q') return guarded(ui, data, 'quit', 'projector');
      if (key === 'e') return guarded(ui, data, 'end', 'projector');
      if (SIMPLE[key]) return { ui, control: SIMPLE[key] };
      return { ui };
    case 'filter':
      if (key === 'enter') return back;
      if (key === 'escape') return { ui: { ...ui, mode: 'main', filter: '', playerIndex: 0 } };
      if (key === 'backspace') return { ui: { ...ui, filter: ui.filter.slice(0, -1), playerIndex: 0 } };
      if (printable(key)) return { ui: { ...ui, filter: ui.filter + key, playerIndex: 0 } };
      return { ui };
    case 'fire': return fireKey(ui, data, key);
    case 'kick': {
      const shown = shownPlayers(ui, data);
      if (key === 'escape' || shown.length === 0) return back;
      if (key === 'up' || key === 'k') return { ui: { ...ui, playerIndex: wrap(ui.playerIndex - 1, shown.length) } };
      if (key === 'down' || key === 'j') return { ui: { ...ui, playerIndex: wrap(ui.playerIndex + 1, shown.length) } };
      const to = moved(ui.playerIndex, shown.length, key, page);
      if (to !== undefined) return { ui: { ...ui, playerIndex: to } };
      if (key === 'enter') return { ui: { ...ui, mode: 'confirm-kick', kickTarget: shown[clamp(ui.playerIndex, shown.length)]!.id } };
      return { ui };
    }
    case 'confirm-kick': {
      const { kickTarget, ...rest } = ui;
      if (key === 'y' && kickTarget) return { ui: { ...rest, mode: 'main' }, control: { type: 'kick', player: kickTarget } };
      return { ui: { ...rest, mode: 'main' } };
    }
    case 'team': {
      const { teamTarget, ...rest } = ui;
      if (key === 'escape' || !teamTarget) return { ui: { ...rest, mode: 'main', teamName: '' } };
      if (key === 'enter') {
        const team = ui.teamName.trim();
        return { ui: { ...rest, mode: 'main', teamName: '' }, control: { type: 'team', player: teamTarget, ...(team ? { team } : {}) } };
      }
      if (key === 'backspace') return { ui: { ...ui, teamName: ui.teamName.slice(0, -1) } };
      if (printable(key) && ui.teamName.length < MAX_NAME_CHARS) return { ui: { ...ui, teamName: ui.teamName + key } };
      return { ui };
    }
    case 'confirm': {
      const { confirm, ...rest } = ui;
      const after = { ...rest, mode: confirm?.from ?? 'main' };
      if (key !== 'y' || !confirm) return { ui: after };
      return confirm.what === 'quit' ? { ui: after, quit: true } : { ui: after, control: { type: 'end' } };
    }
    case 'next': {
      const n = data.levels.length;
      if (key === 'escape' || n === 0) return back;
      if (key === 'up' || key === 'k') return { ui: { ...ui, levelIndex: wrap(ui.levelIndex - 1, n) } };
      if (key === 'down' || key === 'j') return { ui: { ...ui, levelIndex: wrap(ui.levelIndex + 1, n) } };
      if (key === 'enter') return { ...back, control: { type: 'next', level: data.levels[clamp(ui.levelIndex, n)]!.id } };
      return { ui };
    }
    case 'token':
      return back;
  }
}
