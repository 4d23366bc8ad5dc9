/**
 * @module index/search-index — the SearchIndex: BM25 over fielded tool text, plus HNSW vectors fused
 * with it when an embedder is given (lexical only without one). Mutations are serialised; searches
 * read a consistent state between them.
 */
import type { CatalogDiff, ToolRecord } from '../catalog/types.js';
import { CANDIDATE_DEPTH, DEFAULT_FUSION, type Fusion } from './fusion.js';
import type { HnswParams } from './hnsw-store.js';
import { emptyState, loadState, saveState, type IndexState, type SnapshotContext } from './snapshot.js';
import { FIELD_WEIGHTS, TOOL_FIELDS, toolEmbeddingText, toolTexts, type ToolField } from './tool-text.js';
import { tokenize } from './tokenize.js';
import { rankQuery, type RankingOptions } from './rank.js';
import type {
  Embedder,
  LoadResult,
  RebuildOptions,
  ReindexSummary,
  SearchHit,
  SearchIndex,
  SearchOptions,
} from './types.js';

/** Texts per embedder call (count): large enough to amortise a model call, small enough for progress. */
export const EMBED_BATCH_SIZE = 64;
/** Records inserted between two yields to the event loop (count); ~0.15 s of HNSW inserts at 512 dims. */
export const UPSERT_SLICE = 256;

export interface SearchIndexOptions {
  /** Without one the index is lexical only (BM25). */
  readonly embedder?: Embedder;
  /** Where `save()`/`load()` keep the index; without one both are no-ops. */
  readonly dataDir?: string;
  readonly hnsw?: HnswParams;
  readonly fusion?: Fusion;
  /** Weights of the lexical and vector lists in fusion (unitless). */
  readonly lexicalWeight?: number;
  readonly vectorWeight?: number;
  /** Candidates per ranker before fusion (count). */
  readonly candidateDepth?: number;
  readonly embedBatchSize?: number;
  /** Overrides of FIELD_WEIGHTS (BM25F multipliers per field), for the eval to measure alternatives. */
  readonly fieldWeights?: Partial<Record<ToolField, number>>;
  /** BM25 saturation and length normalisation; BM25_K1 / BM25_B when omitted. */
  readonly bm25?: { readonly k1?: number; readonly b?: number };
  /** The text an embedder sees for a tool; default: the embedder's own `toolText`, else `toolEmbeddingText`. */
  readonly textOf?: (record: ToolRecord) => string;
}

