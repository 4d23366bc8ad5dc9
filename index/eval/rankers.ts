/**
 * @module index/eval/rankers — ranker factories for the eval: the plain BM25 baseline, an exact
 * (brute-force cosine) dense ranker over any Embedder, and the gateway's own ranking
 * (index/search-index.ts: BM25F, fused with HNSW when given an embedder).
 */
import type { ToolRecord } from '../../catalog/types.js';
import type { Embedder } from '../types.js';
import { createSearchIndex, type SearchIndexOptions } from '../search-index.js';
import { builtinToolText } from '../embedders/tool-text.js';
import { buildPlainBm25 } from './bm25-baseline.js';
import type { Ranker, RankerFactory } from './run.js';

export const bm25Baseline: RankerFactory = { name: 'bm25', build: buildPlainBm25 };

/** Exact nearest neighbours by cosine (vectors are unit length, so a dot product). */
export function denseRanker(name: string, makeEmbedder: () => Embedder | Promise<Embedder>, textOf: (record: ToolRecord) => string = builtinToolText): RankerFactory {
  return {
    name,
    async build(tools: readonly ToolRecord[]): Promise<Ranker> {
      const embedder = await makeEmbedder();
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

/** The gateway's own ranking: index/search-index.ts (BM25F + HNSW fused), over `makeEmbedder()`. */
export function searchIndexRanker(name: string, makeEmbedder?: () => Embedder | Promise<Embedder>, options: Omit<SearchIndexOptions, 'embedder'> = {}): RankerFactory {
  return {
    name,
    async build(tools: readonly ToolRecord[]): Promise<Ranker> {
      // A fresh embedder per set: a learning one (built-in) must fit each estate on its own.
      const embedder = await makeEmbedder?.();
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
