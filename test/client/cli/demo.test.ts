import { describe, expect, it } from 'vitest';
import { FIXTURE_LEVEL, FIXTURE_PLAN, nines } from './run-cli.js';

describe('nines demo', () => {
  it('says what it is, prints a line per 10 game seconds, then the summary', () => {
    const r = nines('demo', '--fast', '--level', FIXTURE_LEVEL, '--plan', FIXTURE_PLAN);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^nines demo: a level played headless by its worked answer/);
    const ticks = r.stdout.split('\n').filter((l) => /^\s+\d+ s\s+offered/.test(l)).map((l) => l.trim().split(' ')[0]);
    expect(ticks).toEqual(['10', '20', '30']);
    expect(r.stdout).toMatch(/\|[#x ]{30}\|$/m);
    expect(r.stdout).toMatch(/^Result\s+(PASSED|FAILED)/m);
  });

  it("tells which plan it plays, with the plan's description", () => {
    const r = nines('demo', '--fast', '--level', FIXTURE_LEVEL, '--plan', FIXTURE_PLAN);
    expect(r.stdout).toContain(`Played by the plan ${FIXTURE_PLAN}: Test fixture: put a cache in front of the database`);
    expect(nines('demo', '--fast', '--level', FIXTURE_LEVEL).stdout).toContain('Played by no plan: the initial architecture plays alone');
  });
});
