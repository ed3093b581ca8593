import type { Action } from '../shared/action.js';
import { KINDS, LINKABLE, TIERS, type Kind } from '../shared/catalog.js';
import { factsOf } from '../shared/kinds/index.js';
import type { Level } from '../shared/level.js';
import type { GameState } from '../shared/state.js';
import { configFields, parseValue } from './config-fields.js';

/** Commands of the `:` palette, with the arguments each takes, as help shows them. */
export const COMMANDS = {
  place: '<kind> <region> [id]',
  link: '<from> <to>',
  unlink: '<from> <to>',
  scale: '<node> <+n|-n>',
  configure: '<node> <key=value>...',
  upgrade: '<node> [tier]',
  remove: '<node>',
  promote: '<node>',
  help: '',
  glossary: '[term]',
  skip: '',
  tips: '[on|off]',
  quit: '',
} as const;
type CommandName = keyof typeof COMMANDS;
const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
/** Entries the palette's history keeps. */
const HISTORY_LIMIT = 50;

type ParsedCommand =
  | { ok: true; action: Action }
  | { ok: true; command: 'help' | 'quit' | 'skip' }
  | { ok: true; command: 'tips'; on?: boolean }
  | { ok: true; command: 'glossary'; term?: string }
  | { ok: false; message: string };

interface PaletteContext {
  level: Level;
  state: Readonly<GameState> | undefined;
}

function nodeIds(ctx: PaletteContext): string[] {
  return ctx.state?.nodes.map((n) => n.id) ?? [];
}

/** A prefix of a command's name is enough when it names one command (`:sc app1 +1`). */
function commandNamed(word: string): CommandName | undefined {
  const exact = COMMAND_NAMES.find((c) => c === word);
  if (exact) return exact;
  const matches = COMMAND_NAMES.filter((c) => c.startsWith(word));
  return matches.length === 1 ? matches[0] : undefined;
}

function usage(name: CommandName): string {
  return `usage: ${name} ${COMMANDS[name]}`.trimEnd();
}

/** A palette line as an action (or a UI command), or what is wrong with it in words. */
export function parseCommand(text: string, ctx: PaletteContext): ParsedCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...args] = words;
  if (first === undefined) return { ok: false, message: 'type a command, e.g. scale app1 +1 (Tab completes)' };
  const name = commandNamed(first);
  if (!name) return { ok: false, message: `unknown command "${first}"; commands: ${COMMAND_NAMES.join(', ')}` };
  const need = (min: number, max: number) => args.length >= min && args.length <= max;
  switch (name) {
    case 'help':
    case 'quit':
    case 'skip':
      return { ok: true, command: name };
    case 'tips': {
      if (!need(0, 1) || (args[0] !== undefined && args[0] !== 'on' && args[0] !== 'off')) return { ok: false, message: `usage: tips [on|off], got "${args.join(' ')}"` };
      return args[0] === undefined ? { ok: true, command: name } : { ok: true, command: name, on: args[0] === 'on' };
    }
    case 'glossary':
      return args.length ? { ok: true, command: name, term: args.join(' ') } : { ok: true, command: name };
    case 'place': {
      if (!need(2, 3)) return { ok: false, message: usage(name) };
      const [kind, region, id] = args as [string, string, string | undefined];
      if (!(KINDS as readonly string[]).includes(kind)) return { ok: false, message: `no kind "${kind}"; kinds: ${ctx.level.allowed.join(', ')}` };
      return { ok: true, action: { type: 'place', kind: kind as Kind, region, ...(id ? { id } : {}) } };
    }
    case 'link':
    case 'unlink':
      if (!need(2, 2)) return { ok: false, message: usage(name) };
      return { ok: true, action: { type: name, from: args[0]!, to: args[1]! } };
    case 'scale': {
      if (!need(2, 2) || !/^[+-]?\d+$/.test(args[1]!)) return { ok: false, message: usage(name) };
      return { ok: true, action: { type: 'scale', node: args[0]!, by: Number(args[1]) } };
    }
    case 'configure': {
      if (args.length < 2) return { ok: false, message: usage(name) };
      const node = ctx.state?.nodes.find((n) => n.id === args[0]);
      const fields = node ? configFields(node.kind) : [];
      const config: Record<string, unknown> = {};
      for (const pair of args.slice(1)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) return { ok: false, message: `expected key=value, got "${pair}"` };
        const key = pair.slice(0, eq);
        config[key] = parseValue(fields.find((f) => f.name === key), pair.slice(eq + 1));
      }
      return { ok: true, action: { type: 'configure', node: args[0]!, config } };
    }
    case 'upgrade': {
      if (!need(1, 2)) return { ok: false, message: usage(name) };
      const tier = args[1];
      if (tier !== undefined && !(TIERS as readonly string[]).includes(tier)) return { ok: false, message: `no tier "${tier}"; tiers: ${TIERS.join(', ')}` };
      return { ok: true, action: { type: 'upgrade', node: args[0]!, ...(tier ? { tier: tier as (typeof TIERS)[number] } : {}) } };
    }
    case 'remove':
    case 'promote':
      if (!need(1, 1)) return { ok: false, message: usage(name) };
      return { ok: true, action: { type: name, node: args[0]! } };
  }
}

