import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../../../shared/concepts.js';
import { parseCsv } from '../../helpers/csv-parse.js';
import { nines } from './run-cli.js';

describe('nines syllabus', () => {
  it('prints every concept as JSON with the levels that tag it', () => {
    const r = nines('syllabus', '--format', 'json');
    expect(r.status).toBe(0);
    const { concepts } = JSON.parse(r.stdout) as { concepts: { concept: string; levels: { id: string }[] }[] };
    expect(concepts.map((c) => c.concept).sort()).toEqual(CONCEPTS.map((c) => c.id).sort());
    expect(concepts.find((c) => c.concept === 'message-queue')!.levels.map((l) => l.id)).toContain('flash-sale');
    expect(concepts.find((c) => c.concept === 'frameworks')!.levels).toEqual([]);
  });

  it('prints CSV a spreadsheet opens: one row per concept, its status and levels', () => {
    const r = nines('syllabus', '--format', 'csv');
    expect(r.status).toBe(0);
    const rows = parseCsv(r.stdout.replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['chapter', 'concept', 'name', 'status', 'levels', 'definition']);
    expect(rows.length - 1).toBe(CONCEPTS.length);
    const tutorialRow = rows.find((row) => row[1] === 'horizontal-scaling')!;
    expect(tutorialRow[3]).toBe('taught');
    expect(tutorialRow[4]).toMatch(/^tutorial \(difficulty 1\/5\)/);
    expect(rows.find((row) => row[1] === 'frameworks')![3]).toBe('text');
  });

  it('prints Markdown by default, a section per chapter, and lists the concepts no level teaches yet', () => {
    const r = nines('syllabus');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# nines syllabus\n\n## Foundations\n/);
    expect(r.stdout).toContain('| Message queue and workers |');
    const untaught = r.stdout.split('## Not taught by any level yet')[1]!;
    expect(untaught).toContain('- Throughput vs latency; batching (Foundations)');
    expect(untaught).not.toContain('Autoscaling');
    expect(untaught).not.toContain('Web frameworks');
  });

  it('refuses an unknown format, naming the ones it takes', () => {
    const r = nines('syllabus', '--format', 'pdf');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format: expected one of md, csv, json, got "pdf"');
    expect(r.stdout).toBe('');
  });
});
