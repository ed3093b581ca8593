import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../client/palette.js';
import { Settings, memoryTips } from '../../client/tips.js';
import { tutorialLevel } from './helpers/levels.js';

const dir = () => mkdtempSync(join(tmpdir(), 'nines-settings-'));

describe('tip settings', () => {
  it('start on with nothing seen, and keep what changes for the next run', () => {
    const d = dir();
    const a = new Settings(d);
    expect(a.enabled()).toBe(true);
    expect(a.seen('first-failure')).toBe(false);
    a.markSeen('first-failure');
    a.setEnabled(false);
    const b = new Settings(d);
    expect(b.enabled()).toBe(false);
    expect(b.seen('first-failure')).toBe(true);
    expect(b.seen('first-event')).toBe(false);
    expect(JSON.parse(readFileSync(join(d, 'settings.json'), 'utf8'))).toEqual({ tips: false, tipsSeen: ['first-failure'] });
  });

  it('a damaged file or unknown tips fall back to the defaults, not to a crash', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), '{"tips": "no", "tipsSeen": ["nope", 3, "first-event"]}');
    const s = new Settings(d);
    expect(s.enabled()).toBe(true);
    expect(s.seen('first-event')).toBe(true);
    writeFileSync(join(d, 'settings.json'), '{not json');
    expect(new Settings(d).enabled()).toBe(true);
  });

  it('--no-tips keeps them off in memory only', () => {
    const t = memoryTips(false);
    expect(t.enabled()).toBe(false);
  });
});

describe('palette: skip and tips', () => {
  const ctx = { level: tutorialLevel(), state: undefined };
  it('parses :skip and :tips on|off, and names a bad argument', () => {
    expect(parseCommand('skip', ctx)).toEqual({ ok: true, command: 'skip' });
    expect(parseCommand('tips off', ctx)).toEqual({ ok: true, command: 'tips', on: false });
    expect(parseCommand('tips on', ctx)).toEqual({ ok: true, command: 'tips', on: true });
    expect(parseCommand('tips', ctx)).toEqual({ ok: true, command: 'tips' });
    expect(parseCommand('tips maybe', ctx)).toEqual({ ok: false, message: 'usage: tips [on|off], got "maybe"' });
  });
});
