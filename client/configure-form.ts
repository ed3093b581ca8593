import type { Action } from '../shared/action.js';
import type { Kind } from '../shared/catalog.js';
import type { NodeState } from '../shared/state.js';
import { configFields, fieldHelp, parseValue, type ConfigField } from './config-fields.js';
import { fit, seg, wrapText, type Line } from './styled.js';

/** A form of a node's settings: choices cycle with Left/Right, numbers and text are typed. */
export interface FormState {
  node: string;
  kind: Kind;
  fields: ConfigField[];
  values: string[];
  original: string[];
  index: number;
}

function valueText(v: unknown): string {
  return v === undefined ? '' : String(v);
}

export function openForm(node: NodeState): FormState | undefined {
  const fields = configFields(node.kind);
  if (!fields.length) return undefined;
  const config = new Map<string, unknown>(Object.entries(node.config));
  const values = fields.map((f) => valueText(config.get(f.name)));
  return { node: node.id, kind: node.kind, fields, values, original: [...values], index: 0 };
}

type FormResult = { done: false; state: FormState } | { done: true; action?: Action };

function cycle(f: FormState, by: number): FormState {
  const field = f.fields[f.index]!;
  if (!field.options.length) return f;
  const at = field.options.indexOf(f.values[f.index]!);
  const next = field.options[(at + by + field.options.length) % field.options.length]!;
  return { ...f, values: f.values.map((v, i) => (i === f.index ? next : v)) };
}

function edit(f: FormState, change: (v: string) => string): FormState {
  return { ...f, values: f.values.map((v, i) => (i === f.index ? change(v) : v)) };
}

/** Enter applies the fields that changed as one configure action. */
function submit(f: FormState): FormResult {
  const config: Record<string, unknown> = {};
  f.fields.forEach((field, i) => {
    if (f.values[i] !== f.original[i]) config[field.name] = parseValue(field, f.values[i]!);
  });
  return Object.keys(config).length ? { done: true, action: { type: 'configure', node: f.node, config } } : { done: true };
}

export function formKey(f: FormState, key: string): FormResult {
  const field = f.fields[f.index]!;
  switch (key) {
    case 'up':
      return { done: false, state: { ...f, index: (f.index + f.fields.length - 1) % f.fields.length } };
    case 'down':
    case 'tab':
      return { done: false, state: { ...f, index: (f.index + 1) % f.fields.length } };
    case 'left':
      return { done: false, state: cycle(f, -1) };
    case 'right':
    case 'space':
    case ' ':
      return { done: false, state: cycle(f, 1) };
    case 'backspace':
      return { done: false, state: field.options.length ? f : edit(f, (v) => v.slice(0, -1)) };
    case 'enter':
      return submit(f);
    case 'escape':
      return { done: true };
    default:
      if (key.length === 1 && !field.options.length) return { done: false, state: edit(f, (v) => v + key) };
      return { done: false, state: f };
  }
}

export function formView(f: FormState, width: number): Line[] {
  const nameWidth = Math.max(...f.fields.map((x) => x.name.length)) + 1;
  const lines: Line[] = [[seg(`configure ${f.node}`, 'title')]];
  f.fields.forEach((field, i) => {
    const here = i === f.index;
    const changed = f.values[i] !== f.original[i];
    const value = field.options.length ? `< ${f.values[i]} >` : `${f.values[i]}${here ? '_' : ''}`;
    const unit = fieldHelp(f.kind, field.name)?.unit;
    lines.push([
      seg(here ? '>' : ' ', 'cursor'), seg(` ${field.name.padEnd(nameWidth)}`, 'muted'), seg(value, here ? 'cursor' : changed ? 'accent' : 'normal'),
      seg(unit ? ` ${unit}` : '', 'muted'), seg(changed ? ' *' : '', 'accent'),
    ]);
  });
  // What the field under the cursor means, and its unit.
  const field = f.fields[f.index]!;
  const about = fieldHelp(f.kind, field.name);
  if (about) lines.push([], ...wrapText(`${field.name}: ${about.help}`, width).map((t) => [seg(t, 'muted')]));
  lines.push([seg('Left/Right', 'key'), seg(' choose  '), seg('Enter', 'key'), seg(' apply  '), seg('Esc', 'key'), seg(' cancel')]);
  return lines.map((l) => fit(l, width));
}
