/**
 * @module bench/index-perf — index figures of issue 3 on the real estates (~9,000 tools): build, save,
 * load in a fresh process, search p50/p95, re-index after one changed tool, resident memory.
 * Run: `npx tsc -p tsconfig.build.json && node --no-node-snapshot --expose-gc dist/bench/index-perf.js
 * [--estates DIR] [--embedder builtin|lexical]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ToolRecord } from '../catalog/types.js';
import { createSearchIndex } from '../index/search-index.js';
import type { Embedder } from '../index/types.js';
import { loadEstateRecords, sampleQueries } from './index-perf-data.js';

/** Searches timed (count); enough for a stable p95. */
const SEARCH_RUNS = 500;
/** One-tool re-indexes timed (count). */
const REINDEX_RUNS = 30;
/** Results per search (count), what search_tools asks for by default. */
const SEARCH_LIMIT = 10;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

async function makeEmbedder(kind: string): Promise<Embedder | undefined> {
  if (kind === 'lexical') return undefined;
  const { BuiltinEmbedder } = await import('../index/embedders/builtin.js');
  return new BuiltinEmbedder();
}

/** CPU ms spent inside the embedder's fit() and embed(), to tell the embedder's share from the index's. */
const embedderCpu = { fit: 0, embed: 0 };

