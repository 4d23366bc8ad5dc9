/**
 * @module index/embedders/builtin — the default embedder: offline, no download, deterministic.
 * A text becomes a bag of weighted features — stemmed words (identifier-aware), thesaurus concepts and
 * character trigrams — each weighted by IDF learned from the estate with `fit()`, folded into
 * `dimension` slots by signed hashing and L2-normalised. Cosine between two vectors then behaves like
 * a TF-IDF similarity that also credits synonyms and shared word pieces.
 */
import type { Embedder } from '../types.js';
import { addFeature, hash32, normalise } from './feature-hash.js';
import { stem, tokenize } from '../tokenize.js';
import { THESAURUS_VERSION, buildThesaurus } from './thesaurus.js';

export interface BuiltinParams {
  /** Vector length; 512 keeps hash collisions rare for a few thousand distinct words and HNSW fast. */
  readonly dimension: number;
  /** Weight of a thesaurus concept relative to the word itself. */
  readonly synonymWeight: number;
  /** Total weight of a word's character trigrams relative to the word itself. */
  readonly charWeight: number;
}

export const DEFAULT_BUILTIN_PARAMS: BuiltinParams = { dimension: 512, synonymWeight: 0.6, charWeight: 0.4 };

/** Corpus statistics learned by `fit()`; persist it with the index so queries see the same IDF. */
export interface BuiltinState {
  readonly docs: number;
  /** Document frequency per feature key (`w:<stem>` or `c:<group>`). */
  readonly df: Record<string, number>;
}

/** Bumped whenever the feature recipe changes (analysis, weighting), so the id changes. */
const ALGORITHM_VERSION = 1;
/** Words shorter than this get no character trigrams (too few to be informative). */
const MIN_CHARGRAM_WORD = 4;

export class BuiltinEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  private readonly params: BuiltinParams;
  private readonly thesaurus = buildThesaurus(stem);
  private state: BuiltinState = { docs: 0, df: {} };

  constructor(params: Partial<BuiltinParams> = {}) {
    this.params = { ...DEFAULT_BUILTIN_PARAMS, ...params };
    this.dimension = this.params.dimension;
    const p = this.params;
    const tag = hash32(JSON.stringify([p, THESAURUS_VERSION])).toString(16).padStart(8, '0');
    this.id = `builtin-hash-v${ALGORITHM_VERSION}-d${p.dimension}-${tag}`;
  }

  /** Learns document frequencies from the estate's own texts (one text per tool). */
  fit(texts: readonly string[]): void {
    const df: Record<string, number> = {};
    for (const text of texts) {
      for (const key of new Set(this.termKeys(tokenize(text)))) df[key] = (df[key] ?? 0) + 1;
    }
    this.state = { docs: texts.length, df };
  }

  exportState(): BuiltinState {
    return this.state;
  }

  importState(state: BuiltinState): void {
    this.state = state;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  embedOne(text: string): Float32Array {
    const vec = new Float32Array(this.dimension);
    const tf = new Map<string, number>();
    for (const term of tokenize(text)) tf.set(term, (tf.get(term) ?? 0) + 1);
    for (const [s, count] of tf) {
      const word = s;
      const weight = (1 + Math.log(count)) * this.idf(`w:${s}`);
      addFeature(vec, `w:${s}`, weight);
      for (const group of this.thesaurus.get(s) ?? []) {
        addFeature(vec, `c:${group}`, this.params.synonymWeight * (1 + Math.log(count)) * this.idf(`c:${group}`));
      }
      if (word.length >= MIN_CHARGRAM_WORD) {
        const padded = `#${word}#`;
        const grams = padded.length - 2;
        const each = (this.params.charWeight * weight) / Math.sqrt(grams);
        for (let i = 0; i < grams; i++) addFeature(vec, `g:${padded.slice(i, i + 3)}`, each);
      }
    }
    if (tf.size === 0) addFeature(vec, 'empty', 1);
    return normalise(vec);
  }

  private termKeys(stems: readonly string[]): string[] {
    return stems.flatMap((s) => [`w:${s}`, ...(this.thesaurus.get(s) ?? []).map((g) => `c:${g}`)]);
  }

  /** Smoothed IDF; 1 for every term before `fit()`, the rarest value for terms the estate never used. */
  private idf(key: string): number {
    const { docs, df } = this.state;
    if (docs === 0) return 1;
    return Math.log((docs + 1) / ((df[key] ?? 0) + 1)) + 1;
  }
}
