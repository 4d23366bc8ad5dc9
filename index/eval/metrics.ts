/**
 * @module index/eval/metrics — retrieval metrics over one ranked list and its gold ids, plus percentiles.
 * Pure functions so the math can be checked exactly on hand-made examples.
 */

/** The keys of `ids` in order, each once at its first (best) position. */
export function collapse(ids: readonly string[], key: (id: string) => string): string[] {
  return [...new Set(ids.map(key))];
}

/** 1 when at least one gold id is in the top k, else 0. */
export function hitAt(ranked: readonly string[], gold: readonly string[], k: number): number {
  const top = new Set(ranked.slice(0, k));
  return gold.some((g) => top.has(g)) ? 1 : 0;
}

/** Fraction of the gold ids found in the top k. */
export function recallAt(ranked: readonly string[], gold: readonly string[], k: number): number {
  if (gold.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return gold.filter((g) => top.has(g)).length / gold.length;
}

/** 1 when every gold id is in the top k (Completeness@k), else 0. */
export function completeAt(ranked: readonly string[], gold: readonly string[], k: number): number {
  const top = new Set(ranked.slice(0, k));
  return gold.length > 0 && gold.every((g) => top.has(g)) ? 1 : 0;
}

/** Reciprocal rank of the first gold id in the list (0 when none appears). */
export function reciprocalRank(ranked: readonly string[], gold: readonly string[]): number {
  const goldSet = new Set(gold);
  const i = ranked.findIndex((id) => goldSet.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** nDCG@k with binary relevance: DCG of the list over the DCG of the ideal list. */
export function ndcgAt(ranked: readonly string[], gold: readonly string[], k: number): number {
  const goldSet = new Set(gold);
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (goldSet.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, goldSet.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? 0;
}
