/**
 * @module index/rank — one query against one index state: BM25 candidates, HNSW candidates when there is
 * an embedder, fusion, per-record boosts, the cut. Visibility and the server filter are applied inside
 * each ranker, before the cut, so a tool the caller may not see never takes a result slot.
 */
import type { Fusion } from './fusion.js';
import type { IndexState } from './snapshot.js';
import { tokenize } from './tokenize.js';
import { TopK } from './top-k.js';
import type { Embedder, SearchHit, SearchOptions } from './types.js';

/** Upper bound on candidates pulled per ranker, whatever limit a caller asks for (count). */
export const MAX_CANDIDATE_DEPTH = 2_000;

export interface RankingOptions {
  readonly embedder: Embedder | undefined;
  readonly fusion: Fusion;
  /** Candidates per ranker before fusion (count). */
  readonly depth: number;
  readonly lexicalWeight: number;
  readonly vectorWeight: number;
}

/** The predicate each ranker applies before its cut, or undefined when nothing is filtered. */
function acceptor(state: IndexState, opts: SearchOptions): ((id: string) => boolean) | undefined {
  const { server, visible, boost } = opts;
  // Without a filter, skip the per-candidate call: every indexed id is in `records`.
  if (server === undefined && visible === undefined && boost === undefined) return undefined;
  return (id) => {
    const record = state.records.get(id);
    if (!record || (server !== undefined && record.server !== server)) return false;
    if (boost && !(boost(record) > 0)) return false;
    return !visible || visible(record);
  };
}

export async function rankQuery(
  state: IndexState,
  query: string,
  opts: SearchOptions,
  ranking: RankingOptions,
): Promise<SearchHit[]> {
  const limit = Math.max(0, Math.floor(opts.limit));
  const { records, lexical, vectors } = state;
  if (limit === 0 || records.size === 0) return [];
  const accept = acceptor(state, opts);
  // Boosts reorder candidates, so pull more than `limit`.
  const k = Math.min(Math.max(ranking.depth, limit * 2), MAX_CANDIDATE_DEPTH);
  const lexicalHits = lexical.search(tokenize(query), k, accept);
  let scored: { id: string; score: number }[] = lexicalHits;
  const { embedder } = ranking;
  if (embedder && vectors && vectors.size > 0 && query.trim() !== '') {
    const [vec] = await embedder.embed([query]);
    // The vector list only adds candidates: `limit` visible ones suffice before a costlier filtered walk.
    const vectorHits = vec ? vectors.search(vec, k, accept, limit) : [];
    const fused = ranking.fusion([
      { source: 'lexical', hits: lexicalHits, weight: ranking.lexicalWeight },
      { source: 'vector', hits: vectorHits, weight: ranking.vectorWeight },
    ]);
    scored = [...fused].map(([id, score]) => ({ id, score }));
  }
  const top = new TopK<string>(limit);
  for (const { id, score } of scored) {
    const record = records.get(id);
    if (record) top.push(id, opts.boost ? score * opts.boost(record) : score);
  }
  return top.sorted().map(([id, score]) => ({ record: records.get(id)!, score }));
}
