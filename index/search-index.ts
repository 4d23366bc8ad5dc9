/**
 * @module index/search-index — the SearchIndex: BM25 over fielded tool text, plus HNSW vectors fused
 * with it when an embedder is given (lexical only without one). Mutations are serialised; searches
 * read a consistent state between them.
 */
import { join } from 'node:path';
import type { CatalogDiff, ToolRecord } from '../catalog/types.js';
import { Bm25 } from './bm25.js';
import { CANDIDATE_DEPTH, DEFAULT_FUSION, type Fusion } from './fusion.js';
import { HnswStore, type HnswParams } from './hnsw-store.js';
import {
  LEXICAL_EMBEDDER_ID, manifestMismatch, readEmbedderState, readManifest, readRecords, saveSnapshot,
} from './persist.js';
import { FIELD_WEIGHTS, TOOL_FIELDS, toolEmbeddingText, toolTexts } from './tool-text.js';
import { tokenize } from './tokenize.js';
import { TopK } from './top-k.js';
import type {
  Embedder, LoadResult, RebuildOptions, ReindexSummary, SearchHit, SearchIndex, SearchOptions,
} from './types.js';

/** Texts per embedder call (count): large enough to amortise a model call, small enough for progress. */
export const EMBED_BATCH_SIZE = 64;
/** Upper bound on candidates pulled per ranker when many top matches are hidden (count). */
export const MAX_CANDIDATE_DEPTH = 2_000;

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
  /** The text an embedder sees for a tool. */
  readonly textOf?: (record: ToolRecord) => string;
}