/** What may come at the argument position `index` of a command, given the words before it. */
function candidates(name: CommandName, index: number, words: string[], current: string, ctx: PaletteContext): string[] {
  const nodes = ctx.state?.nodes ?? [];
  switch (name) {
    case 'place':
      return index === 0 ? [...ctx.level.allowed] : index === 1 ? ctx.level.regions.map((r) => r.id) : [];
    case 'link': {
      if (index === 0) return nodes.filter((n) => LINKABLE[n.kind].length > 0).map((n) => n.id);
      const from = nodes.find((n) => n.id === words[1]);
      return index === 1 && from ? nodes.filter((n) => LINKABLE[from.kind].includes(n.kind) && n.id !== from.id).map((n) => n.id) : [];
    }
    case 'unlink': {
      const links = ctx.state?.links ?? [];
      if (index === 0) return [...new Set(links.map((l) => l.from))];
      return index === 1 ? links.filter((l) => l.from === words[1]).map((l) => l.to) : [];
    }
    case 'scale':
      return index === 0 ? nodes.filter((n) => factsOf(n.kind).units).map((n) => n.id) : index === 1 ? ['+1', '-1'] : [];
    case 'upgrade':
      return index === 0 ? nodeIds(ctx) : index === 1 ? [...TIERS] : [];
    case 'remove':
      return index === 0 ? nodeIds(ctx) : [];
    case 'promote':
      return index === 0 ? nodes.filter((n) => factsOf(n.kind).promotes).map((n) => n.id) : [];
    case 'configure': {
      if (index === 0) return nodes.filter((n) => configFields(n.kind).length > 0).map((n) => n.id);
      const node = nodes.find((n) => n.id === words[1]);
      if (!node) return [];
      const fields = configFields(node.kind);
      const eq = current.indexOf('=');
      if (eq < 0) return fields.map((f) => `${f.name}=`);
      const field = fields.find((f) => f.name === current.slice(0, eq));
      return field ? field.options.map((o) => `${field.name}=${o}`) : [];
    }
    case 'tips':
      return index === 0 ? ['on', 'off'] : [];
    case 'help':
    case 'glossary':
    case 'skip':
    case 'quit':
      return [];
  }
}

function commonPrefix(words: string[]): string {
  if (!words.length) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

interface Completion {
  /** The line after Tab. */
  text: string;
  /** The choices for the word being typed, shown under the input. */
  choices: string[];
}

/** Tab: completes the word being typed as far as its choices agree, and lists them. */
export function complete(text: string, ctx: PaletteContext): Completion {
  const words = text.split(/\s+/);
  if (words[0] === '') words.shift();
  const current = words[words.length - 1] ?? '';
  const before = text.slice(0, text.length - current.length);
  let options: string[];
  if (words.length <= 1) options = COMMAND_NAMES;
  else {
    const name = commandNamed(words[0]!);
    options = name ? candidates(name, words.length - 2, words, current, ctx) : [];
  }
  const choices = options.filter((o) => o.startsWith(current));
  if (!choices.length) return { text, choices };
  if (choices.length === 1) {
    const only = choices[0]!;
    return { text: `${before}${only}${only.endsWith('=') ? '' : ' '}`, choices };
  }
  return { text: `${before}${commonPrefix(choices)}`, choices };
}

/** Commands typed before, newest last, without repeats in a row. */
export class CommandHistory {
  private readonly entries: string[] = [];
  private index = 0;

  add(line: string): void {
    if (line.trim() && this.entries.at(-1) !== line) this.entries.push(line);
    if (this.entries.length > HISTORY_LIMIT) this.entries.shift();
    this.index = this.entries.length;
  }

  /** The line before the one shown (Up), or undefined at the oldest. */
  previous(): string | undefined {
    if (this.index === 0) return this.entries.length ? this.entries[0] : undefined;
    return this.entries[--this.index];
  }

  /** The line after (Down); an empty line past the newest. */
  next(): string {
    if (this.index >= this.entries.length) return '';
    this.index++;
    return this.entries[this.index] ?? '';
  }

  reset(): void {
    this.index = this.entries.length;
  }
}
