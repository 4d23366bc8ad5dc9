/**
 * @module test/bench/report/markdown — the results page: bench output is embedded with headings demoted and
 * tables set apart, and a failed or missing benchmark keeps its section with the reason.
 */
import { describe, expect, it } from 'vitest';
import { embedOutput, renderPage, type BenchRun, type BenchSpec } from '../../../bench/report/markdown.js';

const spec = (id: string): BenchSpec => ({ id, title: `Bench ${id}`, source: `${id}.ts`, nodeArgs: [], args: [], json: false, about: `About ${id}.` });

describe('embedOutput', () => {
  it('demotes headings and puts blank lines around a table', () => {
    expect(embedOutput('# Title\nsome line\n| a |\n| - |\n| 1 |\nafter\n')).toBe('### Title\nsome line\n\n| a |\n| - |\n| 1 |\n\nafter');
  });
});

describe('renderPage', () => {
  const runs: BenchRun[] = [
    { spec: spec('ok'), status: 'ok', command: 'node ok.js', seconds: 1, exitCode: 0, stdout: '| x |\n|---|\n| 1 |', stderrTail: '' },
    { spec: spec('broken'), status: 'failed', command: 'node broken.js', seconds: 2, exitCode: 1, stdout: '', stderrTail: 'Error: boom' },
    { spec: spec('gone'), status: 'missing', command: 'node gone.js', seconds: 0, stdout: '', stderrTail: '', note: 'bench/gone.ts does not exist.' },
  ];
  const page = renderPage({
    startedAt: new Date('2026-11-21T03:00:00Z'),
    finishedAt: new Date('2026-11-21T03:10:00Z'),
    machine: 'test machine',
    loadAverage: { before: [1, 2, 3], after: [4, 5, 6] },
    runs,
    charts: {},
  });

  it('keeps a section for every benchmark, failed and missing ones with the reason', () => {
    expect(page).toContain('## Bench ok');
    expect(page).toContain('Result: **FAILED** (exit code 1).');
    expect(page).toContain('Error: boom');
    expect(page).toContain('Result: **MISSING**.');
    expect(page).toContain('bench/gone.ts does not exist.');
  });

  it('names what did not finish and the conditions of the run', () => {
    expect(page).toContain('Not every benchmark finished: Bench broken (failed), Bench gone (missing).');
    expect(page).toContain('Load average (1/5/15 min) at the start: 1.0 / 2.0 / 3.0');
    expect(page).toContain('No goal of issue 6 could be measured in this run.');
  });
});