export function createSearchIndex(options: SearchIndexOptions = {}): SearchIndex {
  const { embedder, dataDir } = options;
  const batchSize = options.embedBatchSize ?? EMBED_BATCH_SIZE;
  const textOf = options.textOf ?? (embedder?.toolText ? embedder.toolText.bind(embedder) : toolEmbeddingText);
  const weights = TOOL_FIELDS.map((f) => options.fieldWeights?.[f] ?? FIELD_WEIGHTS[f]);
  const bm25 = { weights, ...options.bm25 };
  const lexicalFields = (record: ToolRecord): string[][] => {
    const texts = toolTexts(record);
    return TOOL_FIELDS.map((f) => tokenize(texts[f]));
  };
  const ranking: RankingOptions = {
    embedder,
    fusion: options.fusion ?? DEFAULT_FUSION,
    depth: options.candidateDepth ?? CANDIDATE_DEPTH,
    lexicalWeight: options.lexicalWeight ?? 1,
    vectorWeight: options.vectorWeight ?? 1,
  };
  const snapshotContext = (dir: string): SnapshotContext => ({
    dataDir: dir,
    embedder,
    bm25,
    hnsw: options.hnsw,
    lexicalFields,
  });

  let state: IndexState = emptyState(embedder, bm25, options.hnsw);
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs mutations one after another, so a diff never interleaves with a rebuild. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function embedAll(
    list: readonly ToolRecord[],
    onProgress?: RebuildOptions['onProgress'],
  ): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    if (!embedder) return out;
    for (let i = 0; i < list.length; i += batchSize) {
      const batch = list.slice(i, i + batchSize);
      const vecs = await embedder.embed(batch.map(textOf));
      if (vecs.length !== batch.length)
        throw new Error(`embedder ${embedder.id} returned ${vecs.length} vectors for ${batch.length} texts`);
      out.push(...vecs);
      onProgress?.(Math.min(i + batchSize, list.length), list.length);
    }
    return out;
  }

  /** Embeds first, then mutates: a failing embedder leaves the index as it was. */
  async function upsertAll(list: readonly ToolRecord[], onProgress?: RebuildOptions['onProgress']): Promise<void> {
    const vecs = await embedAll(list, onProgress);
    const { records, lexical, vectors } = state;
    for (let i = 0; i < list.length; i++) {
      const record = list[i]!;
      records.set(record.id, record);
      lexical.add(record.id, lexicalFields(record));
      const vec = vecs[i];
      if (vectors && vec) vectors.upsert(record.id, vec);
      // A full build inserts for seconds: let searches and health checks in between slices.
      if ((i + 1) % UPSERT_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Keeps (and refreshes the record object of) every record indexed with this very definition; returns the
   * ones that need embedding. `force` embeds them all (`toolgate index --full`).
   */
  function upsertReusing(list: Iterable<ToolRecord>, force: boolean): { fresh: ToolRecord[]; reused: number } {
    const fresh: ToolRecord[] = [];
    let reused = 0;
    for (const record of list) {
      if (!force && isIndexed(record)) {
        state.records.set(record.id, record);
        reused++;
      } else fresh.push(record);
    }
    return { fresh, reused };
  }

  /** The record is indexed with this very definition (same hash), its vector included. */
  function isIndexed(record: ToolRecord): boolean {
    const old = state.records.get(record.id);
    return old !== undefined && old.hash === record.hash && (!state.vectors || state.vectors.has(record.id));
  }

  function removeOne(id: string): boolean {
    state.vectors?.remove(id);
    state.lexical.remove(id);
    return state.records.delete(id);
  }

  function rebuild(list: readonly ToolRecord[], opts: RebuildOptions = {}): Promise<ReindexSummary> {
    return serial(async function rebuildIndex() {
      const started = performance.now();
      const scope = opts.server;
      const target = new Map(list.filter((r) => scope === undefined || r.server === scope).map((r) => [r.id, r]));
      const { records } = state;
      // Corpus statistics are learned once per full build; diffs and one-server rebuilds keep them, so
      // old vectors stay valid.
      if (embedder?.fit && scope === undefined && (records.size === 0 || opts.force))
        embedder.fit([...target.values()].map(textOf));
      const { fresh, reused } = upsertReusing(target.values(), opts.force ?? false);
      await upsertAll(fresh, opts.onProgress);
      let removed = 0;
      for (const [id, record] of [...records]) {
        if ((scope === undefined || record.server === scope) && !target.has(id) && !opts.retain?.(record) && removeOne(id)) removed++;
      }
      return { embedded: fresh.length, reused, removed, tookMs: performance.now() - started };
    });
  }

  function apply(diff: CatalogDiff): Promise<ReindexSummary> {
    return serial(async function applyDiff() {
      const started = performance.now();
      // A server that reconnects lists everything as added: what is indexed unchanged keeps its vector.
      const { fresh, reused } = upsertReusing([...diff.added, ...diff.changed], false);
      await upsertAll(fresh);
      let removed = 0;
      for (const id of diff.removed) if (removeOne(id)) removed++;
      return { embedded: fresh.length, reused, removed, tookMs: performance.now() - started };
    });
  }

  function search(query: string, opts: SearchOptions): Promise<SearchHit[]> {
    return rankQuery(state, query, opts, ranking);
  }

  function save(): Promise<void> {
    return serial(async function saveIndex() {
      if (dataDir) await saveState(snapshotContext(dataDir), state);
    });
  }

  function load(): Promise<LoadResult> {
    return serial(async function loadIndex(): Promise<LoadResult> {
      if (!dataDir) return { loaded: false, reason: 'no data dir', records: 0 };
      const result = await loadState(snapshotContext(dataDir));
      if (!result.state) return { loaded: false, reason: result.reason, records: 0 };
      state = result.state;
      return { loaded: true, reason: 'ok', records: state.records.size };
    });
  }

  return {
    rebuild,
    apply,
    search,
    get: (id) => state.records.get(id),
    records: () => state.records.values(),
    get size() {
      return state.records.size;
    },
    save,
    load,
  };
}
