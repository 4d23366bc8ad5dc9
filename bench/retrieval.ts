/**
 * @module bench/retrieval — retrieval quality on the four dev sets (bfcl, metatool, mcp-bench,
 * gorilla-apibench): the plain BM25 baseline beside the built-in dense embedder and the hybrid, scored by
 * tool id; then the sets of `--by-name` scored by tool name too (bfcl: one name, up to 62 definitions).
 * Usage: node --no-node-snapshot dist/bench/retrieval.js [--data ../shared/retrieval] [--sets a,b]
 *        [--by-name bfcl] [--k 1,5,10] [--max-queries N] [--json]
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
/** Sets whose gold is one of several same-name definitions, so a name-level score is reported too. */
const DEFAULT_BY_NAME = 'bfcl';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/retrieval' },
    sets: { type: 'string', default: DEFAULT_SETS },
    'by-name': { type: 'string', default: DEFAULT_BY_NAME },
    k: { type: 'string', default: '1,5,10' },
    'max-queries': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const sets = await Promise.all(values.sets.split(',').map((s) => loadSetDir(join(values.data, s), s)));
const dense = denseRanker('dense', () => new BuiltinEmbedder());
const options = {
  rankers: [bm25Baseline, searchIndexRanker('bm25f'), dense, searchIndexRanker('hybrid', () => new BuiltinEmbedder(), { textOf: builtinToolText })],
  ks: values.k.split(',').map(Number),
  ...(values['max-queries'] ? { maxQueries: Number(values['max-queries']) } : {}),
};
const byId = await runEval({ sets, ...options });
const nameSets = values['by-name'].split(',').filter(Boolean);
const byName = await runEval({ sets: sets.filter((s) => nameSets.includes(s.name)), level: 'name', ...options });
if (values.json) console.log(JSON.stringify({ byId, byName }, null, 2));
else {
  console.log(formatEvalTable(byId));
  if (byName.sets.length > 0) console.log(`\nScored by tool name (same-name definitions count as one tool):\n\n${formatEvalTable(byName)}`);
}
