/**
 * @module index/embedders/model-files — finds and checks a transformers.js model folder before anything
 * loads it, so a missing or corrupt model fails at once with the folder and the files expected named,
 * instead of inside the runtime (or, with remote loading, as a hang on a network that is not there).
 */
import { existsSync, openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The one error this folder's embedders raise; the code is a row of src/errors.ts. */
export class EmbedderError extends Error {
  override readonly name = 'EmbedderError';
  readonly code = 'TG_CONFIG_INVALID';
}

export type ModelDtype = 'q8' | 'fp32';

/** ONNX weight file per dtype, as transformers.js names them under `onnx/`. */
export const ONNX_FILES: Readonly<Record<ModelDtype, string>> = { q8: 'onnx/model_quantized.onnx', fp32: 'onnx/model.onnx' };
/** JSON files every text model needs next to its weights. */
export const JSON_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

export interface ModelLocation {
  /** Root handed to transformers.js as `env.localModelPath`. */
  readonly root: string;
  /** Model id relative to the root. */
  readonly modelId: string;
  /** The model's own folder. */
  readonly folder: string;
}

/**
 * `modelDir` may be the model's own folder (it holds config.json) or a root holding `<model>/`,
 * like ../shared/models holds Xenova/all-MiniLM-L6-v2.
 */
export function locateModel(modelDir: string, model: string): ModelLocation {
  const dir = resolve(modelDir);
  if (existsSync(join(dir, 'config.json'))) return { root: dirname(dir), modelId: basename(dir), folder: dir };
  return { root: dir, modelId: model, folder: join(dir, model) };
}

export function expectedFiles(dtype: ModelDtype): string[] {
  return [...JSON_FILES, ONNX_FILES[dtype]];
}

/** An ONNX ModelProto starts with field 1 (ir_version, varint): tag byte 0x08. */
function looksLikeOnnx(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(1);
    return readSync(fd, head, 0, 1, 0) === 1 && head[0] === 0x08;
  } finally {
    closeSync(fd);
  }
}

/** Returns the problems with a model folder (empty when it looks loadable), each naming the file. */
export function checkModelFolder(folder: string, dtype: ModelDtype): string[] {
  const problems: string[] = [];
  for (const rel of expectedFiles(dtype)) {
    const file = join(folder, rel);
    if (!existsSync(file)) {
      problems.push(`${rel} is missing`);
      continue;
    }
    if (statSync(file).size === 0) problems.push(`${rel} is empty`);
    else if (rel.endsWith('.json')) {
      try {
        JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        problems.push(`${rel} is not valid JSON`);
      }
    } else if (!looksLikeOnnx(file)) problems.push(`${rel} is not an ONNX model`);
  }
  return problems;
}

export function modelError(folder: string, dtype: ModelDtype, problems: readonly string[]): EmbedderError {
  return new EmbedderError(
    `embedding model in ${folder} is unusable (${problems.join('; ')}); expected files: ${expectedFiles(dtype).join(', ')}`,
  );
}

/** hidden_size from config.json: the vector dimension of a BERT-style model. */
export function hiddenSize(folder: string): number | undefined {
  try {
    const config = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as { hidden_size?: unknown; dim?: unknown };
    const size = config.hidden_size ?? config.dim;
    return typeof size === 'number' && size > 0 ? size : undefined;
  } catch {
    return undefined;
  }
}
