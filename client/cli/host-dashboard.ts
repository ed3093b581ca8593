import { dashboardKey } from '../dashboard/dashboard-keys.js';
import { initialUi, type DashboardData, type DashUi } from '../dashboard/dashboard-model.js';
import { dashboardFrame, playerRows } from '../dashboard/dashboard-view.js';
import type { Tui } from '../tui.js';
import type { Level } from '../../shared/level.js';
import type { HostControl } from '../../shared/protocol.js';
import { listLevels } from '../../server/levels-store.js';
import type { Room } from '../../server/room-model.js';
import { hasGames } from '../../server/room-model.js';
import { seriesTotals } from '../../server/series.js';
import { leaderboard } from '../../server/standings.js';
import type { GameServer } from '../../server/ws-server.js';

/** Log lines the dashboard keeps. */
const LOG_LINES = 200;
/** Milliseconds between two redraws from the room. */
const REFRESH_MS = 250;
/** Ticks between two samples of the availability race (1 s of game time at 100 ms ticks). */
const SAMPLE_TICKS = 10;
/** Samples kept per row: the chart shows the newest that fit. */
const MAX_SAMPLES = 600;

/** The host's log as the dashboard shows it: the logger writes here instead of stderr, which would tear the screen. */
export class DashboardLog {
  readonly lines: string[] = [];

  /** A logger line (`ISO-time level text`) as `HH:MM:SS level text`. */
  write = (line: string): void => {
    const text = line.replace(/\n$/, '');
    const m = /^\d{4}-\d\d-\d\dT(\d\d:\d\d:\d\d)\.\d+Z (.*)$/s.exec(text);
    this.push(m ? `${m[1]} ${m[2]}` : text);
  };

  push(text: string): void {
    for (const l of text.split('\n')) this.lines.push(l);
    if (this.lines.length > LOG_LINES) this.lines.splice(0, this.lines.length - LOG_LINES);
  }
}

/** The room as the dashboard shows it, and the availability samples it keeps over a round. */
class DashboardSource {
  private history: Record<string, number[]> = {};
  private sampledTick = -1;
  private round = -1;

  /** The levels `n` offers: the series' own first, then the levels folder's, each id once. */
  private readonly levels: Map<string, Level>;

  constructor(private readonly server: GameServer, private readonly code: string, private readonly join: string, private readonly log: DashboardLog, private readonly hostToken?: string) {
    this.levels = new Map();
    for (const l of [...(server.rooms.get(code)?.sequence ?? []), ...listLevels().levels]) if (!this.levels.has(l.id)) this.levels.set(l.id, l);
  }

  /** A level `n` offers, by id. */
  level(id: string): Level | undefined {
    return this.levels.get(id);
  }

  /** What `next` picks unless told: in a series its next level (after the last, the same again), else the same level. */
  private nextLevel(room: Room): Level {
    return room.sequence?.[room.round] ?? room.level;
  }

  data(): DashboardData {
    const room = this.server.rooms.get(this.code);
    const token = this.hostToken ? { hostToken: this.hostToken } : {};
    if (!room) {
      return {
        code: this.code, join: this.join, levelId: '-', title: 'the room is gone', phase: 'ended', tick: 0, durationSeconds: 0, tickMs: 100,
        players: [], spectators: 0, rows: [], history: {}, log: this.log.lines, levels: [], nextLevel: '', ...token,
      };
    }
    if (room.round !== this.round || room.tick < this.sampledTick) {
      this.round = room.round;
      this.history = {};
      this.sampledTick = -1;
    }
    const rows = hasGames(room) ? leaderboard(room) : [];
    if (rows.length && room.tick - this.sampledTick >= SAMPLE_TICKS) {
      this.sampledTick = room.tick;
      for (const r of rows) {
        const h = (this.history[r.name] ??= []);
        h.push(r.availability);
        if (h.length > MAX_SAMPLES) h.shift();
      }
    }
    const byPlayer = new Map(rows.flatMap((r) => (r.members ?? [r.player]).map((id) => [id, r] as const)));
    const next = this.nextLevel(room);
    return {
      code: room.code, join: this.join, levelId: room.level.id, title: room.level.title, phase: room.phase, tick: room.tick,
      durationSeconds: room.level.durationSeconds, tickMs: room.level.tickMs,
      ...(room.phase === 'countdown' ? { startsIn: Math.max(0, ((room.countdownEndsAt - performance.now()) * room.speed) / 1000) } : {}),
      players: [...room.seats.values()].map((s) => {
        const row = byPlayer.get(s.id);
        return {
          id: s.id, name: s.name, connected: s.conn !== undefined, ready: s.ready, ...(s.team === undefined ? {} : { team: s.team }),
          ...(row === undefined ? {} : { availability: row.availability, score: row.score, finishedAt: row.finishedAt ?? 0 }),
        };
      }),
      spectators: [...room.members.values()].filter((m) => m.seat === undefined).length,
      rows, history: this.history, log: this.log.lines, ...token,
      teams: [...room.teams.values()].map((t) => ({ name: t.name, key: t.key })),
      levels: [...(this.levels.has(next.id) ? [] : [next]), ...this.levels.values()].map((l) => ({ id: l.id, title: l.title })),
      nextLevel: next.id,
      ...(room.sequence ? { series: { played: room.round, of: room.sequence.length, totals: seriesTotals(room.totals) } } : {}),
    };
  }
}

/**
 * The host's dashboard in the terminal that runs `nines host`: the same controls as the line console,
 * by keys, on the room this server created or restored.
 */
export function hostDashboard(server: GameServer, code: string, join: string, tui: Tui, log: DashboardLog, hostToken?: string): { quit: Promise<void>; close(): void } {
  const source = new DashboardSource(server, code, join, log, hostToken);
  let ui: DashUi = initialUi();
  let data = source.data();
  let quit: () => void = () => {};
  const quitting = new Promise<void>((resolve) => { quit = resolve; });
  const draw = () => tui.draw(dashboardFrame(data, ui, tui.cols(), tui.rows()));
  const refresh = () => {
    data = source.data();
    draw();
  };
  const apply = (control: HostControl) => {
    const what = control.type === 'kick' ? ` ${control.player}` : control.type === 'team' ? ` ${control.player} ${control.team ?? '(alone)'}` : control.type === 'fire' ? ` ${control.event.type}${control.player ? ` at ${control.player}` : ''}` : control.type === 'next' && control.level ? ` ${control.level}` : '';
    log.push(`> ${control.type}${what}`);
    const level = control.type === 'next' && control.level !== undefined ? source.level(control.level) : undefined;
    try {
      server.rooms.input(code, { type: 'control', now: performance.now(), control, ...(level ? { level } : {}) });
    } catch (e) {
      // A bug in one control must not take the server down with the terminal left in raw mode.
      log.push(`error: ${control.type}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  tui.onKey((key) => {
    const result = dashboardKey(ui, data, key, playerRows(data, tui.cols(), tui.rows()));
    ui = result.ui;
    if (result.control) apply(result.control);
    if (result.quit) quit();
    refresh();
  });
  tui.onResize(draw);
  const timer = setInterval(refresh, REFRESH_MS);
  refresh();
  return {
    quit: quitting,
    close: () => {
      clearInterval(timer);
      tui.destroy();
    },
  };
}