export function createSearchIndex(options: SearchIndexOptions = {}): SearchIndex {
  const { embedder, dataDir } = options;
  const fusion = options.fusion ?? DEFAULT_FUSION;
  const depth = options.candidateDepth ?? CANDIDATE_DEPTH;
  const batchSize = options.embedBatchSize ?? EMBED_BATCH_SIZE;
  const textOf = options.textOf ?? toolEmbeddingText;
  const embedderId = embedder?.id ?? LEXICAL_EMBEDDER_ID;
  const dimension = embedder?.dimension ?? 0;
  const weights = TOOL_FIELDS.map((f) => FIELD_WEIGHTS[f]);

  const records = new Map<string, ToolRecord>();
  let lexical = new Bm25({ weights });
  let vectors = embedder ? new HnswStore(embedder.dimension, options.hnsw) : undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs mutations one after another, so a diff never interleaves with a rebuild. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function indexLexical(record: ToolRecord): void {
    const texts = toolTexts(record);
    lexical.add(record.id, TOOL_FIELDS.map((f) => tokenize(texts[f])));
  }

  async function embedAll(list: readonly ToolRecord[], onProgress?: RebuildOptions['onProgress']): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    if (!embedder) return out;
    for (let i = 0; i < list.length; i += batchSize) {
      const batch = list.slice(i, i + batchSize);
      const vecs = await embedder.embed(batch.map(textOf));
      if (vecs.length !== batch.length) throw new Error(`embedder ${embedder.id} returned ${vecs.length} vectors for ${batch.length} texts`);
      out.push(...vecs);
      onProgress?.(Math.min(i + batchSize, list.length), list.length);
    }
    return out;
  }

  /** Embeds first, then mutates: a failing embedder leaves the index as it was. */
  async function upsertAll(list: readonly ToolRecord[], onProgress?: RebuildOptions['onProgress']): Promise<void> {
    const vecs = await embedAll(list, onProgress);
    list.forEach((record, i) => {
      records.set(record.id, record);
      indexLexical(record);
      const vec = vecs[i];
      if (vectors && vec) vectors.upsert(record.id, vec);
    });
  }

  function removeOne(id: string): boolean {
    vectors?.remove(id);
    lexical.remove(id);
    return records.delete(id);
  }

  function rebuild(list: readonly ToolRecord[], opts: RebuildOptions = {}): Promise<ReindexSummary> {
    return serial(async function rebuildIndex() {
      const started = performance.now();
      const target = new Map(list.map((r) => [r.id, r]));
      // Corpus statistics are learned once per full build; diffs keep them so old vectors stay valid.
      if (embedder?.fit && (records.size === 0 || opts.force)) embedder.fit([...target.values()].map(textOf));
      const fresh: ToolRecord[] = [];
      let reused = 0;
      for (const record of target.values()) {
        const old = records.get(record.id);
        const same = old !== undefined && old.hash === record.hash && (!vectors || vectors.has(record.id));
        if (same && !opts.force) {
          reused++;
          records.set(record.id, record);
        } else fresh.push(record);
      }
      await upsertAll(fresh, opts.onProgress);
      let removed = 0;
      for (const id of [...records.keys()]) if (!target.has(id) && removeOne(id)) removed++;
      return { embedded: fresh.length, reused, removed, tookMs: performance.now() - started };
    });
  }

  function apply(diff: CatalogDiff): Promise<ReindexSummary> {
    return serial(async function applyDiff() {
      const started = performance.now();
      await upsertAll([...diff.added, ...diff.changed]);
      let removed = 0;
      for (const id of diff.removed) if (removeOne(id)) removed++;
      return { embedded: diff.added.length + diff.changed.length, reused: 0, removed, tookMs: performance.now() - started };
    });
  }

  async function search(query: string, opts: SearchOptions): Promise<SearchHit[]> {
    const limit = Math.max(0, Math.floor(opts.limit));
    if (limit === 0 || records.size === 0) return [];
    const accept = (id: string): boolean => {
      const record = records.get(id);
      if (!record || (opts.server !== undefined && record.server !== opts.server)) return false;
      if (opts.boost && !(opts.boost(record) > 0)) return false;
      return !opts.visible || opts.visible(record);
    };
    const terms = tokenize(query);
    // Boosts reorder candidates, so pull more than `limit`; hidden tools are filtered inside each ranker.
    const k = Math.min(Math.max(depth, limit * 2), MAX_CANDIDATE_DEPTH);
    const lexicalHits = lexical.search(terms, k, accept);
    let scored: { id: string; score: number }[] = lexicalHits;
    if (embedder && vectors && vectors.size > 0 && query.trim() !== '') {
      const [vec] = await embedder.embed([query]);
      const vectorHits = vec ? vectors.search(vec, k, accept) : [];
      const fused = fusion([
        { source: 'lexical', hits: lexicalHits, weight: options.lexicalWeight ?? 1 },
        { source: 'vector', hits: vectorHits, weight: options.vectorWeight ?? 1 },
      ]);
      scored = [...fused].map(([id, score]) => ({ id, score }));
    }
    const top = new TopK<string>(limit);
    for (const { id, score } of scored) {
      const record = records.get(id);
      if (record) top.push(id, opts.boost ? score * opts.boost(record) : score);
    }
    return top.sorted().map(([id, score]) => ({ record: records.get(id)!, score }));
  }

  function save(): Promise<void> {
    return serial(async function saveIndex() {
      if (!dataDir) return;
      const store = vectors;
      await saveSnapshot(dataDir, {
        embedderId,
        dimension,
        records: [...records.values()],
        ...(store ? { writeHnsw: (file: string) => store.write(file), hnsw: store.state() } : {}),
        ...(embedder?.exportState ? { embedderState: embedder.exportState() } : {}),
      });
    });
  }

  function load(): Promise<LoadResult> {
    return serial(async function loadIndex(): Promise<LoadResult> {
      if (!dataDir) return { loaded: false, reason: 'no data dir', records: 0 };
      const manifest = await readManifest(dataDir);
      if (!manifest) return { loaded: false, reason: 'no saved index', records: 0 };
      const mismatch = manifestMismatch(manifest, embedderId, dimension);
      if (mismatch) return { loaded: false, reason: mismatch, records: 0 };
      if (embedder?.importState && !manifest.embedderStateFile) return { loaded: false, reason: 'index has no embedder state', records: 0 };
      const embedderState = await readEmbedderState(dataDir, manifest);
      const saved = await readRecords(dataDir, manifest);
      const nextVectors = embedder ? new HnswStore(embedder.dimension, options.hnsw) : undefined;
      if (nextVectors && manifest.hnswFile && manifest.hnsw) {
        await nextVectors.read(join(dataDir, manifest.hnswFile), manifest.hnsw);
      }
      const nextLexical = new Bm25({ weights });
      if (embedderState !== undefined) embedder?.importState?.(embedderState);
      records.clear();
      lexical = nextLexical;
      vectors = nextVectors;
      for (const record of saved) {
        // A record whose hash disagrees with the manifest was not the one embedded: drop its vector.
        if (manifest.hashes[record.id] !== record.hash) vectors?.remove(record.id);
        records.set(record.id, record);
        indexLexical(record);
      }
      return { loaded: true, reason: 'ok', records: records.size };
    });
  }

  return {
    rebuild,
    apply,
    search,
    get: (id) => records.get(id),
    records: () => records.values(),
    get size() {
      return records.size;
    },
    save,
    load,
  };
}
