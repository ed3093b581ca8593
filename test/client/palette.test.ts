import { describe, expect, it } from 'vitest';
import { newGame } from '../../shared/game.js';
import { CommandHistory, complete, parseCommand } from '../../client/palette.js';
import { shortLevel } from './helpers/levels.js';

const level = shortLevel();
const ctx = { level, state: newGame(level).state };

describe('parseCommand', () => {
  it.each([
    ['place cache us-east', { type: 'place', kind: 'cache', region: 'us-east' }],
    ['place app eu-west web', { type: 'place', kind: 'app', region: 'eu-west', id: 'web' }],
    ['link app1 db1', { type: 'link', from: 'app1', to: 'db1' }],
    ['unlink app1 db1', { type: 'unlink', from: 'app1', to: 'db1' }],
    ['scale app1 +2', { type: 'scale', node: 'app1', by: 2 }],
    ['sc app1 -1', { type: 'scale', node: 'app1', by: -1 }],
    ['configure app1 autoscale=true maxInstances=4', { type: 'configure', node: 'app1', config: { autoscale: true, maxInstances: 4 } }],
    ['upgrade app1', { type: 'upgrade', node: 'app1' }],
    ['upgrade app1 large', { type: 'upgrade', node: 'app1', tier: 'large' }],
    ['remove app1', { type: 'remove', node: 'app1' }],
    ['promote replica1', { type: 'promote', node: 'replica1' }],
  ])('reads "%s" as its action', (text, action) => {
    expect(parseCommand(text, ctx)).toEqual({ ok: true, action });
  });

  it('keeps an enum value of configure as text', () => {
    expect(parseCommand('configure lb1 algorithm=least-connections', ctx)).toEqual({ ok: true, action: { type: 'configure', node: 'lb1', config: { algorithm: 'least-connections' } } });
  });

  it.each([
    ['', 'type a command'],
    ['fly app1', 'unknown command "fly"'],
    ['place teapot us-east', 'no kind "teapot"'],
    ['scale app1 lots', 'usage: scale <node> <+n|-n>'],
    ['configure app1 autoscale', 'expected key=value, got "autoscale"'],
    ['upgrade app1 huge', 'no tier "huge"'],
  ])('says what is wrong with "%s"', (text, message) => {
    const r = parseCommand(text, ctx);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });
});

describe('complete', () => {
  it('completes a command name and lists the choices when several fit', () => {
    expect(complete('sc', ctx)).toEqual({ text: 'scale ', choices: ['scale'] });
    expect(complete('p', ctx)).toEqual({ text: 'p', choices: ['place', 'promote'] });
  });

  it('offers the allowed kinds, then the regions, for place', () => {
    expect(complete('place ca', ctx).text).toBe('place cache ');
    expect(complete('place cache ', ctx).choices).toEqual(['us-east', 'eu-west']);
  });

  it('offers only the nodes the caller may call for link', () => {
    expect(complete('link app1 ', ctx).choices).toEqual(['db1']);
  });

  it('offers a node setting, then its choices, for configure', () => {
    expect(complete('configure app1 auto', ctx).text).toBe('configure app1 autoscale=');
    expect(complete('configure app1 autoscale=', ctx).choices).toEqual(['autoscale=false', 'autoscale=true']);
  });
});

describe('CommandHistory', () => {
  it('walks back and forth, skipping repeats in a row', () => {
    const h = new CommandHistory();
    h.add('scale app1 +1');
    h.add('scale app1 +1');
    h.add('remove lb1');
    expect(h.previous()).toBe('remove lb1');
    expect(h.previous()).toBe('scale app1 +1');
    expect(h.previous()).toBe('scale app1 +1');
    expect(h.next()).toBe('remove lb1');
    expect(h.next()).toBe('');
  });
});
