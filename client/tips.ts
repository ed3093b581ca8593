import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandInput } from './cli/command-specs.js';
import { stateDir } from './progress.js';

/** What a player meets for the first time, each with a one-line tip on how to read it (it fits an 80-column map). */
export const TIPS = {
  'first-failure': 'failures name a node and a reason: Log (5)',
  'first-event': 'Events (4) counts down; b tells what comes',
  'first-refusal': 'a refusal changes nothing; read its reason',
} as const;
export type TipId = keyof typeof TIPS;
export const TIP_IDS = Object.keys(TIPS) as TipId[];

/** Where tips are switched and which ones the player has seen: they are shown once, ever. */
export interface TipStore {
  enabled(): boolean;
  setEnabled(on: boolean): void;
  seen(id: TipId): boolean;
  markSeen(id: TipId): void;
}

/** Tips kept in memory only: for a run with `--no-tips`, and for tests. */
export function memoryTips(on = true): TipStore {
  const seen = new Set<TipId>();
  return {
    enabled: () => on,
    setEnabled: (v) => { on = v; },
    seen: (id) => seen.has(id),
    markSeen: (id) => { seen.add(id); },
  };
}

const FILE = 'settings.json';

interface SettingsFile {
  tips: boolean;
  tipsSeen: TipId[];
}

/**
 * The player's settings, next to their progress (see progress.ts): whether tips show and which were
 * seen. Losing the file costs nothing but seeing the tips again.
 */
export class Settings implements TipStore {
  private readonly data: SettingsFile;

  constructor(private readonly dir: string) {
    this.data = Settings.read(dir);
  }

  private static read(dir: string): SettingsFile {
    try {
      const json = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as Partial<Record<keyof SettingsFile, unknown>>;
      const seen = Array.isArray(json.tipsSeen) ? json.tipsSeen.filter((x): x is TipId => (TIP_IDS as unknown[]).includes(x)) : [];
      return { tips: json.tips !== false, tipsSeen: seen };
    } catch {
      return { tips: true, tipsSeen: [] };
    }
  }

  enabled(): boolean {
    return this.data.tips;
  }

  setEnabled(on: boolean): void {
    this.data.tips = on;
    this.write();
  }

  seen(id: TipId): boolean {
    return this.data.tipsSeen.includes(id);
  }

  markSeen(id: TipId): void {
    if (this.seen(id)) return;
    this.data.tipsSeen.push(id);
    this.write();
  }

  private write(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, FILE), `${JSON.stringify({ tips: this.data.tips, tipsSeen: [...this.data.tipsSeen].sort() })}\n`);
    } catch {
      // A read-only home only forgets the setting; the game goes on.
    }
  }
}

/** The tips of a terminal run: the player's settings, or none at all with `--no-tips`. */
export function tipStore(input: CommandInput): TipStore {
  return input.values['no-tips'] === true ? memoryTips(false) : new Settings(stateDir());
}
