import { describe, expect, it } from 'vitest';
import { gameScreen } from '../../client/game-screen.js';
import { handGame } from './helpers/game.js';
import { shortLevel, tutorialLevel } from './helpers/levels.js';

describe('GameController keys', () => {
  it('starts on the map, on the first tier of the first region', () => {
    const g = handGame(tutorialLevel());
    expect(g.controller.focus).toBe('map');
    expect(g.controller.cursor).toEqual({ row: 0, col: 0, slot: 0 });
  });

  it('places with the picker: p, then a mnemonic letter, in the cursor region', () => {
    const g = handGame(shortLevel());
    g.keys('l', 'p');
    expect(g.controller.mode.type).toBe('picker');
    g.keys('c');
    expect(g.sent).toEqual([{ type: 'place', kind: 'cache', region: 'eu-west' }]);
    expect(g.controller.mode.type).toBe('normal');
  });

  it('moves the cursor onto a node once its placement is acked', () => {
    const g = handGame(tutorialLevel());
    g.keys('p', 'l');
    g.flush();
    expect(g.model.state?.nodes.some((n) => n.id === 'lb1')).toBe(true);
    g.keys('>');
    expect(g.sent).toEqual([{ type: 'scale', node: 'lb1', by: 1 }]);
  });

  it('Enter on an empty slot opens the picker on that tier', () => {
    const g = handGame(tutorialLevel());
    g.keys('enter');
    expect(g.controller.mode).toMatchObject({ type: 'picker', picker: { kinds: ['lb', 'app', 'db'], index: 0 } });
    g.keys('escape');
    expect(g.controller.mode.type).toBe('normal');
    expect(g.sent).toEqual([]);
  });

  it('links by keyboard: c on the caller, move, Enter on the callee', () => {
    const g = handGame(tutorialLevel());
    g.keys('p', 'l');
    g.flush();
    g.keys('c', 'j', 'j', 'enter');
    expect(g.sent).toEqual([{ type: 'link', from: 'lb1', to: 'app1' }]);
  });

  it('scales with > and <, upgrades with u, promotes with P', () => {
    const g = handGame(tutorialLevel());
    g.keys('j', '>', '<', 'u', 'P');
    expect(g.sent).toEqual([
      { type: 'scale', node: 'app1', by: 1 },
      { type: 'scale', node: 'app1', by: -1 },
      { type: 'upgrade', node: 'app1' },
      { type: 'promote', node: 'app1' },
    ]);
  });

  it('removes only after y', () => {
    const g = handGame(tutorialLevel());
    g.keys('j', 'd');
    expect(g.controller.mode).toMatchObject({ type: 'confirm', question: 'remove app1 and its links? (y/n)' });
    g.keys('n', 'd', 'y');
    expect(g.sent).toEqual([{ type: 'remove', node: 'app1' }]);
  });

  it('configures through a form that sends only the changed fields', () => {
    const g = handGame(tutorialLevel());
    g.keys('j', 'e');
    expect(g.controller.mode.type).toBe('form');
    g.keys('right', 'down', 'down', 'backspace', 'backspace', '4', 'enter');
    expect(g.sent).toEqual([{ type: 'configure', node: 'app1', config: { autoscale: true, maxInstances: 4 } }]);
  });

  it('runs palette commands and keeps them in its history', () => {
    const g = handGame(tutorialLevel());
    for (const k of [':', ...'scale app1 +2', 'enter']) g.keys(k);
    expect(g.sent).toEqual([{ type: 'scale', node: 'app1', by: 2 }]);
    g.keys(':', 'up');
    expect(g.controller.mode).toMatchObject({ type: 'palette', text: 'scale app1 +2' });
  });

  it('keeps the palette open with the problem when a command does not parse', () => {
    const g = handGame(tutorialLevel());
    for (const k of [':', ...'scale app1', 'enter']) g.keys(k);
    expect(g.controller.mode).toMatchObject({ type: 'palette', error: 'usage: scale <node> <+n|-n>' });
    expect(g.sent).toEqual([]);
  });

  it('shows a refused action in words on the focused panel', () => {
    const g = handGame(tutorialLevel());
    g.keys('j', 'j', 'j', '>');
    g.flush();
    expect(g.controller.flash).toMatchObject({ style: 'bad', text: expect.stringContaining('refused: db does not scale by units') });
  });

  it('moves between panels with Tab, Shift-Tab and digits; Esc goes back to the map', () => {
    const g = handGame(tutorialLevel());
    g.keys('tab');
    expect(g.controller.focus).toBe('inspector');
    g.keys('S-tab', 'S-tab');
    expect(g.controller.focus).toBe('leaderboard');
    g.keys('5');
    expect(g.controller.focus).toBe('log');
    g.keys('escape', 'escape');
    expect(g.controller.focus).toBe('map');
    expect(g.quits()).toBe(0);
  });

  it('asks before quitting a game, quits at once on Ctrl-C', () => {
    const g = handGame(tutorialLevel());
    g.keys('q');
    expect(g.controller.mode).toMatchObject({ type: 'confirm', then: 'quit' });
    g.keys('escape');
    expect(g.quits()).toBe(0);
    g.keys('q', 'y');
    expect(g.quits()).toBe(1);
    g.keys('C-c');
    expect(g.quits()).toBe(2);
  });

  it('opens help on ? and closes it on Esc', () => {
    const g = handGame(tutorialLevel());
    g.keys('?');
    expect(g.controller.mode.type).toBe('help');
    g.keys('escape');
    expect(g.controller.mode.type).toBe('normal');
  });

  it('keeps the cursor on its node when the map changes around it', () => {
    const g = handGame(tutorialLevel());
    g.keys(':', ...'place app us-east', 'enter');
    g.flush();
    expect(g.controller.cursor).toEqual({ row: 1, col: 0, slot: 1 });
    g.keys(':', ...'remove app1', 'enter');
    g.flush();
    // app2 moved up a slot; the cursor went with it.
    expect(g.controller.cursor).toEqual({ row: 1, col: 0, slot: 0 });
    g.keys('>');
    expect(g.sent).toEqual([{ type: 'scale', node: 'app2', by: 1 }]);
  });
});

