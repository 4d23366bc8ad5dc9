/**
 * @module index/embedders/transformers — sentence embeddings from a transformers.js (ONNX) model:
 * feature extraction, mean pooling over the attention mask, L2 normalisation, in batches. The model
 * comes from a local folder (no network) or, only when `allowRemote` is set, from the Hugging Face hub.
 * Files are checked before loading and the load is bounded by a timeout, so it fails fast, never hangs.
 */
import type { Embedder } from '../types.js';
import { EmbedderError, checkModelFolder, hiddenSize, locateModel, modelError, type ModelDtype } from './model-files.js';

export const DEFAULT_MODEL = 'Xenova/all-MiniLM-L6-v2';
/** Texts per forward pass (count): amortises the ONNX call without padding too many short texts. */
export const TRANSFORMERS_BATCH_SIZE = 32;
/** Longest a model load may take (ms): a real MiniLM loads in about a second here. */
export const MODEL_LOAD_TIMEOUT_MS = 30_000;

export interface TransformersOptions {
  readonly model?: string;
  /** The model's folder, or a root holding `<model>/` (transformers.js `localModelPath` layout). */
  readonly modelDir?: string;
  /** Fetch from the hub when the local files are absent. Off by default: no network unless asked. */
  readonly allowRemote?: boolean;
  /** int8 weights (`model_quantized.onnx`); false loads fp32 `model.onnx`. Default true. */
  readonly quantized?: boolean;
  readonly batchSize?: number;
  readonly loadTimeoutMs?: number;
}

/** The slice of the feature-extraction pipeline used here. */
type Extractor = ((texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: ArrayLike<number>; dims: number[] }>) & {
  model?: { config?: { hidden_size?: number } };
};

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EmbedderError(message)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class TransformersEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimension: number,
    private readonly extractor: Extractor,
    private readonly batchSize: number,
  ) {}

  /** Checks the files, loads the model (bounded by a timeout) and reads its dimension. */
  static async create(options: TransformersOptions = {}): Promise<TransformersEmbedder> {
    const model = options.model ?? DEFAULT_MODEL;
    const dtype: ModelDtype = options.quantized === false ? 'fp32' : 'q8';
    const allowRemote = options.allowRemote ?? false;
    let modelId = model;
    let where = `the hub (${model})`;
    let folder: string | undefined;
    let root: string | undefined;
    if (options.modelDir !== undefined) {
      const loc = locateModel(options.modelDir, model);
      const problems = checkModelFolder(loc.folder, dtype);
      if (problems.length === 0 || !allowRemote) {
        if (problems.length > 0) throw modelError(loc.folder, dtype, problems);
        modelId = loc.modelId;
        root = loc.root;
        folder = loc.folder;
        where = loc.folder;
      }
    } else if (!allowRemote) {
      throw new EmbedderError(`no embedding model folder configured for ${model} (set embedder.modelDir, or allowRemote to fetch it)`);
    }
    // Imported only now: the library takes about a second to load, and a bad folder must fail before that.
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowLocalModels = folder !== undefined;
    env.allowRemoteModels = folder === undefined;
    if (root !== undefined) env.localModelPath = root;
    const timeoutMs = options.loadTimeoutMs ?? MODEL_LOAD_TIMEOUT_MS;
    let extractor: Extractor;
    try {
      const loading = pipeline('feature-extraction', modelId, { dtype, local_files_only: folder !== undefined }) as unknown as Promise<Extractor>;
      extractor = await withTimeout(loading, timeoutMs, `loading the embedding model from ${where} took over ${timeoutMs} ms`);
    } catch (error) {
      if (error instanceof EmbedderError) throw error;
      throw new EmbedderError(`could not load the embedding model from ${where}: ${(error as Error).message}`, { cause: error });
    }
    const dimension = (folder !== undefined ? hiddenSize(folder) : undefined) ?? extractor.model?.config?.hidden_size;
    if (!dimension) throw new EmbedderError(`the embedding model from ${where} does not declare hidden_size in config.json`);
    return new TransformersEmbedder(`transformers:${model}:${dtype}`, dimension, extractor, options.batchSize ?? TRANSFORMERS_BATCH_SIZE);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.batchSize) {
      const batch = texts.slice(i, i + this.batchSize);
      const tensor = await this.extractor([...batch], { pooling: 'mean', normalize: true });
      const data = Float32Array.from(tensor.data);
      for (let row = 0; row < batch.length; row++) out.push(data.slice(row * this.dimension, (row + 1) * this.dimension));
    }
    return out;
  }
}
