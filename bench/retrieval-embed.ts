/**
 * @module bench/retrieval-embed — checks the transformers.js batching path on the tiny BERT-shaped model
 * the tests generate: embedding throughput (texts/s, median of runs) per batch size, and how fast a
 * missing model fails. Usage: node --no-node-snapshot dist/bench/retrieval-embed.js [--texts N] [--runs R]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BuiltinEmbedder } from '../index/embedders/builtin.js';
import { TransformersEmbedder } from '../index/embedders/transformers.js';
import type { Embedder } from '../index/types.js';
import { writeTinyModel } from '../test/fixtures/tiny-model/make-tiny-model.js';

const { values } = parseArgs({ options: { texts: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } } });
const TEXTS = Number(values.texts);
const RUNS = Number(values.runs);
const WORDS = 'get fetch weather forecast city create issue ticket send message slack list repo user delete file search'.split(' ');

/** Tool-description-like texts of 8 to 23 words, deterministic. */
const texts = Array.from({ length: TEXTS }, (_, i) =>
  Array.from({ length: 8 + (i % 16) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]).join(' '),
);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function throughput(embedder: Embedder): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    await embedder.embed(texts);
    rates.push(TEXTS / ((performance.now() - t0) / 1000));
  }
  return median(rates);
}

const root = await mkdtemp(join(tmpdir(), 'tg-bench-tiny-'));
try {
  await writeTinyModel(root, 'test/tiny-bert');
  console.log(`| embedder | batch | texts/s (median of ${RUNS} × ${TEXTS} texts) |`);
  console.log('| --- | ---: | ---: |');
  for (const batchSize of [1, 8, 32, 128]) {
    const embedder = await TransformersEmbedder.create({ model: 'test/tiny-bert', modelDir: root, batchSize });
    console.log(`| ${embedder.id} | ${batchSize} | ${(await throughput(embedder)).toFixed(0)} |`);
  }
  const builtin = new BuiltinEmbedder();
  builtin.fit(texts);
  console.log(`| ${builtin.id} | - | ${(await throughput(builtin)).toFixed(0)} |`);
  const t0 = performance.now();
  const error = await TransformersEmbedder.create({ model: 'org/absent', modelDir: root }).catch((e: unknown) => e as Error);
  console.log(`\nmissing model failed in ${(performance.now() - t0).toFixed(1)} ms: ${(error as Error).message}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
