/**
 * @module index/persist — the index in the data dir, written atomically. Each save writes a new
 * generation of files (`index-<gen>.hnsw`, `records-<gen>.json`) through temp files and renames, then
 * commits by renaming the manifest over the old one; a crash at any point leaves the previous
 * generation intact and readable.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToolRecord } from '../catalog/types.js';
import type { HnswState } from './hnsw-store.js';

/** Bump when the layout of any file changes; an index of another version is rebuilt, not read. */
export const INDEX_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'index-manifest.json';
/** Embedder id written when the index is lexical only (no vectors). */
export const LEXICAL_EMBEDDER_ID = 'none';
const TEMP_SUFFIX = '.tmp';
/** Files of one generation, and temps of any of our files (`<file>.<pid>.<hex>.tmp`). */
const GENERATION_FILE = /^([a-z]+-\d+\.json|index-\d+\.hnsw)$/;
const TEMP_FILE = /^([a-z]+-\d+\.json|index-\d+\.hnsw|index-manifest\.json)\.\d+\.[0-9a-f]+\.tmp$/;
/** Names of extra parts: they become file names, so nothing that could climb out of the data dir. */
const PART_NAME = /^[a-z]+$/;

export interface IndexManifest {
  readonly formatVersion: number;
  readonly embedderId: string;
  readonly dimension: number;
  readonly generation: number;
  readonly savedAt: string;
  readonly recordsFile: string;
  /** Absent for a lexical-only index. */
  readonly hnswFile?: string;
  readonly hnsw?: HnswState;
  /** Further JSON parts by name (`lexical`: the BM25 snapshot, `embedder`: the embedder's fitted state). */
  readonly parts?: Readonly<Record<string, string>>;
  /** Content hash of each record as embedded: a record whose hash differs must be re-embedded. */
  readonly hashes: Readonly<Record<string, string>>;
}

export interface SnapshotInput {
  readonly embedderId: string;
  readonly dimension: number;
  readonly records: readonly ToolRecord[];
  /** Writes the HNSW index to the given path; absent for a lexical-only index. */
  readonly writeHnsw?: (file: string) => Promise<void>;
  readonly hnsw?: HnswState;
  /** Further JSON parts by name, each saved as `<name>-<gen>.json`; names are lower-case words. */
  readonly parts?: Readonly<Record<string, unknown>>;
}

/** A temp name beside the target, unique per write, so concurrent writers never share one. */
function tempPath(file: string): string {
  return `${file}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

/** Writes through a temp file and a rename: readers see the old file or the new one, never a part. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPath(file);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export async function readManifest(dataDir: string): Promise<IndexManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDir, MANIFEST_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return JSON.parse(text) as IndexManifest;
}

/** One extra JSON part of a saved generation, or undefined when that generation has none. */
export async function readPart(dataDir: string, manifest: IndexManifest, name: string): Promise<unknown> {
  const file = manifest.parts?.[name];
  if (file === undefined || !PART_NAME.test(name)) return undefined;
  return JSON.parse(await readFile(join(dataDir, file), 'utf8')) as unknown;
}

export async function readRecords(dataDir: string, manifest: IndexManifest): Promise<ToolRecord[]> {
  return JSON.parse(await readFile(join(dataDir, manifest.recordsFile), 'utf8')) as ToolRecord[];
}

/** Saves one generation and commits it with the manifest; removes older generations and stray temps. */
export async function saveSnapshot(dataDir: string, input: SnapshotInput): Promise<IndexManifest> {
  await mkdir(dataDir, { recursive: true });
  const previous = await readManifest(dataDir).catch(() => undefined);
  const generation = (previous?.generation ?? 0) + 1;
  const recordsFile = `records-${generation}.json`;
  await writeFileAtomic(join(dataDir, recordsFile), JSON.stringify(input.records));
  let hnswFile: string | undefined;
  if (input.writeHnsw) {
    hnswFile = `index-${generation}.hnsw`;
    const temp = tempPath(join(dataDir, hnswFile));
    try {
      await input.writeHnsw(temp);
      await rename(temp, join(dataDir, hnswFile));
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
  const parts: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.parts ?? {})) {
    if (!PART_NAME.test(name)) throw new Error(`index part name ${name} must match ${PART_NAME}`);
    parts[name] = `${name}-${generation}.json`;
    await writeFileAtomic(join(dataDir, parts[name]), JSON.stringify(value));
  }
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    embedderId: input.embedderId,
    dimension: input.dimension,
    generation,
    savedAt: new Date().toISOString(),
    recordsFile,
    ...(hnswFile !== undefined ? { hnswFile, hnsw: input.hnsw } : {}),
    parts,
    hashes: Object.fromEntries(input.records.map((r) => [r.id, r.hash])),
  };
  await writeFileAtomic(join(dataDir, MANIFEST_FILE), JSON.stringify(manifest));
  await removeStale(dataDir, manifest);
  return manifest;
}

/** Files of older generations are garbage once the new manifest is in place. */
async function removeStale(dataDir: string, manifest: IndexManifest): Promise<void> {
  const keep = new Set([
    MANIFEST_FILE,
    manifest.recordsFile,
    manifest.hnswFile,
    ...Object.values(manifest.parts ?? {}),
  ]);
  for (const name of await readdir(dataDir)) {
    const ours = GENERATION_FILE.test(name);
    const ourTemp = TEMP_FILE.test(name);
    const ownTemp = ourTemp && name.includes(`.${process.pid}.`);
    // Another process's temp may be mid-write; only this process's leftovers and old generations go.
    if ((ours && !keep.has(name)) || ownTemp) await rm(join(dataDir, name), { force: true });
  }
}

/** Why a manifest cannot serve this embedder, or undefined when it can. */
export function manifestMismatch(manifest: IndexManifest, embedderId: string, dimension: number): string | undefined {
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    return `index format ${manifest.formatVersion}, expected ${INDEX_FORMAT_VERSION}`;
  }
  if (manifest.embedderId !== embedderId) return `index built with embedder ${manifest.embedderId}, now ${embedderId}`;
  if (manifest.dimension !== dimension) return `index dimension ${manifest.dimension}, embedder gives ${dimension}`;
  if (embedderId !== LEXICAL_EMBEDDER_ID && (!manifest.hnswFile || !manifest.hnsw)) return 'index has no vectors';
  // File names come from the manifest: accept only our own generation names, never a path.
  const files = [manifest.recordsFile, manifest.hnswFile, ...Object.values(manifest.parts ?? {})];
  if (files.some((f) => f !== undefined && !GENERATION_FILE.test(f)))
    return 'index manifest names a file outside the data dir';
  return undefined;
}
