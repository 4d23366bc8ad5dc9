/**
 * @module index/types — the seams of tool discovery: embedders and the search index.
 * Depends only on catalog's types.
 */
import type { CatalogDiff, ToolRecord } from '../catalog/types.js';

/** Turns texts into unit-length vectors of a fixed dimension. */
export interface Embedder {
  /** Stable id including model and version, e.g. `builtin-hash-v1` or `transformers:Xenova/all-MiniLM-L6-v2:q8`. */
  readonly id: string;
  readonly dimension: number;
  /** Embeds a batch; the result has one vector per text, each of length `dimension`. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /**
   * Optional: learns corpus statistics (e.g. IDF) from every tool's text. The index calls it on a build
   * from empty and on a forced rebuild, before embedding; diffs do not refit, so old vectors stay valid.
   */
  fit?(texts: readonly string[]): void;
  /** Optional: the fitted state as JSON-serialisable data, saved with the index. */
  exportState?(): unknown;
  /** Optional: restores a state from `exportState()` when a saved index is loaded. */
  importState?(state: unknown): void;
  /**
   * Optional: the text this embedder wants for a tool (the index's `toolEmbeddingText` otherwise), so the
   * gateway embeds what the eval measured. Part of what the embedder id names: changing it changes vectors.
   */
  toolText?(record: ToolRecord): string;
}

export interface SearchOptions {
  /** At most this many hits. */
  readonly limit: number;
  /** Only tools of this server. */
  readonly server?: string;
  /**
   * Visibility: applied before the cut, so a tool the caller may not see never takes a result slot.
   * The same authorization function decides this and what a call may do.
   */
  readonly visible?: (record: ToolRecord) => boolean;
  /**
   * Score multiplier per record, applied before the cut (e.g. 0.5 for a deprecated server's tools).
   * Return 1 for no change; values ≤ 0 drop the record.
   */
  readonly boost?: (record: ToolRecord) => number;
}

export interface RebuildOptions {
  /** Re-embed every record even when its hash is unchanged (`toolgate index --full`). */
  readonly force?: boolean;
  /**
   * Scope to one server (`toolgate index --server X`): only that server's records are replaced or removed,
   * every other server's stay as they are; records of other servers in the list are ignored.
   */
  readonly server?: string;
  /**
   * Indexed records missing from the list that this accepts are kept as they are: the tools of a server
   * that has not listed yet (down at start), so its vectors survive until it answers.
   */
  readonly retain?: (record: ToolRecord) => boolean;
  /** Called after each embedded batch: `done` of `total` records needing embedding. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What `load()` found in the data dir. */
export interface LoadResult {
  readonly loaded: boolean;
  /** Why not loaded (no data dir, no manifest, other embedder or dimension, unreadable), or `ok`. */
  readonly reason: string;
  readonly records: number;
}

export interface SearchHit {
  readonly record: ToolRecord;
  /** Higher is better; comparable only within one result list. */
  readonly score: number;
}

export interface ReindexSummary {
  readonly embedded: number;
  readonly reused: number;
  readonly removed: number;
  readonly tookMs: number;
}

/** Everything `search_tools` needs from the index. */
export interface SearchIndex {
  /**
   * Replaces the index's view of all records (initial build or full re-index). Records whose id and
   * hash are already indexed (e.g. after `load()`) are reused, not re-embedded, unless `force`.
   */
  rebuild(records: readonly ToolRecord[], options?: RebuildOptions): Promise<ReindexSummary>;
  /**
   * Applies one server's diff: embeds added and changed tools (reusing the vector of one whose hash is
   * already indexed), removes deleted ones.
   */
  apply(diff: CatalogDiff): Promise<ReindexSummary>;
  search(query: string, options: SearchOptions): Promise<SearchHit[]>;
  get(id: string): ToolRecord | undefined;
  records(): Iterable<ToolRecord>;
  readonly size: number;
  /** Writes the index to the data dir atomically; a no-op without a data dir. */
  save(): Promise<void>;
  /** Loads a saved index when its manifest matches this embedder (id and dimension). */
  load(): Promise<LoadResult>;
}
