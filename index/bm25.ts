/**
 * @module index/bm25 — BM25F over fielded, pre-tokenized documents with an inverted index: add, replace
 * and remove by id in time proportional to the document, search in time proportional to the postings of
 * the query's terms (never a scan of all documents).
 */
import { TopK } from './top-k.js';

/** Term-frequency saturation (unitless); the usual 1.2: a term's 3rd occurrence adds little. */
export const BM25_K1 = 1.2;
/** Length normalisation (0 = none, 1 = full); the usual 0.75. */
export const BM25_B = 0.75;
/** Bits per field in a packed posting; frequencies saturate at 2^bits - 1 (31), far past where k1 flattens. */
const TF_BITS = 5;
const TF_MAX = (1 << TF_BITS) - 1;
/** Fields per document: 6 × 5 bits = 30 bits keeps a packed posting a small integer. */
export const MAX_FIELDS = 6;

export interface Bm25Options {
  /** One weight per field, in the order documents give their fields. */
  readonly weights: readonly number[];
  readonly k1?: number;
  readonly b?: number;
}

export interface ScoredId {
  readonly id: string;
  readonly score: number;
}

/** The whole index as plain data, to save beside the records and restore without re-tokenizing. */
export interface Bm25Snapshot {
  readonly fields: number;
  /** Document id per slot; null for a free slot. */
  readonly ids: readonly (string | null)[];
  /** Field lengths, `slot * fields + field`. */
  readonly lengths: readonly number[];
  readonly terms: readonly string[];
  /** Per term: [slot, packed tfs, …] as in the live index. */
  readonly postings: readonly (readonly number[])[];
}

export class Bm25 {
  readonly #weights: readonly number[];
  readonly #k1: number;
  readonly #b: number;
  /** term → [slot, packed tfs, slot, packed tfs, …]; pairs keep memory at 16 bytes a posting. */
  readonly #postings = new Map<string, number[]>();
  readonly #slotOf = new Map<string, number>();
  readonly #idOf: (string | undefined)[] = [];
  readonly #termsOf: (readonly string[] | undefined)[] = [];
  /** Field lengths in tokens, `slot * fields + field`. */
  readonly #lengths: number[] = [];
  readonly #totalLength: number[];
  readonly #free: number[] = [];
  #scores = new Float64Array(0);
  /**
   * Per queried term, each posting's saturated field-weighted tf (the BM25F factor without the idf), in
   * posting order. It depends on the average field lengths, so any add or remove drops it; searches
   * between mutations then cost one multiply-add per posting instead of a pass over the fields.
   */
  readonly #saturated = new Map<string, Float64Array>();

  constructor(options: Bm25Options) {
    if (options.weights.length === 0 || options.weights.length > MAX_FIELDS) {
      throw new Error(`BM25 needs 1..${MAX_FIELDS} fields, got ${options.weights.length}`);
    }
    this.#weights = options.weights;
    this.#k1 = options.k1 ?? BM25_K1;
    this.#b = options.b ?? BM25_B;
    this.#totalLength = options.weights.map(() => 0);
  }

