import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, readManifest, readRecords, saveSnapshot, writeFileAtomic } from '../../index/persist.js';
import { createSearchIndex } from '../../index/search-index.js';
import { createHashEmbedder } from '../support/hash-embedder.js';
import { makeTool, sampleTools } from '../support/tool-record.js';

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tg-index-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('persist', () => {
  it('leaves no temp file behind and keeps only the newest generation', async () => {
    const dir = await dataDir();
    await saveSnapshot(dir, { embedderId: 'none', dimension: 0, records: sampleTools() });
    const second = await saveSnapshot(dir, { embedderId: 'none', dimension: 0, records: sampleTools().slice(1) });
    expect((await readdir(dir)).sort()).toEqual([MANIFEST_FILE, 'records-2.json']);
    expect(second.parts).toEqual({});
    expect(second.generation).toBe(2);
    expect(await readRecords(dir, second)).toHaveLength(9);
    expect(second.hashes['jira.get_issue']).toBe(sampleTools()[1]!.hash);
  });

  it('a save that fails midway leaves the previous generation readable and no temp file', async () => {
    const dir = await dataDir();
    await saveSnapshot(dir, { embedderId: 'none', dimension: 0, records: sampleTools() });
    const failing = saveSnapshot(dir, {
      embedderId: 'e',
      dimension: 4,
      records: sampleTools(),
      hnsw: { capacity: 1, labels: {} },
      writeHnsw: async (file) => {
        await writeFile(file, 'partial');
        throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const manifest = await readManifest(dir);
    expect(manifest?.generation).toBe(1);
    expect(await readRecords(dir, manifest!)).toHaveLength(10);
  });

  it('writeFileAtomic replaces a file whole', async () => {
    const dir = await dataDir();
    await writeFileAtomic(join(dir, 'f.json'), 'one');
    await writeFileAtomic(join(dir, 'f.json'), 'two');
    expect(await readdir(dir)).toEqual(['f.json']);
  });
});

describe('SearchIndex save and load', () => {
  it('loads a saved index instead of rebuilding: nothing is re-embedded', async () => {
    const dir = await dataDir();
    const first = createSearchIndex({ embedder: createHashEmbedder(), dataDir: dir });
    await first.rebuild(sampleTools());
    await first.save();
    const embedder = createHashEmbedder();
    const second = createSearchIndex({ embedder, dataDir: dir });
    expect(await second.load()).toEqual({ loaded: true, reason: 'ok', records: 10 });
    expect(second.size).toBe(10);
    expect((await second.search('send a message to a channel', { limit: 1 }))[0]?.record.id).toBe(
      'slack.chat_postMessage',
    );
    expect(await second.rebuild(sampleTools())).toMatchObject({ embedded: 0, reused: 10, removed: 0 });
    // Only the two queries above were embedded, no tool.
    expect(embedder.seen).toEqual(['send a message to a channel']);
  });

  it('after a load, re-embeds only the tools whose hash changed', async () => {
    const dir = await dataDir();
    const first = createSearchIndex({ embedder: createHashEmbedder(), dataDir: dir });
    await first.rebuild(sampleTools());
    await first.save();
    const embedder = createHashEmbedder();
    const second = createSearchIndex({ embedder, dataDir: dir });
    await second.load();
    const changed = makeTool({ server: 'notion', name: 'search_pages', description: 'Full-text search over pages.' });
    const next = sampleTools().map((t) => (t.id === changed.id ? changed : t));
    expect(await second.rebuild(next)).toMatchObject({ embedded: 1, reused: 9, removed: 0 });
    expect(embedder.seen).toEqual([expect.stringContaining('Full-text search over pages.')]);
  });

  it('does not load an index of another embedder or dimension', async () => {
    const dir = await dataDir();
    const first = createSearchIndex({ embedder: createHashEmbedder(), dataDir: dir });
    await first.rebuild(sampleTools());
    await first.save();
    const other = createSearchIndex({ embedder: createHashEmbedder({ id: 'other-v2' }), dataDir: dir });
    expect(await other.load()).toMatchObject({ loaded: false, reason: expect.stringContaining('other-v2') });
    const wider = createSearchIndex({
      embedder: createHashEmbedder({ id: 'test-hash-v1-64', dimension: 32 }),
      dataDir: dir,
    });
    expect(await wider.load()).toMatchObject({ loaded: false, reason: expect.stringContaining('dimension') });
    const lexical = createSearchIndex({ dataDir: dir });
    expect((await lexical.load()).loaded).toBe(false);
  });

  it('fits a stateful embedder once per full build and restores its state on load', async () => {
    const dir = await dataDir();
    const fitted = (): ReturnType<typeof createHashEmbedder> & { fits: number; state: unknown } => {
      const base = createHashEmbedder();
      const e = Object.assign(base, {
        fits: 0,
        state: undefined as unknown,
        fit(texts: readonly string[]) {
          e.fits++;
          e.state = { docs: texts.length };
        },
        exportState: () => e.state,
        importState(state: unknown) {
          e.state = state;
        },
      });
      return e;
    };
    const a = fitted();
    const first = createSearchIndex({ embedder: a, dataDir: dir });
    await first.rebuild(sampleTools());
    await first.apply({ server: 'x', added: [makeTool({ server: 'x', name: 'y' })], changed: [], removed: [] });
    await first.rebuild(sampleTools());
    expect(a.fits).toBe(1);
    await first.save();
    const b = fitted();
    const second = createSearchIndex({ embedder: b, dataDir: dir });
    expect((await second.load()).loaded).toBe(true);
    expect(b.state).toEqual({ docs: 10 });
    await second.rebuild(sampleTools());
    expect(b.fits).toBe(0);
    await second.rebuild(sampleTools(), { force: true });
    expect(b.fits).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(
      ['embedder-1.json', MANIFEST_FILE, 'index-1.hnsw', 'lexical-1.json', 'records-1.json'].sort(),
    );
  });

  it('saves and loads a lexical-only index', async () => {
    const dir = await dataDir();
    const first = createSearchIndex({ dataDir: dir });
    await first.rebuild(sampleTools());
    await first.save();
    const second = createSearchIndex({ dataDir: dir });
    expect(await second.load()).toMatchObject({ loaded: true, records: 10 });
    expect((await second.search('create_page', { limit: 1 }))[0]?.record.id).toBe('notion.create_page');
  });

  it('reports a truncated HNSW file or a corrupt manifest as not loaded, without throwing', async () => {
    const dir = await dataDir();
    const first = createSearchIndex({ embedder: createHashEmbedder(), dataDir: dir });
    await first.rebuild(sampleTools());
    await first.save();
    const hnswFile = (await readManifest(dir))!.hnswFile!;
    await writeFile(join(dir, hnswFile), 'truncated');
    const second = createSearchIndex({ embedder: createHashEmbedder(), dataDir: dir });
    expect(await second.load()).toMatchObject({ loaded: false, reason: expect.stringContaining('unreadable index') });
    await writeFile(join(dir, MANIFEST_FILE), '{"formatVersion": 1,');
    expect(await second.load()).toMatchObject({ loaded: false, reason: expect.stringContaining('unreadable index') });
    expect(await second.rebuild(sampleTools())).toMatchObject({ embedded: 10 });
  });

  it('reports why nothing was loaded', async () => {
    expect(await createSearchIndex().load()).toEqual({ loaded: false, reason: 'no data dir', records: 0 });
    expect(await createSearchIndex({ dataDir: await dataDir() }).load()).toMatchObject({
      loaded: false,
      reason: 'no saved index',
    });
  });
});
