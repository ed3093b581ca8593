import { afterEach, describe, expect, it } from 'vitest';
import { headlessTerminal, until, type HeadlessTerminal } from './helpers/headless-tui.js';

let term: HeadlessTerminal | undefined;
afterEach(() => term?.destroy());

describe('tui', () => {
  it('names keys the way the keymap does, Enter once', async () => {
    term = headlessTerminal();
    const keys: string[] = [];
    term.tui.onKey((k) => keys.push(k));
    const sequences = ['\r', '\x1b[Z', '\x03', 'A', '>', '\x7f', '\t', '\x1b[A', '\x1b'];
    for (const s of sequences) term.input.write(s);
    await until(() => keys.length >= sequences.length, () => keys.join(' '));
    expect(keys).toEqual(['enter', 'S-tab', 'C-c', 'A', '>', 'backspace', 'tab', 'up', 'escape']);
  });

  it('reports a mouse press at its cell', async () => {
    term = headlessTerminal(80, 24, { mouse: true });
    const clicks: { x: number; y: number }[] = [];
    term.tui.onClick((c) => clicks.push(c));
    term.input.write('\x1b[<0;5;3M');
    term.input.write('\x1b[<0;5;3m');
    await until(() => clicks.length > 0, () => JSON.stringify(clicks));
    expect(clicks).toEqual([{ x: 4, y: 2 }]);
  });

  it('draws boxes back to front and hides the ones a frame leaves out', () => {
    term = headlessTerminal(20, 5);
    const box = (id: string, left: number, text: string) => ({ id, left, top: 0, width: 6, height: 1, border: false, lines: [[{ text }]] });
    term.tui.draw({ boxes: [box('a', 0, 'aaaaaa'), box('b', 3, 'bbbbbb')] });
    expect(term.tui.text()[0]).toBe('aaabbbbbb           ');
    term.tui.draw({ boxes: [box('a', 0, 'aaaaaa')] });
    expect(term.tui.text()[0]).toBe('aaaaaa              ');
  });

  it('keeps braces in text as text', () => {
    term = headlessTerminal(20, 2);
    term.tui.draw({ boxes: [{ id: 'a', left: 0, top: 0, width: 20, height: 1, border: false, lines: [[{ text: '{bold}x{/bold}', style: 'ok' }]] }] });
    expect(term.tui.text()[0]).toBe('{bold}x{/bold}      ');
  });
});
