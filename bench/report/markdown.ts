/**
 * @module bench/report/markdown — docs/benchmarks.md from the results of `npm run bench`: the run's machine
 * and conditions, a summary of the goals, the charts, then each benchmark's own output. A benchmark that
 * failed, timed out or is missing gets a section saying so, with its stderr tail; none is dropped.
 */
import type { LoadResult } from '../load-report.js';
import type { ScalingResult } from '../search-scaling.js';
import { table } from '../support.js';
import type { TokensResult } from '../tokens.js';

export type BenchStatus = 'ok' | 'failed' | 'timeout' | 'missing' | 'skipped';

export interface BenchSpec {
  readonly id: string;
  readonly title: string;
  /** Source file under bench/ (for the page) and the compiled script run in a child process. */
  readonly source: string;
  readonly nodeArgs: readonly string[];
  readonly args: readonly string[];
  /** Passes `--json <file>` and reads it back (only the benchmarks of this folder that support it). */
  readonly json: boolean;
  /** What the section measures and for which issue. */
  readonly about: string;
}

export interface BenchRun {
  readonly spec: BenchSpec;
  readonly status: BenchStatus;
  readonly command: string;
  readonly seconds: number;
  readonly exitCode?: number | null;
  readonly stdout: string;
  readonly stderrTail: string;
  readonly json?: unknown;
  readonly note?: string;
}

export interface PageInput {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly machine: string;
  readonly loadAverage: { readonly before: readonly number[]; readonly after: readonly number[] };
  readonly runs: readonly BenchRun[];
  /** Chart file names relative to docs/, or undefined when the data was missing. */
  readonly charts: { readonly tokens?: string; readonly latency?: string };
}

