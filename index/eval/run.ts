/**
 * @module index/eval/run — runs rankers over eval sets and scores them: hit@k, Recall@k,
 * Completeness@k, MRR, nDCG@10 and per-query latency p50/p95. Every ranker sees the same tools and
 * queries in the same run, so the baseline column is comparable with the hybrid one.
 *
 * Scores are by tool id, or by tool name (`level: 'name'`) for sets where one name has several
 * near-identical definitions and gold is one of them (bfcl): there, ranked ids and gold ids become names,
 * each name counted once at its best rank, so a same-name definition is neither a miss nor a lost slot.
 */
import type { ToolRecord } from '../../catalog/types.js';
import type { EvalData } from './load.js';
import { collapse, completeAt, hitAt, ndcgAt, percentile, recallAt, reciprocalRank } from './metrics.js';

/** What one ranked entry counts as: the exact tool definition, or any definition of that tool name. */
export type ScoreLevel = 'id' | 'name';

/** Ranks tool ids for a query, best first. */
export interface Ranker {
  readonly name: string;
  search(query: string, limit: number): Promise<readonly string[]> | readonly string[];
}

/** Builds a ranker over one set's tools (index build time is measured). */
export interface RankerFactory {
  readonly name: string;
  build(tools: readonly ToolRecord[]): Promise<Ranker> | Ranker;
}

export interface RankerScores {
  readonly ranker: string;
  readonly buildMs: number;
  /** Keyed by k. */
  readonly hit: Record<number, number>;
  readonly recall: Record<number, number>;
  readonly complete: Record<number, number>;
  readonly mrr: number;
  readonly ndcg10: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface SetResult {
  readonly set: string;
  readonly level: ScoreLevel;
  readonly tools: number;
  readonly queries: number;
  readonly skipped: number;
  readonly rankers: readonly RankerScores[];
}

export interface EvalResult {
  readonly ks: readonly number[];
  readonly sets: readonly SetResult[];
}

export interface EvalOptions {
  readonly sets: readonly EvalData[];
  /** The first is treated as the baseline in tables. */
  readonly rankers: readonly RankerFactory[];
  /** Cut-offs; default 1, 5, 10. */
  readonly ks?: readonly number[];
  /** Score at most this many queries per set (evenly spaced, deterministic); default all. */
  readonly maxQueries?: number;
  /** Score by tool id (default) or by tool name. */
  readonly level?: ScoreLevel;
}

/** Depth of each ranked list: enough for the largest k and for nDCG@10. */
const NDCG_K = 10;
/**
 * By name, each ranked list is this many times deeper (multiplier) before same-name entries collapse, so
 * the top k distinct names are there even when one name's definitions fill a page (bfcl has 62 of one).
 */
export const NAME_LEVEL_OVERFETCH = 8;

function sample<T>(items: readonly T[], max: number | undefined): readonly T[] {
  if (max === undefined || items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}

/** Maps ids to what is scored: themselves, or their tool name (an unknown id stays itself). */
function keyOf(data: EvalData, level: ScoreLevel): (id: string) => string {
  if (level === 'id') return (id) => id;
  const names = new Map(data.tools.map((t) => [t.id, t.name]));
  return (id) => names.get(id) ?? id;
}

async function scoreRanker(factory: RankerFactory, data: EvalData, ks: readonly number[], level: ScoreLevel, max?: number): Promise<RankerScores> {
  const t0 = performance.now();
  const ranker = await factory.build(data.tools);
  const buildMs = performance.now() - t0;
  const key = keyOf(data, level);
  const depth = Math.max(NDCG_K, ...ks) * (level === 'name' ? NAME_LEVEL_OVERFETCH : 1);
  const sums = { hit: ks.map(() => 0), recall: ks.map(() => 0), complete: ks.map(() => 0), mrr: 0, ndcg: 0 };
  const latencies: number[] = [];
  const queries = sample(data.queries, max);
  for (const q of queries) {
    const start = performance.now();
    const found = await ranker.search(q.query, depth);
    latencies.push(performance.now() - start);
    const ranked = collapse(found, key);
    const gold = collapse(q.gold, key);
    ks.forEach((k, i) => {
      sums.hit[i]! += hitAt(ranked, gold, k);
      sums.recall[i]! += recallAt(ranked, gold, k);
      sums.complete[i]! += completeAt(ranked, gold, k);
    });
    sums.mrr += reciprocalRank(ranked, gold);
    sums.ndcg += ndcgAt(ranked, gold, NDCG_K);
  }
  const n = Math.max(1, queries.length);
  const byK = (values: number[]): Record<number, number> => Object.fromEntries(ks.map((k, i) => [k, (values[i] ?? 0) / n]));
  return {
    ranker: factory.name,
    buildMs,
    hit: byK(sums.hit),
    recall: byK(sums.recall),
    complete: byK(sums.complete),
    mrr: sums.mrr / n,
    ndcg10: sums.ndcg / n,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}

/** Runs every ranker over every set, sequentially (latency is measured, so nothing runs concurrently). */
export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const ks = options.ks ?? [1, 5, 10];
  const level = options.level ?? 'id';
  const sets: SetResult[] = [];
  for (const data of options.sets) {
    const rankers: RankerScores[] = [];
    for (const factory of options.rankers) rankers.push(await scoreRanker(factory, data, ks, level, options.maxQueries));
    const scored = sample(data.queries, options.maxQueries).length;
    sets.push({ set: data.name, level, tools: data.tools.length, queries: scored, skipped: data.skipped, rankers });
  }
  return { ks, sets };
}
