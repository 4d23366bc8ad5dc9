/**
 * @module index/eval/run — runs rankers over eval sets and scores them: hit@k, Recall@k,
 * Completeness@k, MRR, nDCG@10 and per-query latency p50/p95. Every ranker sees the same tools and
 * queries in the same run, so the baseline column is comparable with the hybrid one.
 */
import type { ToolRecord } from '../../catalog/types.js';
import type { EvalData } from './load.js';
import { completeAt, hitAt, ndcgAt, percentile, recallAt, reciprocalRank } from './metrics.js';

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
}

/** Depth of each ranked list: enough for the largest k and for nDCG@10. */
const NDCG_K = 10;

function sample<T>(items: readonly T[], max: number | undefined): readonly T[] {
  if (max === undefined || items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}

async function scoreRanker(factory: RankerFactory, data: EvalData, ks: readonly number[], max?: number): Promise<RankerScores> {
  const t0 = performance.now();
  const ranker = await factory.build(data.tools);
  const buildMs = performance.now() - t0;
  const depth = Math.max(NDCG_K, ...ks);
  const sums = { hit: ks.map(() => 0), recall: ks.map(() => 0), complete: ks.map(() => 0), mrr: 0, ndcg: 0 };
  const latencies: number[] = [];
  const queries = sample(data.queries, max);
  for (const q of queries) {
    const start = performance.now();
    const ranked = await ranker.search(q.query, depth);
    latencies.push(performance.now() - start);
    ks.forEach((k, i) => {
      sums.hit[i]! += hitAt(ranked, q.gold, k);
      sums.recall[i]! += recallAt(ranked, q.gold, k);
      sums.complete[i]! += completeAt(ranked, q.gold, k);
    });
    sums.mrr += reciprocalRank(ranked, q.gold);
    sums.ndcg += ndcgAt(ranked, q.gold, NDCG_K);
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
  const sets: SetResult[] = [];
  for (const data of options.sets) {
    const rankers: RankerScores[] = [];
    for (const factory of options.rankers) rankers.push(await scoreRanker(factory, data, ks, options.maxQueries));
    const scored = sample(data.queries, options.maxQueries).length;
    sets.push({ set: data.name, tools: data.tools.length, queries: scored, skipped: data.skipped, rankers });
  }
  return { ks, sets };
}
