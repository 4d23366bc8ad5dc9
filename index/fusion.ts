/**
 * @module index/fusion — merges ranked candidate lists (lexical, vector) into one score per id. Pluggable:
 * a `Fusion` is a plain function, so the eval can measure alternatives in the same run.
 */

/**
 * Candidates taken from each ranker before fusion (count). The 50th candidate of a list gets a rank term
 * of 30/80 against 30/31 at rank 1 and the list's lowest normalised score (0), so deeper lists barely
 * move a top 10, while the HNSW walk's cost grows with the depth.
 */
export const CANDIDATE_DEPTH = 50;
/** Reciprocal rank fusion constant (rank offset); 60 is the value of Cormack et al. 2009. */
export const RRF_K = 60;
/** Rank offset of the rank term in rank-and-score fusion; 20 to 40 measured alike (docs/retrieval.md). */
export const RANK_SCORE_K = 30;

export interface RankedList {
  /** Which ranker produced it, e.g. `lexical`, `vector`. */
  readonly source: string;
  /** Best first. Scores are the ranker's own (BM25 points, cosine similarity). */
  readonly hits: readonly { readonly id: string; readonly score: number }[];
  /** Relative weight of this list (unitless); 1 when omitted. */
  readonly weight?: number;
}

/** Returns a fused score per id; higher is better. */
export type Fusion = (lists: readonly RankedList[]) => Map<string, number>;

/** Reciprocal rank fusion: Σ weight / (k + rank), rank from 1. Robust to score scales that differ. */
export function reciprocalRankFusion(k: number = RRF_K): Fusion {
  return function rrf(lists) {
    const fused = new Map<string, number>();
    for (const list of lists) {
      const weight = list.weight ?? 1;
      list.hits.forEach((hit, i) => {
        fused.set(hit.id, (fused.get(hit.id) ?? 0) + weight / (k + i + 1));
      });
    }
    return fused;
  };
}

/**
 * Weighted score fusion: each list's scores min-max normalised to [0, 1], then Σ weight × score.
 * Keeps the margin information RRF throws away (a far-ahead exact match stays far ahead).
 */
export function weightedScoreFusion(): Fusion {
  return function weightedScores(lists) {
    const fused = new Map<string, number>();
    for (const list of lists) {
      const weight = list.weight ?? 1;
      const norm = minMax(list.hits);
      list.hits.forEach((h, i) => fused.set(h.id, (fused.get(h.id) ?? 0) + weight * norm(i)));
    }
    return fused;
  };
}

/**
 * Rank-and-score fusion: per list, Σ weight × (k / (k + rank) + min-max normalised score), both terms in
 * [0, 1]. RRF alone throws the margins away, so a lexical first place far ahead of the rest could drop
 * out of the top 8 behind tools that both lists rank middling (`cloudflare list zones by name` lost
 * `zones-get` that way). Scores alone let one list's outliers decide. The sum beat both on every dev set
 * and on the estate tasks (docs/retrieval.md).
 */
export function rankAndScoreFusion(k: number = RANK_SCORE_K): Fusion {
  return function rankAndScore(lists) {
    const fused = new Map<string, number>();
    for (const list of lists) {
      const weight = list.weight ?? 1;
      const norm = minMax(list.hits);
      list.hits.forEach((h, i) => fused.set(h.id, (fused.get(h.id) ?? 0) + weight * (k / (k + i + 1) + norm(i))));
    }
    return fused;
  };
}

/** The i-th hit's score min-max normalised over its list (1 when every score is the same). */
function minMax(hits: RankedList['hits']): (i: number) => number {
  let max = -Infinity;
  let min = Infinity;
  for (const h of hits) {
    max = Math.max(max, h.score);
    min = Math.min(min, h.score);
  }
  const span = max - min;
  return (i) => (span > 0 ? (hits[i]!.score - min) / span : 1);
}

/** Default: rank-and-score fusion, lexical and vector weighed equally (docs/retrieval.md has the measurements). */
export const DEFAULT_FUSION: Fusion = rankAndScoreFusion();
