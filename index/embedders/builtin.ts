/**
 * @module index/embedders/builtin — the default embedder: offline, no download, deterministic.
 * A text becomes a sparse bag of weighted features — stemmed identifier-aware words, thesaurus concepts
 * and character trigrams — weighted by log-TF × IDF and signed-hashed into a wide feature space.
 * `fit()` learns, from the estate itself, the IDF and an LSA basis (lsa.ts) of that space; a vector
 * is the text's projection onto the basis, L2-normalised. Unfitted, the wide vector is folded into
 * `dimension` slots instead (plain feature hashing), so the embedder always works.
 */
import type { Embedder } from '../types.js';
import { hash32 } from './feature-hash.js';
import { fitBasis, type SparseRow } from './lsa.js';
import { stem, tokenize } from '../tokenize.js';
import { THESAURUS_VERSION, buildThesaurus } from './thesaurus.js';
import { builtinToolText } from './tool-text.js';

export interface BuiltinParams {
  /** Output length; 384 like MiniLM: HNSW stays fast and LSA keeps most of the estate's structure. */
  readonly dimension: number;
  /** Width of the hashed feature space the LSA basis is learned in (slots): collisions stay rare. */
  readonly featureSpace: number;
  /** Weight of a thesaurus concept relative to the word itself. */
  readonly synonymWeight: number;
  /** Total weight of a word's character trigrams relative to the word itself. */
  readonly charWeight: number;
  /** Tools the LSA basis is learned from at most (count, evenly spaced): bounds fit time on big estates. */
  readonly fitSample: number;
  /** Power iterations of the LSA range finder (count). */
  readonly power: number;
}

export const DEFAULT_BUILTIN_PARAMS: BuiltinParams = { dimension: 384, featureSpace: 4096, synonymWeight: 0.6, charWeight: 0.4, fitSample: 2000, power: 0 };

/** Corpus statistics learned by `fit()`; persist it with the index so queries see the same space. */
export interface BuiltinState {
  readonly docs: number;
  /** Document frequency per feature key (`w:<stem>` or `c:<group>`). */
  readonly df: Record<string, number>;
  /** LSA basis, `rank` columns of `featureSpace` float32 values, base64; absent before fit. */
  readonly basis?: string;
  readonly rank?: number;
}

/** Bumped whenever the feature recipe changes (analysis, weighting, projection), so the id changes. */
const ALGORITHM_VERSION = 2;
/** Words shorter than this get no character trigrams (too few to be informative). */
const MIN_CHARGRAM_WORD = 4;