  get size(): number {
    return this.#slotOf.size;
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /** Adds a document, replacing any document with the same id. `fields[f]` are field f's tokens. */
  add(id: string, fields: readonly (readonly string[])[]): void {
    this.remove(id);
    this.#saturated.clear();
    const nf = this.#weights.length;
    const slot = this.#free.pop() ?? this.#idOf.length;
    const packed = new Map<string, number>();
    for (let f = 0; f < nf; f++) {
      const tokens = fields[f] ?? [];
      this.#lengths[slot * nf + f] = tokens.length;
      this.#totalLength[f] = (this.#totalLength[f] ?? 0) + tokens.length;
      const shift = f * TF_BITS;
      for (const term of tokens) {
        const p = packed.get(term) ?? 0;
        if (((p >> shift) & TF_MAX) < TF_MAX) packed.set(term, p + (1 << shift));
      }
    }
    for (const [term, p] of packed) {
      let list = this.#postings.get(term);
      if (!list) this.#postings.set(term, (list = []));
      list.push(slot, p);
    }
    this.#idOf[slot] = id;
    this.#termsOf[slot] = [...packed.keys()];
    this.#slotOf.set(id, slot);
  }

  /** Removes a document; false when it was not there. */
  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    this.#saturated.clear();
    for (const term of this.#termsOf[slot] ?? []) {
      const list = this.#postings.get(term);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] !== slot) continue;
        // Swap-remove: posting order carries no meaning.
        list[i] = list[list.length - 2]!;
        list[i + 1] = list[list.length - 1]!;
        list.length -= 2;
        break;
      }
      if (list.length === 0) this.#postings.delete(term);
    }
    const nf = this.#weights.length;
    for (let f = 0; f < nf; f++) this.#totalLength[f]! -= this.#lengths[slot * nf + f] ?? 0;
    this.#idOf[slot] = undefined;
    this.#termsOf[slot] = undefined;
    this.#slotOf.delete(id);
    this.#free.push(slot);
    return true;
  }

  snapshot(): Bm25Snapshot {
    const nf = this.#weights.length;
    return {
      fields: nf,
      ids: this.#idOf.map((id) => id ?? null),
      lengths: this.#idOf.flatMap((_, slot) => this.#lengths.slice(slot * nf, slot * nf + nf).map((x) => x ?? 0)),
      terms: [...this.#postings.keys()],
      postings: [...this.#postings.values()],
    };
  }

  /** Rebuilds an index from `snapshot()`; the weights and constants come from `options`, not the data. */
  static restore(options: Bm25Options, snap: Bm25Snapshot): Bm25 {
    const bm = new Bm25(options);
    const nf = options.weights.length;
    if (snap.fields !== nf) throw new Error(`BM25 snapshot has ${snap.fields} fields, expected ${nf}`);
    const terms: string[][] = snap.ids.map(() => []);
    snap.terms.forEach((term, t) => {
      const list = [...(snap.postings[t] ?? [])];
      bm.#postings.set(term, list);
      for (let i = 0; i < list.length; i += 2) terms[list[i]!]?.push(term);
    });
    snap.ids.forEach((id, slot) => {
      for (let f = 0; f < nf; f++) bm.#lengths[slot * nf + f] = snap.lengths[slot * nf + f] ?? 0;
      if (id === null) {
        bm.#idOf[slot] = undefined;
        bm.#free.push(slot);
        return;
      }
      bm.#idOf[slot] = id;
      bm.#termsOf[slot] = terms[slot];
      bm.#slotOf.set(id, slot);
      for (let f = 0; f < nf; f++) bm.#totalLength[f]! += snap.lengths[slot * nf + f] ?? 0;
    });
    return bm;
  }

  /** Documents sharing at least one term with the query, best first; `accept` filters before the cut. */
  search(terms: readonly string[], limit: number, accept?: (id: string) => boolean): ScoredId[] {
    const n = this.#slotOf.size;
    if (n === 0 || limit <= 0) return [];
    if (this.#scores.length < this.#idOf.length) this.#scores = new Float64Array(this.#idOf.length * 2);
    const scores = this.#scores;
    const touched: number[] = [];
    const queryTf = new Map<string, number>();
    for (const t of terms) queryTf.set(t, (queryTf.get(t) ?? 0) + 1);
    for (const [term, qtf] of queryTf) {
      const list = this.#postings.get(term);
      if (!list) continue;
      const df = list.length / 2;
      const weight = qtf * Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const saturated = this.#saturatedOf(term, list);
      for (let i = 0; i < saturated.length; i++) {
        const slot = list[2 * i]!;
        const score = scores[slot]!;
        // Every posting adds a positive amount, so a zero score means "not touched yet".
        if (score === 0) touched.push(slot);
        scores[slot] = score + weight * saturated[i]!;
      }
    }
    // Cheapest first: the best `limit` unfiltered, filtered here; only when the filter dropped one of them
    // does a second pass filter every match, so a hidden tool never takes a slot.
    let best = this.#best(touched, limit);
    if (accept) {
      const kept = best.filter((hit) => accept(hit.id));
      best = kept.length === best.length ? kept : this.#best(touched, limit, accept);
    }
    for (const slot of touched) scores[slot] = 0;
    return best;
  }

  #best(touched: readonly number[], limit: number, accept?: (id: string) => boolean): ScoredId[] {
    const scores = this.#scores;
    const top = new TopK<string>(limit);
    for (const slot of touched) {
      const score = scores[slot]!;
      if (!top.wouldAccept(score)) continue;
      const id = this.#idOf[slot]!;
      if (!accept || accept(id)) top.push(id, score);
    }
    return top.sorted().map(([id, score]) => ({ id, score }));
  }

  /** The term's per-posting `tf·(k1+1)/(tf+k1)` with `tf` = Σ field weight × field tf / length norm. */
  #saturatedOf(term: string, list: readonly number[]): Float64Array {
    const cached = this.#saturated.get(term);
    if (cached) return cached;
    const nf = this.#weights.length;
    const n = this.#slotOf.size;
    const k1 = this.#k1;
    const b = this.#b;
    const avg = this.#totalLength.map((t) => (t > 0 ? t / n : 1));
    const values = new Float64Array(list.length / 2);
    for (let i = 0; i < values.length; i++) {
      const slot = list[2 * i]!;
      const p = list[2 * i + 1]!;
      let tf = 0;
      for (let f = 0; f < nf; f++) {
        const ftf = (p >> (f * TF_BITS)) & TF_MAX;
        if (ftf === 0) continue;
        const len = this.#lengths[slot * nf + f] ?? 0;
        tf += (this.#weights[f]! * ftf) / (1 - b + (b * len) / avg[f]!);
      }
      values[i] = (tf * (k1 + 1)) / (tf + k1);
    }
    this.#saturated.set(term, values);
    return values;
  }
}
