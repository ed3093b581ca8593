import { CATALOG, type Kind } from '../shared/catalog.js';
import { factsOf } from '../shared/kinds/index.js';
import type { Level } from '../shared/level.js';
import { money } from './format.js';
import { fit, seg, type Line, type Segment } from './styled.js';

/** The placement picker: the level's kinds with their mnemonic letters, to place in one region. */
export interface PickerState {
  region: string;
  kinds: Kind[];
  index: number;
}

export function openPicker(level: Level, region: string, preferred?: Kind): PickerState {
  const kinds = [...level.allowed];
  return { region, kinds, index: Math.max(0, preferred ? kinds.indexOf(preferred) : 0) };
}

type PickerResult = { done: false; state: PickerState } | { done: true; kind?: Kind };

/** A mnemonic letter places at once; arrows choose, Enter places; Esc closes. */
export function pickerKey(p: PickerState, key: string): PickerResult {
  const byLetter = p.kinds.find((k) => factsOf(k).key === key);
  if (byLetter) return { done: true, kind: byLetter };
  switch (key) {
    case 'up':
    case 'k':
      return { done: false, state: { ...p, index: (p.index + p.kinds.length - 1) % p.kinds.length } };
    case 'down':
    case 'j':
      return { done: false, state: { ...p, index: (p.index + 1) % p.kinds.length } };
    case 'enter':
      return { done: true, kind: p.kinds[p.index] };
    case 'escape':
      return { done: true };
    default:
      return { done: false, state: p };
  }
}

/** The label with its mnemonic letter picked out (in brackets too, for monochrome). */
function labelWithKey(kind: Kind): Segment[] {
  const key = factsOf(kind).key;
  const i = kind.indexOf(key);
  if (i < 0) return [seg('['), seg(key, 'key'), seg('] '), seg(kind)];
  return [seg(kind.slice(0, i)), seg('['), seg(key, 'key'), seg(']'), seg(kind.slice(i + 1))];
}

export function pickerView(p: PickerState, level: Level, width: number): Line[] {
  const lines: Line[] = [[seg(`place in ${p.region}:`, 'title')]];
  p.kinds.forEach((k, i) => {
    const cost = level.overrides[k]?.buildCost ?? CATALOG[k].buildCost;
    const mark = i === p.index ? seg('>', 'cursor') : seg(' ');
    lines.push(fit([mark, seg(' '), ...labelWithKey(k), seg(`  ${CATALOG[k].label}, $${money(cost)}`, 'muted')], width));
  });
  lines.push([seg('letter', 'key'), seg(' or '), seg('Enter', 'key'), seg(' place, '), seg('Esc', 'key'), seg(' cancel')]);
  return lines.map((l) => fit(l, width));
}