export class BuiltinEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  /** The tool text this embedder was measured with; an index should embed tools through it. */
  readonly toolText = builtinToolText;
  private readonly params: BuiltinParams;
  private readonly thesaurus = buildThesaurus(stem);
  private state: BuiltinState = { docs: 0, df: {} };
  /** The basis transposed, feature-major (featureSpace × rank), so a projection reads it in order. */
  private projection: Float32Array = new Float32Array(0);
  private rank = 0;

  constructor(params: Partial<BuiltinParams> = {}) {
    this.params = { ...DEFAULT_BUILTIN_PARAMS, ...params };
    this.dimension = this.params.dimension;
    const tag = hash32(JSON.stringify([this.params, THESAURUS_VERSION])).toString(16).padStart(8, '0');
    this.id = `builtin-lsa-v${ALGORITHM_VERSION}-d${this.dimension}-${tag}`;
  }

  /** Learns IDF and the LSA basis from the estate's own texts (one text per tool). */
  fit(texts: readonly string[]): void {
    const df: Record<string, number> = {};
    for (const text of texts) {
      for (const term of new Set(tokenize(text))) {
        for (const key of [`w:${term}`, ...(this.thesaurus.get(term) ?? []).map((g) => `c:${g}`)]) df[key] = (df[key] ?? 0) + 1;
      }
    }
    this.state = { docs: texts.length, df };
    const step = Math.max(1, texts.length / this.params.fitSample);
    const sample = Array.from({ length: Math.min(texts.length, this.params.fitSample) }, (_, i) => texts[Math.floor(i * step)]!);
    const basis = fitBasis(sample.map((t) => this.sparse(t)), this.params.featureSpace, this.dimension, this.params.power);
    const rank = basis.length;
    const projection = new Float32Array(this.params.featureSpace * rank);
    basis.forEach((col, j) => col.forEach((x, f) => (projection[f * rank + j] = x)));
    this.setProjection(projection, rank);
    this.state = { docs: texts.length, df, rank, basis: Buffer.from(projection.buffer).toString('base64') };
  }

  exportState(): BuiltinState {
    return this.state;
  }

  importState(saved: unknown): void {
    const state = saved as Partial<BuiltinState> | null;
    if (!state || typeof state.docs !== 'number' || typeof state.df !== 'object' || state.df === null) {
      throw new Error(`saved state is not a ${this.id} state`);
    }
    this.state = state as BuiltinState;
    const bytes = state.basis ? Buffer.from(state.basis, 'base64') : Buffer.alloc(0);
    this.setProjection(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), state.rank ?? 0);
  }

  private setProjection(projection: Float32Array, rank: number): void {
    if (rank > this.dimension || projection.length !== rank * this.params.featureSpace) throw new Error(`builtin embedder state does not fit ${this.id}`);
    this.projection = projection;
    this.rank = rank;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): Float32Array {
    const row = this.sparse(text);
    const vec = new Float32Array(this.dimension);
    const { rank, projection } = this;
    if (rank > 0) {
      for (let i = 0; i < row.idx.length; i++) {
        const v = row.val[i]!;
        const at = row.idx[i]! * rank;
        for (let j = 0; j < rank; j++) vec[j] = vec[j]! + v * projection[at + j]!;
      }
    } else {
      for (let i = 0; i < row.idx.length; i++) {
        const slot = (row.idx[i] ?? 0) % this.dimension;
        vec[slot] = (vec[slot] ?? 0) + (row.val[i] ?? 0);
      }
    }
    let norm = Math.hypot(...vec);
    // A text with nothing the estate knows still needs a unit vector: a fixed "unknown" direction.
    if (norm === 0) {
      vec[0] = 1;
      norm = 1;
    }
    return vec.map((x) => x / norm);
  }

  /** The text's weighted features in the wide hashed space, L2-normalised. */
  private sparse(text: string): SparseRow {
    const acc = new Map<number, number>();
    const add = (feature: string, weight: number): void => {
      const h = hash32(feature);
      const slot = h % this.params.featureSpace;
      acc.set(slot, (acc.get(slot) ?? 0) + ((h & 0x80000000) !== 0 ? -weight : weight));
    };
    const tf = new Map<string, number>();
    for (const term of tokenize(text)) tf.set(term, (tf.get(term) ?? 0) + 1);
    for (const [term, count] of tf) {
      const weight = (1 + Math.log(count)) * this.idf(`w:${term}`);
      add(`w:${term}`, weight);
      for (const group of this.thesaurus.get(term) ?? []) add(`c:${group}`, this.params.synonymWeight * (1 + Math.log(count)) * this.idf(`c:${group}`));
      if (term.length >= MIN_CHARGRAM_WORD) {
        const padded = `#${term}#`;
        const each = (this.params.charWeight * weight) / Math.sqrt(padded.length - 2);
        for (let i = 0; i + 3 <= padded.length; i++) add(`g:${padded.slice(i, i + 3)}`, each);
      }
    }
    let norm = 0;
    for (const v of acc.values()) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    return { idx: Int32Array.from(acc.keys()), val: Float32Array.from([...acc.values()].map((v) => v / norm)) };
  }

  /** Smoothed IDF; 1 for every term before `fit()`, the rarest value for terms the estate never used. */
  private idf(key: string): number {
    const { docs, df } = this.state;
    if (docs === 0) return 1;
    return Math.log((docs + 1) / ((df[key] ?? 0) + 1)) + 1;
  }
}
