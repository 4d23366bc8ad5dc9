/**
 * @module index/embedders/select — resolves `embedder.kind` to an Embedder and says why, for the log:
 * `auto` uses the transformers.js model when its files are present (or it may be fetched), else the
 * built-in embedder; `transformers` insists (a missing model is an error); `builtin` never loads a model.
 */
import type { Embedder } from '../types.js';
import { BuiltinEmbedder } from './builtin.js';
import { checkModelFolder, locateModel } from './model-files.js';
import { DEFAULT_MODEL, TransformersEmbedder, type TransformersOptions } from './transformers.js';

export interface EmbedderConfig extends TransformersOptions {
  readonly kind: 'auto' | 'builtin' | 'transformers';
}

export interface EmbedderChoice {
  readonly embedder: Embedder;
  readonly kind: 'builtin' | 'transformers';
  /** One sentence for the start-up log. */
  readonly reason: string;
}

function builtin(reason: string): EmbedderChoice {
  return { embedder: new BuiltinEmbedder(), kind: 'builtin', reason };
}

export async function selectEmbedder(config: EmbedderConfig): Promise<EmbedderChoice> {
  const model = config.model ?? DEFAULT_MODEL;
  if (config.kind === 'builtin') return builtin('embedder.kind is builtin');
  if (config.kind === 'transformers') {
    const embedder = await TransformersEmbedder.create(config);
    return { embedder, kind: 'transformers', reason: `embedder.kind is transformers (${model})` };
  }
  let missing = 'no embedder.modelDir is configured';
  if (config.modelDir !== undefined) {
    const { folder } = locateModel(config.modelDir, model);
    const problems = checkModelFolder(folder, config.quantized === false ? 'fp32' : 'q8');
    missing = `model files in ${folder} are not usable (${problems.join('; ')})`;
    if (problems.length === 0) missing = '';
  }
  if (missing !== '' && !config.allowRemote) return builtin(`auto: ${missing} and allowRemote is off`);
  try {
    const embedder = await TransformersEmbedder.create(config);
    const source = missing === '' ? 'its files are present' : 'it was fetched from the hub';
    return { embedder, kind: 'transformers', reason: `auto: using ${model} because ${source}` };
  } catch (error) {
    return builtin(`auto: ${model} could not be loaded (${(error as Error).message})`);
  }
}
