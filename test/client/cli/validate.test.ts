import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_LEVEL, FIXTURE_PLAN, nines, ROOT, STACK_FRAME } from './run-cli.js';

type Json = Record<string, any>;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nines-validate-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the fixture level, changed by `edit`, to the temp folder. */
function brokenLevel(name: string, edit: (level: Json) => void): string {
  const level = JSON.parse(readFileSync(FIXTURE_LEVEL, 'utf8')) as Json;
  edit(level);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(level, null, 2));
  return file;
}

function rawFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('nines validate', () => {
  it('accepts a good level and a good plan', () => {
    const r = nines('validate', FIXTURE_LEVEL, FIXTURE_PLAN);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`ok: ${FIXTURE_LEVEL}\nok: ${FIXTURE_PLAN}\n`);
  });

  it.each<[string, (level: Json) => void, string]>([
    ['mix.json', (l) => { l.traffic.mix.read = 0.9; }, 'traffic.mix: the shares must sum to 1, got 1.1'],
    [
      'event-region.json',
      (l) => { l.events.push({ type: 'region-failure', at: 5, duration: 5, region: 'mars' }); },
      `events[1].region: unknown region "mars"; the level's regions are home`,
    ],
    ['rtt.json', (l) => { l.rttMs = [[0, 20]]; }, 'rttMs[0]: expected 1 columns (one per region), got 2'],
    ['event-type.json', (l) => { l.events[0].type = 'meteor'; }, 'events[0].type: expected one of "ramp", "diurnal"'],
    ['missing.json', (l) => { delete l.title; }, 'title: missing; expected a string'],
    ['typo.json', (l) => { l.budgett = 5; }, 'budgett: unknown field'],
    ['range.json', (l) => { l.durationSeconds = 5; }, 'durationSeconds: expected at least 10, got 5'],
    [
      'initial.json',
      (l) => { l.initial.push({ type: 'link', from: 'app', to: 'nowhere' }); },
      'level small-shop: initial[3] (link) was refused: no node "nowhere"',
    ],
  ])('rejects %s with the file, the JSON path and the problem', (name, edit, message) => {
    const file = brokenLevel(name, edit);
    const r = nines('validate', file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}: ${message}`);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it.each([
    ['trailing-comma.json', '{\n  "id": "x",\n}\n', "3:1: invalid JSON: expected a double-quoted property name, got '}'"],
    ['missing-comma.json', '{\n  "id": "x"\n  "title": "y"\n}\n', `3:3: invalid JSON: expected ',' or '}' after a property value, got '"'`],
    ['bad-literal.json', '{ "noise": tru }', "1:12: invalid JSON: expected a value, got 'tru'"],
    ['empty.json', '', '1:1: invalid JSON: expected a value, got the end of the file'],
  ])('reports invalid JSON in %s at its line and column', (name, text, message) => {
    const file = rawFile(name, text);
    const r = nines('validate', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${file}:${message}\n`);
  });

  it('checks a plan as a plan: an object with actions and no regions', () => {
    const file = rawFile('plan.json', JSON.stringify({ actions: [{ at: -1, action: { type: 'warp', node: 'app' } }] }));
    const r = nines('validate', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}: actions[0].at: expected at least 0, got -1`);
    expect(r.stderr).toContain(`${file}: actions[0].action.type: expected one of "place"`);
  });

  it('reports a file that does not exist by name', () => {
    const file = join(dir, 'nope.json');
    const r = nines('validate', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${file}: no such file\n`);
  });

  it('checks every file given and fails if any is wrong', () => {
    const bad = brokenLevel('bad-budget.json', (l) => { l.budget = -1; });
    const r = nines('validate', FIXTURE_LEVEL, bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`ok: ${FIXTURE_LEVEL}\n`);
    expect(r.stderr).toContain(`${bad}: budget: expected more than 0, got -1`);
  });

  it('skips the generated schema files a glob like levels/*.json picks up', () => {
    const schema = join(ROOT, 'levels', 'level.schema.json');
    const r = nines('validate', schema, FIXTURE_LEVEL);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`skipped: ${schema} (a generated JSON Schema)\nok: ${FIXTURE_LEVEL}\n`);
  });
});