describe('GameController: the brief and pausing', () => {
  it('b opens the level brief and Esc closes it; the brief shown at start goes at the first key, which still acts', () => {
    const g = handGame(tutorialLevel());
    g.controller.briefing = true;
    g.keys('j');
    expect(g.controller.briefing).toBe(false);
    expect(g.controller.cursor.row).toBe(1);
    g.keys('b');
    expect(g.controller.mode.type).toBe('brief');
    g.keys('escape');
    expect(g.controller.mode.type).toBe('normal');
  });

  it('in a room, Space says the host pauses, and help pauses nothing', () => {
    const g = handGame(tutorialLevel());
    g.keys(' ');
    expect(g.controller.flash?.text).toBe('only the host pauses a room game');
    g.keys('?');
    expect(g.controller.mode.type).toBe('help');
  });
});

describe('GameController: the glossary', () => {
  it('g opens the glossary, :glossary <term> opens it on a term, Esc or g closes it, and the screen shows it', () => {
    const g = handGame(tutorialLevel());
    g.keys('g');
    expect(g.controller.mode).toEqual({ type: 'glossary', scroll: 0 });
    g.keys('down', 'down');
    expect(g.controller.mode).toEqual({ type: 'glossary', scroll: 2 });
    g.keys('g');
    expect(g.controller.mode.type).toBe('normal');
    g.keys(':', ...'glossary message queue', 'enter');
    expect(g.controller.mode).toEqual({ type: 'glossary', scroll: 0, term: 'message queue' });
    const box = gameScreen(g.model, g.controller, 80, 24, 0).frame.boxes.find((b) => b.id === 'glossary')!;
    const text = box.lines.map((l) => l.map((s) => s.text).join('')).join('\n');
    expect(box.title).toBe('Glossary: message queue (Esc closes; g for all)');
    expect(text).toContain('Message queue and workers');
    expect(text).toContain('played in: flash-sale');
    g.keys('escape');
    expect(g.controller.mode.type).toBe('normal');
    expect(g.sent).toEqual([]);
  });
});

