/**
 * @module index/eval/format — renders an EvalResult as a Markdown table (one row per set and ranker)
 * followed by the mean Recall@k per ranker and its lift over the first (baseline) ranker.
 */
import type { EvalResult, RankerScores } from './run.js';

const f3 = (x: number): string => x.toFixed(3);
const ms = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(1));

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Mean of a ranker's Recall@k over all sets (rankers matched by name). */
export function meanRecall(result: EvalResult, ranker: string, k: number): number {
  const values = result.sets.flatMap((s) => s.rankers.filter((r) => r.ranker === ranker).map((r) => r.recall[k] ?? 0));
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

export function formatEvalTable(result: EvalResult): string {
  const { ks } = result;
  const header = [
    'set', 'ranker', 'tools', 'queries',
    ...ks.map((k) => `hit@${k}`), ...ks.map((k) => `R@${k}`), ...ks.map((k) => `C@${k}`),
    'MRR', 'nDCG@10', 'p50 ms', 'p95 ms', 'build ms',
  ];
  const lines = [row(header), row(header.map((_, i) => (i < 2 ? '---' : '---:')))];
  const cells = (set: string, tools: number, queries: number, r: RankerScores): string[] => [
    set, r.ranker, String(tools), String(queries),
    ...ks.map((k) => f3(r.hit[k] ?? 0)), ...ks.map((k) => f3(r.recall[k] ?? 0)), ...ks.map((k) => f3(r.complete[k] ?? 0)),
    f3(r.mrr), f3(r.ndcg10), ms(r.p50Ms), ms(r.p95Ms), String(Math.round(r.buildMs)),
  ];
  for (const s of result.sets) {
    const label = s.level === 'name' ? `${s.set} (by name)` : s.set;
    for (const r of s.rankers) lines.push(row(cells(label, s.tools, s.queries, r)));
  }
  const names = result.sets[0]?.rankers.map((r) => r.ranker) ?? [];
  const base = names[0];
  if (base !== undefined && result.sets.length > 1) {
    lines.push('');
    for (const k of ks) {
      const b = meanRecall(result, base, k);
      const parts = names.map((n) => {
        const m = meanRecall(result, n, k);
        return n === base ? `${n} ${f3(m)}` : `${n} ${f3(m)} (${b > 0 ? `${m >= b ? '+' : ''}${(((m - b) / b) * 100).toFixed(1)}%` : 'n/a'})`;
      });
      lines.push(`mean R@${k} over ${result.sets.length} sets: ${parts.join(', ')}`);
    }
  }
  return lines.join('\n');
}
