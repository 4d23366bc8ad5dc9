import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransformersEmbedder } from '../../../index/embedders/transformers.js';
import { TINY_HIDDEN, writeTinyModel } from '../../fixtures/tiny-model/make-tiny-model.js';

/** The real MiniLM tokenizer files, present on the project's machines but not in a user's clone. */
const MINILM = join(import.meta.dirname, '../../../../shared/models/Xenova/all-MiniLM-L6-v2');

const norm = (v: Float32Array): number => Math.hypot(...v);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tg-tiny-model-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('TransformersEmbedder on a generated tiny BERT-shaped model', () => {
  it('embeds in batches: one mean-pooled unit vector of hidden_size per text, in order', async () => {
    await writeTinyModel(root, 'test/tiny-bert');
    const embedder = await TransformersEmbedder.create({ model: 'test/tiny-bert', modelDir: root, batchSize: 2 });
    expect(embedder.id).toBe('transformers:test/tiny-bert:q8');
    expect(embedder.dimension).toBe(TINY_HIDDEN);
    const texts = ['get the weather forecast', 'create issue', 'send slack message', 'list repos', 'delete file'];
    const vectors = await embedder.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) {
      expect(v.length).toBe(TINY_HIDDEN);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    // Batching must not change results: each text alone gives the same vector.
    const [alone] = await embedder.embed([texts[4]!]);
    expect(Array.from(alone!).map((x) => x.toFixed(5))).toEqual(Array.from(vectors[4]!).map((x) => x.toFixed(5)));
    expect(Array.from(vectors[0]!)).not.toEqual(Array.from(vectors[1]!));
  });

  it('accepts the model folder itself as modelDir', async () => {
    const dir = await writeTinyModel(root, 'own-folder');
    const embedder = await TransformersEmbedder.create({ modelDir: dir });
    expect((await embedder.embed(['weather']))[0]?.length).toBe(TINY_HIDDEN);
  });

  it.skipIf(!existsSync(join(MINILM, 'tokenizer.json')))('runs with the real MiniLM tokenizer files', async () => {
    await writeTinyModel(root, 'minilm-tokenizer', { tokenizerFrom: MINILM });
    const embedder = await TransformersEmbedder.create({ model: 'minilm-tokenizer', modelDir: root });
    const [a, b] = await embedder.embed(['Create a Jira ticket for the login bug', 'Wie wird das Wetter morgen?']);
    expect(norm(a!)).toBeCloseTo(1, 5);
    expect(norm(b!)).toBeCloseTo(1, 5);
  });

  it('fails before loading anything, naming the folder and the expected files, when the model is missing', async () => {
    const missing = join(root, 'nowhere');
    const error = await TransformersEmbedder.create({ model: 'org/absent', modelDir: missing }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(join(missing, 'org/absent'));
    expect((error as Error).message).toContain('expected files: config.json, tokenizer.json, tokenizer_config.json, onnx/model_quantized.onnx');
    expect((error as { code?: string }).code).toBe('TG_CONFIG_INVALID');
  });

  it('reports a corrupt ONNX file and a corrupt JSON file by name', async () => {
    const dir = await writeTinyModel(root, 'corrupt');
    await writeFile(join(dir, 'onnx', 'model_quantized.onnx'), 'not a model');
    await writeFile(join(dir, 'config.json'), '{ broken');
    const error = await TransformersEmbedder.create({ modelDir: dir }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toMatch(/config\.json is not valid JSON; onnx\/model_quantized\.onnx is not an ONNX model/);
  });

  it('refuses to go to the network without allowRemote', async () => {
    await expect(TransformersEmbedder.create({ model: 'Xenova/all-MiniLM-L6-v2' })).rejects.toThrow(/allowRemote/);
  });
});
