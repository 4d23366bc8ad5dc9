import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectEmbedder } from '../../../index/embedders/select.js';
import { writeTinyModel } from '../../fixtures/tiny-model/make-tiny-model.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tg-select-'));
  await writeTinyModel(root, 'test/tiny-bert');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('selectEmbedder', () => {
  it('auto picks transformers when the model files are present', async () => {
    const choice = await selectEmbedder({ kind: 'auto', model: 'test/tiny-bert', modelDir: root });
    expect(choice.kind).toBe('transformers');
    expect(choice.embedder.id).toBe('transformers:test/tiny-bert:q8');
    expect(choice.reason).toContain('files are present');
  });

  it('auto falls back to built-in and says which files are missing', async () => {
    const choice = await selectEmbedder({ kind: 'auto', model: 'org/absent', modelDir: root });
    expect(choice.kind).toBe('builtin');
    expect(choice.embedder.id).toMatch(/^builtin-/);
    expect(choice.reason).toContain('config.json is missing');
    expect(choice.reason).toContain('allowRemote is off');
  });

  it('auto without a model folder or remote access uses built-in', async () => {
    const choice = await selectEmbedder({ kind: 'auto' });
    expect(choice.kind).toBe('builtin');
    expect(choice.reason).toContain('no embedder.modelDir');
  });

  it('builtin never loads a model; transformers insists on one', async () => {
    expect((await selectEmbedder({ kind: 'builtin', modelDir: root, model: 'test/tiny-bert' })).kind).toBe('builtin');
    await expect(selectEmbedder({ kind: 'transformers', model: 'org/absent', modelDir: root })).rejects.toThrow(/expected files/);
  });
});
