/**
 * @module bench/load-report — the figures of a load run (bench/load.ts) and their table.
 */
import { fmt, table } from './support.js';

export interface ToolLatency {
  readonly calls: number;
  readonly p50: number;
  readonly p99: number;
}

export interface LoadResult {
  readonly machine: string;
  readonly sessions: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly search: ToolLatency;
  readonly execute: ToolLatency;
  readonly errors: number;
  readonly firstErrors: readonly string[];
  /** The gateway process's resident set (MiB): after start, after the run, and its peak during the run. */
  readonly rssBeforeMiB: number;
  readonly rssAfterMiB: number;
  readonly rssPeakMiB: number;
  /** CPU time the gateway process spent per request (ms): its cost, whatever else runs on the machine. */
  readonly gatewayCpuMsPerRequest: number;
}

export function loadTable(r: LoadResult): string {
  return [
    table(
      ['figure', 'value'],
      [
        ['sessions (SDK clients over Streamable HTTP)', String(r.sessions)],
        ['duration (s)', fmt(r.seconds, 1)],
        ['requests (search_tools + execute_code)', r.requests.toLocaleString('en-US')],
        ['requests/s', fmt(r.requestsPerSecond, 1)],
        ['search_tools p50 / p99 (ms)', `${fmt(r.search.p50)} / ${fmt(r.search.p99)} (${r.search.calls} calls)`],
        ['execute_code p50 / p99 (ms), 2 upstream calls each', `${fmt(r.execute.p50)} / ${fmt(r.execute.p99)} (${r.execute.calls} calls)`],
        ['gateway CPU per request (ms)', fmt(r.gatewayCpuMsPerRequest)],
        ['errors (goal 0)', String(r.errors)],
        ['gateway RSS before / after / peak (MiB)', `${fmt(r.rssBeforeMiB, 0)} / ${fmt(r.rssAfterMiB, 0)} / ${fmt(r.rssPeakMiB, 0)}`],
      ],
    ),
    ...r.firstErrors.map((e) => `\nerror: ${e}`),
  ].join('\n');
}
