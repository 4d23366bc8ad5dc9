/**
 * @module bench/retrieval-ceiling — how high Recall@k by tool id can go on a set whose gold is one of
 * several same-name definitions (bfcl: 519 names shared by 1,924 definitions, up to 62 of one name).
 *
 * Each row gives the ranker an oracle that knows the gold tool *names* of every query: it ranks every
 * definition of the gold names first (the name with fewest definitions first) and nothing else. Only the
 * order among same-name definitions is left to choose:
 * - random: the expected Recall@k when that order is random (exact, from the definition counts);
 * - lexical / hybrid: the order the gateway's own ranking gives them (index/search-index.ts restricted to
 *   one name by its visibility filter), i.e. the best this ranking could score with perfect names.
 * Beside them: what the hybrid really scores by id and by name (as bench/retrieval.ts measures).
 *
 * Usage: node --no-node-snapshot dist/bench/retrieval-ceiling.js [--data ../shared/retrieval] [--set bfcl] [--k 1,5,10]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ToolRecord } from '../catalog/types.js';
import { BuiltinEmbedder } from '../index/embedders/builtin.js';
import { builtinToolText } from '../index/embedders/tool-text.js';
import { loadSetDir, type EvalData } from '../index/eval/load.js';
import { recallAt } from '../index/eval/metrics.js';
import { searchIndexRanker } from '../index/eval/rankers.js';
import { runEval } from '../index/eval/run.js';
import { createSearchIndex } from '../index/search-index.js';
import type { SearchIndex } from '../index/types.js';
import { table } from './support.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/retrieval' },
    set: { type: 'string', default: 'bfcl' },
    k: { type: 'string', default: '1,5,10' },
  },
});
const ks = values.k.split(',').map(Number);
const data = await loadSetDir(join(values.data, values.set), values.set);

const byId = new Map(data.tools.map((t) => [t.id, t]));
const definitions = new Map<string, ToolRecord[]>();
for (const t of data.tools) definitions.set(t.name, [...(definitions.get(t.name) ?? []), t]);
const countOf = (name: string): number => definitions.get(name)?.length ?? 0;

/** The query's gold names, the one with fewest definitions first (the oracle's best order of names). */
function goldNames(gold: readonly string[]): string[] {
  return [...new Set(gold.map((g) => byId.get(g)?.name ?? g))].sort((a, b) => countOf(a) - countOf(b));
}

/** Expected Recall@k when each gold name's definitions come in random order, names back to back. */
function randomOrderRecall(gold: readonly string[], k: number): number {
  let offset = 0;
  let found = 0;
  for (const name of goldNames(gold)) {
    const n = countOf(name);
    const golds = gold.filter((g) => byId.get(g)?.name === name).length;
    found += (golds * Math.max(0, Math.min(n, k - offset))) / n;
    offset += n;
  }
  return found / gold.length;
}

/** The oracle's list with same-name definitions in the order `index` ranks them for the query. */
async function oracleList(index: SearchIndex, query: string, gold: readonly string[]): Promise<string[]> {
  const ranked: string[] = [];
  for (const name of goldNames(gold)) {
    const hits = await index.search(query, { limit: countOf(name), visible: (r) => r.name === name });
    const ids = hits.map((h) => h.record.id);
    // Definitions the ranking does not reach (no shared term, no vector candidate) come last, in id order.
    const rest = (definitions.get(name) ?? []).map((t) => t.id).filter((id) => !ids.includes(id)).sort();
    ranked.push(...ids, ...rest);
  }
  return ranked;
}

async function oracleRecall(index: SearchIndex, set: EvalData): Promise<number[]> {
  const sums = ks.map(() => 0);
  for (const q of set.queries) {
    const ranked = await oracleList(index, q.query, q.gold);
    ks.forEach((k, i) => (sums[i]! += recallAt(ranked, q.gold, k)));
  }
  return sums.map((s) => s / set.queries.length);
}

const goldIds = data.queries.flatMap((q) => q.gold);
const shared = goldIds.filter((g) => countOf(byId.get(g)?.name ?? g) > 1);
const perName = shared.reduce((sum, g) => sum + countOf(byId.get(g)!.name), 0) / Math.max(1, shared.length);

const lexical = createSearchIndex();
await lexical.rebuild(data.tools);
const hybrid = createSearchIndex({ embedder: new BuiltinEmbedder(), textOf: builtinToolText });
await hybrid.rebuild(data.tools);

const hybridRanker = searchIndexRanker('hybrid', () => new BuiltinEmbedder(), { textOf: builtinToolText });
const real = await runEval({ sets: [data], rankers: [hybridRanker], ks });
const realByName = await runEval({ sets: [data], rankers: [hybridRanker], ks, level: 'name' });
const scores = (r: typeof real): number[] => ks.map((k) => r.sets[0]?.rankers[0]?.recall[k] ?? 0);

const random = ks.map((k) => data.queries.reduce((s, q) => s + randomOrderRecall(q.gold, k), 0) / data.queries.length);
const rows: [string, number[]][] = [
  ['oracle names, same-name definitions in random order (expected)', random],
  ['oracle names, same-name definitions in lexical (BM25F) order', await oracleRecall(lexical, data)],
  ['oracle names, same-name definitions in hybrid order', await oracleRecall(hybrid, data)],
  ['hybrid as it ranks, by id', scores(real)],
  ['hybrid as it ranks, by name', scores(realByName)],
];

console.log(`set ${values.set}: ${data.tools.length} tools under ${definitions.size} names, ${data.queries.length} queries, ${goldIds.length} gold ids`);
console.log(`gold ids whose name has other definitions: ${shared.length} (${((shared.length / goldIds.length) * 100).toFixed(1)} %), ${perName.toFixed(1)} definitions per such name on average\n`);
console.log(table(['ranking', ...ks.map((k) => `R@${k} by id`)], rows.map(([label, r]) => [label, ...r.map((x) => x.toFixed(4))])));
