/**
 * @module index/eval/rankers — ranker factories for the eval: the plain BM25 baseline, an exact
 * (brute-force cosine) dense ranker over any Embedder, and reciprocal-rank fusion of two rankers.
 * The gateway's own hybrid (index/search-index.ts) is plugged in by the caller as another factory.
 */
import type { ToolRecord } from '../../catalog/types.js';
import type { Embedder } from '../types.js';
import { createSearchIndex, type SearchIndexOptions } from '../search-index.js';
import { builtinToolText } from '../embedders/tool-text.js';
import { buildPlainBm25 } from './bm25-baseline.js';
import type { Ranker, RankerFactory } from './run.js';

export const bm25Baseline: RankerFactory = { name: 'bm25', build: buildPlainBm25 };

/** Exact nearest neighbours by cosine (vectors are unit length, so a dot product). */
export function denseRanker(name: string, makeEmbedder: () => Embedder, textOf: (record: ToolRecord) => string = builtinToolText): RankerFactory {
  return {
    name,
    async build(tools: readonly ToolRecord[]): Promise<Ranker> {
      const embedder = makeEmbedder();
      const texts = tools.map(textOf);
      embedder.fit?.(texts);
      const vectors = await embedder.embed(texts);
      return {
        name,
        async search(query: string, limit: number): Promise<string[]> {
          const [q] = await embedder.embed([query]);
          if (!q) return [];
          const scored = vectors.map((v, i) => {
            let dot = 0;
            for (let j = 0; j < v.length; j++) dot += (v[j] ?? 0) * (q[j] ?? 0);
            return [i, dot] as const;
          });
          scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
          return scored.slice(0, limit).map(([i]) => tools[i]?.id ?? '');
        },
      };
    },
  };
}

/** Reciprocal-rank constant: 60 is the value of the original RRF paper. */
const RRF_K = 60;
/** Each ranker contributes this many candidates to the fusion. */
const RRF_DEPTH = 50;

/** Fuses rankers by reciprocal rank (a stand-in until the gateway's hybrid is plugged in). */
export function rrfRanker(name: string, parts: readonly RankerFactory[]): RankerFactory {
  return {
    name,
    async build(tools: readonly ToolRecord[]): Promise<Ranker> {
      const built = await Promise.all(parts.map((p) => p.build(tools)));
      return {
        name,
        async search(query: string, limit: number): Promise<string[]> {
          const scores = new Map<string, number>();
          for (const ranker of built) {
            (await ranker.search(query, RRF_DEPTH)).forEach((id, rank) => {
              scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1));
            });
          }
          return [...scores].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id);
        },
      };
    },
  };
}

/** The gateway's own ranking: index/search-index.ts (BM25F + HNSW fused), over `makeEmbedder()`. */
export function searchIndexRanker(name: string, makeEmbedder?: () => Embedder, options: Omit<SearchIndexOptions, 'embedder'> = {}): RankerFactory {
  return {
    name,
    async build(tools: readonly ToolRecord[]): Promise<Ranker> {
      const embedder = makeEmbedder?.();
      // rebuild() of an empty index fits a learning embedder on the same texts it embeds.
      const index = createSearchIndex({ ...options, ...(embedder ? { embedder } : {}) });
      await index.rebuild(tools);
      return {
        name,
        async search(query: string, limit: number): Promise<string[]> {
          return (await index.search(query, { limit })).map((h) => h.record.id);
        },
      };
    },
  };
}
