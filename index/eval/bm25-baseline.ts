/**
 * @module index/eval/bm25-baseline — the eval's reference column: a plain Okapi BM25 over each tool's
 * name and description, lower-cased and split on non-alphanumerics, nothing else (no stemming, no
 * identifier splitting, no schema text). It is deliberately independent of the gateway's lexical ranker
 * so "beats the baseline" means beating a textbook BM25.
 */
import type { ToolRecord } from '../../catalog/types.js';
import type { Ranker } from './run.js';

/** Term-frequency saturation. */
const K1 = 1.2;
/** Length normalisation strength. */
const B = 0.75;

export function plainTokens(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

export function buildPlainBm25(tools: readonly ToolRecord[]): Ranker {
  const postings = new Map<string, { doc: number; tf: number }[]>();
  const lengths: number[] = [];
  tools.forEach((tool, doc) => {
    const terms = plainTokens(`${tool.name} ${tool.description}`);
    lengths.push(terms.length);
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [term, n] of tf) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ doc, tf: n });
    }
  });
  const avgLen = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length);
  const n = tools.length;
  return {
    name: 'bm25',
    search(query: string, limit: number): string[] {
      const scores = new Map<number, number>();
      for (const term of new Set(plainTokens(query))) {
        const list = postings.get(term);
        if (!list) continue;
        const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
        for (const { doc, tf } of list) {
          const norm = tf + K1 * (1 - B + (B * (lengths[doc] ?? 0)) / avgLen);
          scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (K1 + 1)) / norm);
        }
      }
      return [...scores]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, limit)
        .map(([doc]) => tools[doc]?.id ?? '');
    },
  };
}
