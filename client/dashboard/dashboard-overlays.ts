import type { BoxSpec } from '../frame.js';
import { seg, wrapText, type Line } from '../styled.js';
import { fireTargetOf, shownPlayers, whomMatches } from './dashboard-keys.js';
import type { DashboardData, DashPlayer, DashUi } from './dashboard-model.js';
import { FIRE_PRESETS } from './fire-presets.js';
import { windowStart } from './player-list.js';

/** Widest an overlay gets. */
const OVERLAY_WIDTH = 60;
/** Matching players the fire picker lists under the typed name. */
const WHOM_SHOWN = 5;

type PlayerLine = (p: DashPlayer, width: number, selected: boolean) => Line;

const hint = (...pairs: [string, string][]): Line => pairs.flatMap(([k, what]) => [seg(k, 'key'), seg(` ${what}  `, 'muted')]);

function fireLines(data: DashboardData, ui: DashUi): Line[] {
  const events = ui.fireField === 'event';
  const lines: Line[] = FIRE_PRESETS.map((p, i) => [seg(i === ui.fireIndex ? '> ' : '  ', 'selected'), seg(p.label, i === ui.fireIndex ? 'selected' : 'normal')]);
  const target = fireTargetOf(ui, data);
  lines.push([]);
  lines.push([seg(events ? '  at  ' : '> at  ', 'selected'), seg(ui.whom || (events ? '' : '_'), 'title'), seg(ui.whom ? '' : ' everyone (Tab, then type a name for one player)', 'muted')]);
  if (ui.whom.trim()) {
    const found = whomMatches(ui, data);
    if (!found.length) lines.push([seg(`      no player's name has "${ui.whom}": Backspace to change it`, 'bad')]);
    const start = windowStart(ui.whomIndex, found.length, WHOM_SHOWN);
    found.slice(start, start + WHOM_SHOWN).forEach((p, i) => {
      const on = target !== 'everyone' && target?.id === p.id;
      lines.push([seg(on ? '    > ' : '      ', 'selected'), seg(`${p.name} (${p.id})`, on ? 'selected' : 'normal'), ...(p.team ? [seg(` [${p.team}]`, 'accent')] : [])]);
    });
    if (found.length > WHOM_SHOWN) lines.push([seg(`      ${found.length} match: Up/Down choose, type more to narrow`, 'muted')]);
  }
  lines.push([]);
  lines.push(events ? hint(['Up/Down', 'event'], ['Tab', 'whom'], ['Enter', 'fire now'], ['Esc', 'cancel']) : hint(['type', 'name'], ['Up/Down', 'choose'], ['Tab', 'events'], ['Enter', 'fire'], ['Esc', 'cancel']));
  return lines;
}

function confirmWords(data: DashboardData, ui: DashUi): string {
  const connected = data.players.filter((p) => p.connected).length;
  const people = `${connected} player(s) connected${data.spectators ? ` and ${data.spectators} watching` : ''}`;
  if (ui.confirm?.what === 'quit') return `Quit? This stops the server: ${people} will be told the host closed the room.`;
  return `End the round now? ${people} are playing; the results are as of now.`;
}

/** The box over the main view (or the projector) for the mode that asks something, if any. Pure. */
export function overlay(data: DashboardData, ui: DashUi, cols: number, rows: number, playerLine: PlayerLine): BoxSpec | undefined {
  const box = (title: string, lines: Line[], width = OVERLAY_WIDTH): BoxSpec => {
    const w = Math.min(cols, width + 2);
    const h = Math.min(rows, lines.length + 2);
    return { id: 'overlay', left: Math.floor((cols - w) / 2), top: Math.floor((rows - h) / 2), width: w, height: h, border: true, focused: true, title, lines };
  };
  const inner = Math.min(cols - 2, OVERLAY_WIDTH);
  const words = (text: string): Line[] => wrapText(text, inner).map((t) => [seg(t)]);
  switch (ui.mode) {
    case 'fire':
      return box('Fire an event', fireLines(data, ui));
    case 'kick': {
      const shown = shownPlayers(ui, data);
      const room = Math.max(1, rows - 3);
      const start = windowStart(ui.playerIndex, shown.length, room);
      const lines = shown.slice(start, start + room).map((p, i) => playerLine(p, inner, start + i === ui.playerIndex));
      lines.push(hint(['Up/Down', 'pick'], ['Enter', 'kick...'], ['Esc', 'cancel']));
      return box('Kick a player', lines);
    }
    case 'confirm-kick': {
      const p = data.players.find((x) => x.id === ui.kickTarget);
      return box('Kick', [...words(`Kick ${p?.name ?? ui.kickTarget} (${ui.kickTarget}) for good?`), hint(['y', 'yes'], ['any other key', 'no'])]);
    }
    case 'team': {
      const p = data.players.find((x) => x.id === ui.teamTarget);
      const teams = data.teams ?? [];
      return box('Team', [
        ...words(`Put ${p?.name ?? ui.teamTarget} (${ui.teamTarget}) in team:`),
        [seg(`> ${ui.teamName}_`, 'accent')],
        ...(teams.length ? words(`Teams: ${teams.map((t) => `${t.name} (key ${t.key})`).join(', ')}`) : words('No team yet: a new name makes one, with its key.')),
        hint(['Enter', 'put them in it (empty: alone)'], ['Esc', 'cancel']),
      ]);
    }
    case 'confirm':
      return box(ui.confirm?.what === 'quit' ? 'Quit' : 'End the round', [...words(confirmWords(data, ui)), [], hint(['y', 'yes'], ['any other key', 'no'])]);
    case 'next': {
      const room = Math.max(1, rows - 5);
      const start = windowStart(ui.levelIndex, data.levels.length, room);
      const lines: Line[] = data.levels.slice(start, start + room).map((l, i) => {
        const on = start + i === ui.levelIndex;
        return [seg(on ? '> ' : '  ', 'selected'), seg(l.id, on ? 'selected' : 'normal'), seg(`  ${l.title}`, 'muted'), ...(l.id === data.nextLevel ? [seg('  (next)', 'accent')] : [])];
      });
      lines.push([], hint(['Up/Down', 'pick'], ['Enter', 'to the lobby with it'], ['Esc', 'cancel']));
      // As wide as its longest line, so that no title is cut where the screen has room.
      const widest = Math.max(OVERLAY_WIDTH, ...lines.map((l) => l.reduce((n, x) => n + x.text.length, 0)));
      return box('Next level', lines, Math.min(cols - 2, widest));
    }
    case 'token': {
      const lines: Line[] = data.hostToken
        ? [[seg('host token: ', 'muted'), seg(data.hostToken, 'title')], ...words('It gives the host controls to a client that joins with it: keep it off the projector.')]
        : words('This room was restored from its log: its host token is the one printed when the room was created (the server keeps only its hash).');
      return box('Host token', [...lines, [], hint(['any key', 'close'])]);
    }
    default:
      return undefined;
  }
}
