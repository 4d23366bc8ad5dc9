/**
 * @module index/hnsw-store — cosine vectors keyed by tool id in hnswlib-node: add, update, remove
 * (markDelete, then the label is reused by the next add), growth by a named factor, and read/write of
 * the index file. hnswlib wants plain number[] (a Float32Array is rejected, NOTES.md).
 */
import hnswlib from 'hnswlib-node';

/** Graph degree (links per node); 16 is hnswlib's recommended default for 100–1,000-dim vectors. */
export const HNSW_M = 16;
/**
 * Candidate list while building (count). Measured on the 9,119 estate tools, 512-dim built-in vectors:
 * 200 → recall@10 0.995 in 7.7 s CPU, 100 → 0.988 in 5.2 s, 64 → 0.965 in 3.2 s. 100 keeps the build budget.
 */
export const HNSW_EF_CONSTRUCTION = 100;
/** Candidate list while searching (count); raised to k when k is larger. */
export const HNSW_EF_SEARCH = 64;
/** Initial capacity (points) of an empty store. */
export const HNSW_INITIAL_CAPACITY = 1_024;
/** Capacity multiplier when full (×); doubling keeps resizes logarithmic in the estate size. */
export const HNSW_GROWTH_FACTOR = 2;
/** Unfiltered walk depth (× k) tried before a filtered walk when a visibility filter is given. */
export const UNFILTERED_OVERSAMPLE = 2;
/** Fixed seed so two builds of the same records give the same graph. */
const HNSW_SEED = 100;

export interface HnswParams {
  readonly m?: number;
  readonly efConstruction?: number;
  readonly efSearch?: number;
  readonly initialCapacity?: number;
}

/** What must be saved beside the index file to reopen it: which label belongs to which id. */
export interface HnswState {
  readonly capacity: number;
  readonly labels: Readonly<Record<string, number>>;
}

export class HnswStore {
  readonly dimension: number;
  readonly #params: Required<HnswParams>;
  #index: hnswlib.HierarchicalNSW;
  readonly #labelOf = new Map<string, number>();
  readonly #idOf = new Map<number, string>();
  /** Labels of removed points: marked deleted in the graph, reused by the next add. */
  readonly #free: number[] = [];
  #nextLabel = 0;

  constructor(dimension: number, params: HnswParams = {}) {
    this.dimension = dimension;
    this.#params = {
      m: params.m ?? HNSW_M,
      efConstruction: params.efConstruction ?? HNSW_EF_CONSTRUCTION,
      efSearch: params.efSearch ?? HNSW_EF_SEARCH,
      initialCapacity: params.initialCapacity ?? HNSW_INITIAL_CAPACITY,
    };
    this.#index = this.#fresh(this.#params.initialCapacity);
  }

  #fresh(capacity: number): hnswlib.HierarchicalNSW {
    const index = new hnswlib.HierarchicalNSW('cosine', this.dimension);
    index.initIndex(capacity, this.#params.m, this.#params.efConstruction, HNSW_SEED);
    index.setEf(this.#params.efSearch);
    return index;
  }

  get size(): number {
    return this.#labelOf.size;
  }

  get capacity(): number {
    return this.#index.getMaxElements();
  }

  /** Points the graph holds, deleted ones included. */
  get slots(): number {
    return this.#index.getCurrentCount();
  }

  get efSearch(): number {
    return this.#index.getEf();
  }

  has(id: string): boolean {
    return this.#labelOf.has(id);
  }

  /** Adds or replaces the vector of `id`. */
  upsert(id: string, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimension) {
      throw new Error(`vector of ${id} has dimension ${vector.length}, the store ${this.dimension}`);
    }
    let label = this.#labelOf.get(id);
    if (label === undefined) {
      label = this.#free.pop() ?? this.#nextLabel++;
      if (label >= this.capacity) {
        this.#index.resizeIndex(Math.max(label + 1, Math.ceil(this.capacity * HNSW_GROWTH_FACTOR)));
      }
      this.#labelOf.set(id, label);
      this.#idOf.set(label, id);
    }
    // Re-adding an existing label (live or marked deleted) updates it in place and unmarks it.
    this.#index.addPoint(Array.from(vector), label);
  }

  remove(id: string): boolean {
    const label = this.#labelOf.get(id);
    if (label === undefined) return false;
    this.#index.markDelete(label);
    this.#labelOf.delete(id);
    this.#idOf.delete(label);
    this.#free.push(label);
    return true;
  }

  vector(id: string): number[] | undefined {
    const label = this.#labelOf.get(id);
    return label === undefined ? undefined : this.#index.getPoint(label);
  }

  /**
   * Nearest ids by cosine similarity (1 - distance), best first. With `accept`, unfiltered walks (k deep,
   * then UNFILTERED_OVERSAMPLE times deeper) are filtered here first (no JS call per visited node); when
   * fewer than `atLeast` survive, the graph walk itself skips rejected ids, so a hidden tool never takes a slot.
   */
  search(
    vector: ArrayLike<number>,
    k: number,
    accept?: (id: string) => boolean,
    atLeast = k,
  ): { id: string; score: number }[] {
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    const query = Array.from(vector);
    if (!accept) return this.#knn(query, n);
    // Cheapest first: a walk as deep as an unfiltered search, filtered here; then UNFILTERED_OVERSAMPLE deeper.
    for (const depth of [n, Math.min(this.size, n * UNFILTERED_OVERSAMPLE)]) {
      const hits = this.#knn(query, depth).filter((h) => accept(h.id));
      if (hits.length >= Math.min(atLeast, n) || depth >= this.size) return hits.slice(0, n);
    }
    return this.#knn(query, n, (label) => {
      const id = this.#idOf.get(label);
      return id !== undefined && accept(id);
    });
  }

  #knn(query: number[], k: number, filter?: (label: number) => boolean): { id: string; score: number }[] {
    this.#index.setEf(Math.max(this.#params.efSearch, k));
    const { neighbors, distances } = filter ? this.#index.searchKnn(query, k, filter) : this.#index.searchKnn(query, k);
    const out: { id: string; score: number }[] = [];
    neighbors.forEach((label, i) => {
      const id = this.#idOf.get(label);
      if (id !== undefined) out.push({ id, score: 1 - distances[i]! });
    });
    return out;
  }

  state(): HnswState {
    return { capacity: this.capacity, labels: Object.fromEntries(this.#labelOf) };
  }

  async write(file: string): Promise<void> {
    await this.#index.writeIndex(file);
  }

  /** Replaces the contents with an index file and the label map saved beside it. */
  async read(file: string, state: HnswState): Promise<void> {
    const index = new hnswlib.HierarchicalNSW('cosine', this.dimension);
    await index.readIndex(file);
    // ef is not stored in the file (it reads back as 10): set it again.
    index.setEf(this.#params.efSearch);
    this.#index = index;
    this.#labelOf.clear();
    this.#idOf.clear();
    this.#free.length = 0;
    for (const [id, label] of Object.entries(state.labels)) {
      this.#labelOf.set(id, label);
      this.#idOf.set(label, id);
    }
    this.#nextLabel = index.getCurrentCount();
    // Labels in the graph that no id owns were removed before the save: reuse them.
    for (let label = 0; label < this.#nextLabel; label++) if (!this.#idOf.has(label)) this.#free.push(label);
  }
}
