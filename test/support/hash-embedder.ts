/**
 * @module test/support/hash-embedder — a tiny deterministic embedder for tests: a hashed bag of the
 * index's own tokens, L2-normalised. Not a model; it only has to make shared words mean nearby vectors.
 */
import { tokenize } from '../../index/tokenize.js';
import type { Embedder } from '../../index/types.js';

/** Vector length; small so tests are fast, large enough that a few dozen words rarely collide. */
export const HASH_EMBEDDER_DIMENSION = 64;

/** FNV-1a, 32 bit: stable across runs and platforms. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function hashVector(text: string, dimension = HASH_EMBEDDER_DIMENSION): Float32Array {
  const vec = new Float32Array(dimension);
  for (const token of tokenize(text)) {
    const h = fnv1a(token);
    vec[h % dimension]! += h & 0x80000000 ? -1 : 1;
  }
  let norm = 0;
  for (const v of vec) norm += v * v;
  // An empty text still needs a unit vector for cosine space.
  if (norm === 0) vec[0] = 1;
  else for (let i = 0; i < dimension; i++) vec[i]! /= Math.sqrt(norm);
  return vec;
}

export interface CountingEmbedder extends Embedder {
  /** Texts embedded so far, in order (tests assert what was and was not re-embedded). */
  readonly seen: string[];
}

export function createHashEmbedder(options: { id?: string; dimension?: number } = {}): CountingEmbedder {
  const dimension = options.dimension ?? HASH_EMBEDDER_DIMENSION;
  const seen: string[] = [];
  return {
    id: options.id ?? `test-hash-v1-${dimension}`,
    dimension,
    seen,
    async embed(texts) {
      seen.push(...texts);
      return texts.map((t) => hashVector(t, dimension));
    },
  };
}
