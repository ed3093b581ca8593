import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Progress } from '../../client/progress.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'nines-progress-')));

describe('progress', () => {
  it('keeps each level\'s best game across runs: a pass beats a fail, more stars beat a higher score', () => {
    fresh();
    const p = new Progress(dir);
    p.record('a', { passed: false, availability: 0.95, stars: 0, score: 400 });
    p.record('a', { passed: true, availability: 0.991, stars: 1, score: 380 });
    p.record('a', { passed: true, availability: 0.999, stars: 1, score: 700 });
    p.record('a', { passed: true, availability: 0.995, stars: 2, score: 600 });
    p.record('a', { passed: false, availability: 0.5, stars: 0, score: 900 });
    const again = new Progress(dir);
    expect(again.bests().get('a')).toEqual({ passed: true, availability: 0.995, stars: 2, score: 600 });
    expect([...again.completed()]).toEqual(['a']);
  });

  it('reads a file written before best games were kept, and ignores entries that are not results', () => {
    fresh();
    writeFileSync(join(dir, 'progress.json'), JSON.stringify({ passed: ['tutorial'], best: { x: { passed: 'yes' } } }));
    const p = new Progress(dir);
    expect([...p.completed()]).toEqual(['tutorial']);
    expect(p.bests().size).toBe(0);
    p.record('b', { passed: false, availability: 0.9, stars: 0, score: 100 });
    expect(JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'))).toEqual({ passed: ['tutorial'], best: { b: { passed: false, availability: 0.9, stars: 0, score: 100 } } });
  });
});