/** Bench output is markdown already; headings go two levels down and tables get blank lines around them. */
export function embedOutput(text: string): string {
  const out: string[] = [];
  let inTable = false;
  for (const line of text.replace(/\s+$/, '').split('\n')) {
    const isRow = line.trimStart().startsWith('|');
    if (isRow && !inTable && out.length > 0 && out.at(-1) !== '') out.push('');
    if (!isRow && inTable && line !== '') out.push('');
    inTable = isRow;
    out.push(/^#{1,4} /.test(line) ? `##${line}` : line);
  }
  return out.join('\n');
}

/** Load average (1 min) above which the page says the machine was busy with other work. */
const BUSY_LOAD = 1.5;
const busy = (load: PageInput['loadAverage']): boolean => Math.max(load.before[0] ?? 0, load.after[0] ?? 0) > BUSY_LOAD;

const fmt = (x: number, d = 2): string => (Number.isFinite(x) ? x.toFixed(d) : '—');
const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');

function jsonOf<T>(runs: readonly BenchRun[], id: string): T | undefined {
  const run = runs.find((r) => r.spec.id === id);
  return run?.status === 'ok' ? (run.json as T | undefined) : undefined;
}

/** The goals of issue 6 this folder measures, each with its measured value. */
function summary(runs: readonly BenchRun[]): string {
  const tokens = jsonOf<TokensResult>(runs, 'tokens');
  const scaling = jsonOf<ScalingResult>(runs, 'search-scaling');
  const load = jsonOf<LoadResult>(runs, 'load');
  const rows: string[][] = [];
  const whole = tokens?.estates.at(-1);
  if (tokens) rows.push(['(b) Toolgate tools/list + instructions ≤ 600 o200k tokens', `${tokens.b.o200k} (cl100k ${tokens.b.cl100k})`, verdict(tokens.b.o200k <= 600)]);
  if (whole?.c) {
    rows.push([`(c) Code Mode task ≤ 0.5% of (a) on ${whole.tools.toLocaleString('en-US')} tools`, `median ${pct(whole.c.o200k / whole.a.o200k)}, worst ${pct(whole.c.max / whole.a.o200k)} (${whole.c.tasks} tasks; (a) = ${whole.a.o200k.toLocaleString('en-US')})`, verdict(whole.c.max / whole.a.o200k <= 0.005)]);
  }
  const first = scaling?.sizes[0];
  const last = scaling?.sizes.at(-1);
  if (first && last) {
    const wall = last.searchTools.p50 / first.searchTools.p50;
    const cpu = last.searchToolsCpu.p50 / first.searchToolsCpu.p50;
    rows.push([`search_tools p50 grows ≤ 2× from ${first.tools} to ${last.tools} tools`, `wall ${fmt(first.searchTools.p50)} → ${fmt(last.searchTools.p50)} ms (${fmt(wall)}×); CPU ${fmt(first.searchToolsCpu.p50)} → ${fmt(last.searchToolsCpu.p50)} ms (${fmt(cpu)}×)`, verdict(cpu <= 2 && wall <= 2)]);
  }
  if (load) rows.push([`0 errors under load (${load.sessions} sessions, ${fmt(load.seconds, 0)} s)`, `${load.errors} errors in ${load.requests.toLocaleString('en-US')} requests (${fmt(load.requestsPerSecond, 1)} req/s)`, verdict(load.errors === 0)]);
  for (const id of ['tokens', 'search-scaling', 'load']) {
    const run = runs.find((r) => r.spec.id === id);
    if (run && run.status !== 'ok') rows.push([`${run.spec.title}`, `${run.status}`, '**not measured**']);
  }
  return rows.length === 0 ? 'No goal of issue 6 could be measured in this run.' : table(['goal (issue 6)', 'measured', 'status'], rows);
}

function section(run: BenchRun, charts: PageInput['charts']): string {
  const head = [`## ${run.spec.title}`, '', `${run.spec.about}`, '', `Source \`bench/${run.spec.source}\`; command \`${run.command}\`; ${run.status === 'ok' ? 'finished' : run.status} in ${fmt(run.seconds, 1)} s.`];
  if (run.note) head.push('', run.note);
  const chart = run.spec.id === 'tokens' ? charts.tokens : run.spec.id === 'search-scaling' ? charts.latency : undefined;
  if (chart) head.push('', `![${run.spec.title}](${chart})`);
  if (run.status === 'ok') return [...head, '', embedOutput(run.stdout)].join('\n');
  const label = { failed: `**FAILED** (exit code ${run.exitCode ?? 'none'})`, timeout: '**TIMED OUT** (killed)', missing: '**MISSING**', skipped: 'not run in this invocation', ok: '' }[run.status];
  const tail = run.stderrTail.trim() === '' ? [] : ['', 'Last lines of stderr:', '', '```text', run.stderrTail.trim(), '```'];
  const partial = run.stdout.trim() === '' ? [] : ['', 'Output before it stopped:', '', embedOutput(run.stdout)];
  return [...head, '', `Result: ${label}.`, ...tail, ...partial].join('\n');
}

export function renderPage(input: PageInput): string {
  const { runs } = input;
  const la = (xs: readonly number[]): string => xs.map((x) => x.toFixed(1)).join(' / ');
  const failed = runs.filter((r) => r.status !== 'ok' && r.status !== 'skipped');
  return [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run-all.ts); edit the benchmarks, not this file. -->',
    '',
    `Generated ${input.startedAt.toISOString()} – ${input.finishedAt.toISOString()} on ${input.machine}.`,
    '',
    `Every benchmark ran in a fresh \`node --no-node-snapshot\` process, one after another. Load average (1/5/15 min) at the start: ${la(input.loadAverage.before)}; at the end: ${la(input.loadAverage.after)}. ` +
      `The machine has 2 cores${busy(input.loadAverage) ? ' and was busy with other work while this ran, so wall-clock latencies include time spent waiting for a core' : ' and ran nothing else of note (load average below ' + BUSY_LOAD + ')'}; ` +
      'where a benchmark also reports CPU time, that figure is the cost of the work itself. ' +
      'Figures are medians unless a column says otherwise; spreads are given as p95/p99 or min–max.',
    '',
    failed.length === 0 ? 'Every benchmark finished.' : `Not every benchmark finished: ${failed.map((r) => `${r.spec.title} (${r.status})`).join(', ')}. Their sections say why.`,
    '',
    '## Goals of issue 6',
    '',
    summary(runs),
    '',
    ...runs.flatMap((run) => [section(run, input.charts), '']),
  ].join('\n');
}