function timed(embedder: Embedder): Embedder {
  const fit = embedder.fit?.bind(embedder);
  return {
    id: embedder.id,
    dimension: embedder.dimension,
    async embed(texts) {
      const c = cpuMs();
      const out = await embedder.embed(texts);
      embedderCpu.embed += cpuMs() - c;
      return out;
    },
    ...(fit
      ? {
          fit(texts: readonly string[]) {
            const c = cpuMs();
            fit(texts);
            embedderCpu.fit += cpuMs() - c;
          },
        }
      : {}),
    ...(embedder.exportState ? { exportState: embedder.exportState.bind(embedder) } : {}),
    ...(embedder.importState ? { importState: embedder.importState.bind(embedder) } : {}),
  };
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
/** CPU time of this process (ms): on a shared machine wall time also counts other processes' turns. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Child mode: load the saved index as a starting gateway would, print JSON figures, exit. */
async function loadPhase(dataDir: string, kind: string, records: ToolRecord[]): Promise<void> {
  const embedder = await makeEmbedder(kind);
  const index = createSearchIndex({ ...(embedder ? { embedder } : {}), dataDir });
  const t0 = performance.now();
  const c0 = cpuMs();
  const result = await index.load();
  const loadMs = performance.now() - t0;
  const loadCpuMs = cpuMs() - c0;
  const summary = await index.rebuild(records);
  gc();
  process.stdout.write(
    JSON.stringify({
      loadMs,
      loadCpuMs,
      loaded: result.loaded,
      reason: result.reason,
      reuseMs: summary.tookMs,
      embedded: summary.embedded,
      rss: process.memoryUsage().rss,
    }),
  );
}

async function main(): Promise<void> {
  const estates = resolve(arg('estates') ?? join(repoRoot(), '..', 'shared', 'estates'));
  const kind = arg('embedder') ?? 'builtin';
  const records = await loadEstateRecords(estates);
  const childDir = arg('load-phase');
  if (childDir) return loadPhase(childDir, kind, records);

  const dataDir = await mkdtemp(join(tmpdir(), 'tg-index-perf-'));
  try {
    const plain = await makeEmbedder(kind);
    const embedder = plain ? timed(plain) : undefined;
    const index = createSearchIndex({ ...(embedder ? { embedder } : {}), dataDir });
    const rssBefore = process.memoryUsage().rss;
    const c0 = cpuMs();
    const build = await index.rebuild(records);
    const buildCpuMs = cpuMs() - c0;
    const buildEmbedder = { ...embedderCpu };
    const t1 = performance.now();
    const cs = cpuMs();
    await index.save();
    const saveMs = performance.now() - t1;
    const saveCpuMs = cpuMs() - cs;
    gc();
    const rssBuilt = process.memoryUsage().rss;

    const queries = sampleQueries(records, SEARCH_RUNS);
    const times: number[] = [];
    for (const q of queries.slice(0, 50)) await index.search(q, { limit: SEARCH_LIMIT }); // warm-up
    const c1 = cpuMs();
    for (const q of queries) {
      const t = performance.now();
      await index.search(q, { limit: SEARCH_LIMIT });
      times.push(performance.now() - t);
    }
    const searchCpuMs = (cpuMs() - c1) / queries.length;
    const hidden = (r: ToolRecord): boolean => r.server.charCodeAt(0) % 2 === 0;
    const filtered: number[] = [];
    const c3 = cpuMs();
    for (const q of queries) {
      const t = performance.now();
      await index.search(q, { limit: SEARCH_LIMIT, visible: hidden });
      filtered.push(performance.now() - t);
    }

    const filteredCpuMs = (cpuMs() - c3) / queries.length;
    const reindex: number[] = [];
    const c2 = cpuMs();
    for (let i = 0; i < REINDEX_RUNS; i++) {
      const tool = records[(i * 997) % records.length]!;
      const changed = { ...tool, description: `${tool.description} (revision ${i})`, hash: `${tool.hash}-r${i}` };
      const s = await index.apply({ server: tool.server, added: [], changed: [changed], removed: [] });
      reindex.push(s.tookMs);
    }

    const reindexCpuMs = (cpuMs() - c2) / REINDEX_RUNS;
    const script = fileURLToPath(import.meta.url);
    const child = JSON.parse(
      execFileSync(
        process.execPath,
        [
          '--no-node-snapshot',
          '--expose-gc',
          script,
          '--estates',
          estates,
          '--embedder',
          kind,
          '--load-phase',
          dataDir,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      ),
    ) as {
      loadMs: number;
      loadCpuMs: number;
      loaded: boolean;
      reason: string;
      reuseMs: number;
      embedded: number;
      rss: number;
    };

    const rows: [string, string, string][] = [
      ['tools indexed', String(index.size), ''],
      ['embedder', embedder?.id ?? 'none (lexical only)', ''],
      [
        'build (embed + BM25 + HNSW)',
        `${(build.tookMs / 1000).toFixed(2)} s wall, ${(buildCpuMs / 1000).toFixed(2)} s CPU`,
        '≤ 20 s',
      ],
      [
        '  of which embedder fit / embed (CPU)',
        `${(buildEmbedder.fit / 1000).toFixed(2)} s / ${(buildEmbedder.embed / 1000).toFixed(2)} s`,
        '',
      ],
      [
        '  of which index: text, BM25, HNSW (CPU)',
        `${((buildCpuMs - buildEmbedder.fit - buildEmbedder.embed) / 1000).toFixed(2)} s`,
        '',
      ],
      ['save (atomic)', `${saveMs.toFixed(0)} ms wall, ${saveCpuMs.toFixed(0)} ms CPU (main thread)`, ''],
      [
        'load in a fresh process',
        `${child.loadMs.toFixed(0)} ms wall, ${child.loadCpuMs.toFixed(0)} ms CPU (${child.loaded ? 'loaded' : child.reason})`,
        '≤ 1 s',
      ],
      [
        'start check after load (rebuild, all reused)',
        `${child.reuseMs.toFixed(0)} ms, embedded ${child.embedded}`,
        'nothing re-embedded',
      ],
      [
        'search p50 / p95 (limit 10)',
        `${pct(times, 50).toFixed(2)} / ${pct(times, 95).toFixed(2)} ms wall; mean CPU ${searchCpuMs.toFixed(2)} ms`,
        '≤ 5 / ≤ 15 ms',
      ],
      [
        'search p50 / p95, half the servers hidden',
        `${pct(filtered, 50).toFixed(2)} / ${pct(filtered, 95).toFixed(2)} ms wall; mean CPU ${filteredCpuMs.toFixed(2)} ms`,
        '',
      ],
      [
        're-index one changed tool p50 / max',
        `${pct(reindex, 50).toFixed(1)} / ${Math.max(...reindex).toFixed(1)} ms wall; mean CPU ${reindexCpuMs.toFixed(1)} ms`,
        '≤ 200 ms',
      ],
      ['RSS after build (process)', `${mb(rssBuilt)} MB (before build ${mb(rssBefore)} MB)`, '≤ 400 MB'],
      ['RSS after load (fresh process)', `${mb(child.rss)} MB`, '≤ 400 MB'],
    ];
    console.log(
      `index-perf on ${estates}: ${records.length} tools, ${SEARCH_RUNS} queries, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`,
    );
    console.log('| figure | measured | target |\n|---|---|---|');
    for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
