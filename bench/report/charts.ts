/**
 * @module bench/report/charts — the two charts of docs/benchmarks.md: context tokens against estate size
 * (log–log; full listing, Toolgate's fixed cost, a Code Mode task) and search_tools latency against estate size.
 */
import type { ScalingResult } from '../search-scaling.js';
import type { TokensResult } from '../tokens.js';
import { renderChart } from './svg-chart.js';

const COLORS = { a: '#c0392b', aSingle: '#e6a19a', b: '#2471a3', c: '#239b56', cSingle: '#8fd1a8', cpu: '#7d3c98', rank: '#b9770e' };

export function tokensChart(r: TokensResult): string {
  const unions = r.estates.filter((e) => e.name.startsWith('union'));
  const singles = r.estates.filter((e) => !e.name.startsWith('union'));
  const xs = r.estates.map((e) => e.tools);
  return renderChart({
    title: 'Context tokens (o200k) against estate size',
    xLabel: 'tools in the estate (log scale)',
    yLabel: 'tokens (log scale)',
    xLog: true,
    yLog: true,
    series: [
      { name: '(a) full tools/list, unions of estates', color: COLORS.a, line: true, labels: true, points: unions.map((e) => [e.tools, e.a.o200k]) },
      { name: '(a) full tools/list, single estates', color: COLORS.aSingle, marker: 'square', points: singles.map((e) => [e.tools, e.a.o200k]) },
      { name: '(c) Code Mode task, median over tasks (unions)', color: COLORS.c, marker: 'triangle', line: true, labels: true, points: unions.flatMap((e) => (e.c ? [[e.tools, e.c.o200k] as const] : [])) },
      { name: '(c) Code Mode task, single estates', color: COLORS.cSingle, marker: 'triangle', points: singles.flatMap((e) => (e.c ? [[e.tools, e.c.o200k] as const] : [])) },
      { name: `(b) Toolgate tools/list + instructions (${r.b.o200k})`, color: COLORS.b, marker: 'diamond', line: true, points: [[Math.min(...xs), r.b.o200k], [Math.max(...xs), r.b.o200k]] },
    ],
  });
}

export function latencyChart(r: ScalingResult): string {
  const at = (f: (s: ScalingResult['sizes'][number]) => number) => r.sizes.map((s) => [s.tools, f(s)] as const);
  return renderChart({
    title: 'search_tools latency against estate size (built-in embedder, hybrid, declarations)',
    xLabel: 'tools in the estate (log scale)',
    yLabel: 'milliseconds (log scale)',
    xLog: true,
    yLog: true,
    series: [
      { name: 'search_tools wall p50', color: COLORS.a, line: true, labels: true, points: at((s) => s.searchTools.p50) },
      { name: 'search_tools wall p95', color: COLORS.aSingle, line: true, dashed: true, marker: 'square', points: at((s) => s.searchTools.p95) },
      { name: 'search_tools CPU p50', color: COLORS.cpu, line: true, labels: true, marker: 'diamond', points: at((s) => s.searchToolsCpu.p50) },
      { name: 'ranking only (index.search) wall p50', color: COLORS.rank, line: true, marker: 'triangle', points: at((s) => s.index.p50) },
    ],
  });
}
