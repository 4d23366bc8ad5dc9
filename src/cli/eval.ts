/**
 * @module src/cli/eval — `toolgate eval`: retrieval quality of the gateway's own ranking (index/search-index)
 * against a plain BM25 baseline measured in the same run: hit@k, Recall@k, MRR, nDCG@10, latency p50/p95.
 *   toolgate eval --tools tools.jsonl --queries queries.jsonl [--k 1,5,10] [--embedder builtin|auto|transformers]
 *                 [--level id|name] [--json]
 *   toolgate eval --estates DIR --queries queries.jsonl
 */
import { BuiltinEmbedder } from '../../index/embedders/builtin.js';
import { selectEmbedder } from '../../index/embedders/select.js';
import { formatEvalTable } from '../../index/eval/format.js';
import { loadEstates, loadJsonl } from '../../index/eval/load.js';
import { bm25Baseline, searchIndexRanker } from '../../index/eval/rankers.js';
import { runEval } from '../../index/eval/run.js';
import type { Embedder } from '../../index/types.js';
import { parse, UsageError } from './shared.js';

export async function runEvalCommand(args: string[]): Promise<number> {
  const { values } = parse(args, {
    tools: { type: 'string' },
    queries: { type: 'string' },
    estates: { type: 'string' },
    k: { type: 'string', default: '1,5,10' },
    embedder: { type: 'string', default: 'builtin' },
    'model-dir': { type: 'string' },
    'max-queries': { type: 'string' },
    baseline: { type: 'string', default: 'bm25' },
    level: { type: 'string', default: 'id' },
    json: { type: 'boolean' },
  });
  if (values.queries === undefined || (values.tools === undefined) === (values.estates === undefined)) {
    throw new UsageError('eval needs --queries and exactly one of --tools or --estates');
  }
  if (values.baseline !== 'bm25') throw new UsageError(`--baseline: only bm25 is available, got ${values.baseline}`);
  const ks = values.k.split(',').map(Number);
  if (ks.some((k) => !Number.isInteger(k) || k <= 0)) throw new UsageError(`--k: expected positive integers, got ${values.k}`);
  const level = values.level;
  if (level !== 'id' && level !== 'name') throw new UsageError(`--level: id or name, got ${level}`);
  const kind = values.embedder;
  if (kind !== 'builtin' && kind !== 'auto' && kind !== 'transformers') throw new UsageError(`--embedder: builtin, auto or transformers, got ${kind}`);

  const data = values.tools ? await loadJsonl(values.tools, values.queries) : await loadEstates(values.estates!, values.queries);
  let makeEmbedder: () => Embedder = () => new BuiltinEmbedder();
  if (kind !== 'builtin') {
    const choice = await selectEmbedder({ kind, ...(values['model-dir'] ? { modelDir: values['model-dir'] } : {}) });
    process.stderr.write(`embedder: ${choice.embedder.id} (${choice.reason})\n`);
    if (choice.kind !== 'builtin') makeEmbedder = () => choice.embedder;
  }
  const result = await runEval({
    sets: [data],
    rankers: [bm25Baseline, searchIndexRanker('hybrid', makeEmbedder)],
    ks,
    level,
    ...(values['max-queries'] ? { maxQueries: Number(values['max-queries']) } : {}),
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatEvalTable(result)}\n`);
  return 0;
}
