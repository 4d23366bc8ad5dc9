/**
 * @module index/snapshot — saves and loads a search index's whole state (records, BM25 postings, HNSW
 * graph, the embedder's fitted state) through persist.ts. Loading restores the BM25 postings as saved,
 * so a start does not re-tokenize thousands of tools.
 */
import { join } from 'node:path';
import type { ToolRecord } from '../catalog/types.js';
import { Bm25, type Bm25Options, type Bm25Snapshot } from './bm25.js';
import { HnswStore, type HnswParams } from './hnsw-store.js';
import { LEXICAL_EMBEDDER_ID, manifestMismatch, readManifest, readPart, readRecords, saveSnapshot } from './persist.js';
import type { Embedder } from './types.js';

/** What one SearchIndex holds; swapped whole on load. */
export interface IndexState {
  readonly records: Map<string, ToolRecord>;
  readonly lexical: Bm25;
  readonly vectors: HnswStore | undefined;
}

export interface SnapshotContext {
  readonly dataDir: string;
  readonly embedder: Embedder | undefined;
  readonly bm25: Bm25Options;
  readonly hnsw: HnswParams | undefined;
  /** Tokens per field of a record, for an index saved without its BM25 part. */
  readonly lexicalFields: (record: ToolRecord) => string[][];
}

export function emptyState(embedder: Embedder | undefined, bm25: Bm25Options, hnsw?: HnswParams): IndexState {
  return {
    records: new Map(),
    lexical: new Bm25(bm25),
    vectors: embedder ? new HnswStore(embedder.dimension, hnsw) : undefined,
  };
}

export async function saveState(ctx: SnapshotContext, state: IndexState): Promise<void> {
  const { embedder } = ctx;
  const store = state.vectors;
  await saveSnapshot(ctx.dataDir, {
    embedderId: embedder?.id ?? LEXICAL_EMBEDDER_ID,
    dimension: embedder?.dimension ?? 0,
    records: [...state.records.values()],
    ...(store ? { writeHnsw: (file: string) => store.write(file), hnsw: store.state() } : {}),
    parts: {
      lexical: state.lexical.snapshot(),
      ...(embedder?.exportState ? { embedder: embedder.exportState() } : {}),
    },
  });
}

/**
 * A loaded state, or why there is none (never a throw: an unreadable index is rebuilt, not fatal).
 * The embedder's state is imported only on success.
 */
export async function loadState(ctx: SnapshotContext): Promise<{ state?: IndexState; reason: string }> {
  try {
    return await readState(ctx);
  } catch (err) {
    return { reason: `unreadable index in ${ctx.dataDir}: ${(err as Error).message}` };
  }
}

async function readState(ctx: SnapshotContext): Promise<{ state?: IndexState; reason: string }> {
  const { dataDir, embedder } = ctx;
  const manifest = await readManifest(dataDir);
  if (!manifest) return { reason: 'no saved index' };
  const mismatch = manifestMismatch(manifest, embedder?.id ?? LEXICAL_EMBEDDER_ID, embedder?.dimension ?? 0);
  if (mismatch) return { reason: mismatch };
  if (embedder?.importState && !manifest.parts?.['embedder']) return { reason: 'index has no embedder state' };
  const embedderState = await readPart(dataDir, manifest, 'embedder');
  const saved = await readRecords(dataDir, manifest);
  const snap = (await readPart(dataDir, manifest, 'lexical')) as Bm25Snapshot | undefined;
  const lexical = snap && snap.fields === ctx.bm25.weights.length ? Bm25.restore(ctx.bm25, snap) : new Bm25(ctx.bm25);
  let vectors: HnswStore | undefined;
  if (embedder && manifest.hnswFile && manifest.hnsw) {
    vectors = new HnswStore(embedder.dimension, ctx.hnsw);
    await vectors.read(join(dataDir, manifest.hnswFile), manifest.hnsw);
  }
  const records = new Map<string, ToolRecord>();
  for (const record of saved) {
    // A record whose hash disagrees with the manifest was not the one embedded: drop its vector.
    if (manifest.hashes[record.id] !== record.hash) vectors?.remove(record.id);
    records.set(record.id, record);
    if (!lexical.has(record.id)) lexical.add(record.id, ctx.lexicalFields(record));
  }
  if (embedderState !== undefined) embedder?.importState?.(embedderState);
  return { state: { records, lexical, vectors }, reason: 'ok' };
}
