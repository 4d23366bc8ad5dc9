/**
 * @module bench/retrieval — retrieval quality on the four dev sets (bfcl, metatool, mcp-bench,
 * gorilla-apibench): the plain BM25 baseline beside the built-in dense embedder and the hybrid.
 * Usage: node --no-node-snapshot dist/bench/retrieval.js [--data ../shared/retrieval] [--sets a,b]
 *        [--k 1,5,10] [--max-queries N] [--json]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BuiltinEmbedder } from '../index/embedders/builtin.js';
import { builtinToolText } from '../index/embedders/tool-text.js';
import { formatEvalTable } from '../index/eval/format.js';
import { loadSetDir } from '../index/eval/load.js';
import { bm25Baseline, denseRanker, searchIndexRanker } from '../index/eval/rankers.js';
import { runEval } from '../index/eval/run.js';

const DEFAULT_SETS = 'bfcl,metatool,mcp-bench,gorilla-apibench';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/retrieval' },
    sets: { type: 'string', default: DEFAULT_SETS },
    k: { type: 'string', default: '1,5,10' },
    'max-queries': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const sets = await Promise.all(values.sets.split(',').map((s) => loadSetDir(join(values.data, s), s)));
const dense = denseRanker('dense', () => new BuiltinEmbedder());
const result = await runEval({
  sets,
  rankers: [bm25Baseline, searchIndexRanker('bm25f'), dense, searchIndexRanker('hybrid', () => new BuiltinEmbedder(), { textOf: builtinToolText })],
  ks: values.k.split(',').map(Number),
  ...(values['max-queries'] ? { maxQueries: Number(values['max-queries']) } : {}),
});
console.log(values.json ? JSON.stringify(result, null, 2) : formatEvalTable(result));
