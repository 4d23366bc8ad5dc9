/**
 * @module bench/search-scaling — `search_tools` latency as the estate grows (100 … ~9,000 tools): the
 * built-in embedder, the hybrid index, and declarations rendered as the gateway renders them. Subsets are
 * seeded random samples of every estate tool, so each size mixes the same kinds of tools. Issue 6's goal:
 * the p50 grows at most 2× from 100 to ~9,000 tools.
 *
 *   npm run build && node --no-node-snapshot dist/bench/search-scaling.js [--estates DIR] [--runs 300] [--json out.json]
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_SEARCH_LIMIT } from '../src/config/schema.js';
import { fmt, flag, machine, median, percentile, table } from './support.js';
import { loadEstates, toRecord } from './tokens-estates.js';
import { estateSearch } from './tokens-search.js';
import { TASKS } from './tokens-tasks.js';

/** Estate sizes measured (tools); the whole union is added as the last size. */
const SIZES = [100, 500, 1_000, 2_500, 5_000];
const SEED = 20_261_121; // fixed, so every run samples the same subsets
const WARMUP = 30; // untimed searches per size
/** Growth of the p50 from the smallest to the largest estate the goal allows (ratio). */
const GOAL_GROWTH = 2;

/** Queries: the tasks' own, plus generic ones that match tools in most estates. */
const QUERIES = [
  ...TASKS.flatMap((t) => t.queries),
  'send an email', 'read a file', 'search documents', 'list users', 'delete a webhook', 'create a database table',
  'get weather forecast', 'translate text', 'upload an image', 'schedule a meeting',
];

export interface SizeLatency {
  readonly tools: number;
  readonly buildSeconds: number;
  /** Milliseconds: the index's ranking alone, and the whole search_tools answer (ranking + declarations). */
  readonly index: { readonly p50: number; readonly p95: number };
  readonly searchTools: { readonly p50: number; readonly p95: number; readonly min: number; readonly max: number };
  /** CPU milliseconds of the whole search_tools answer (user + system of this process). */
  readonly searchToolsCpu: { readonly p50: number; readonly p95: number };
}

export interface ScalingResult {
  readonly machine: string;
  readonly runs: number;
  readonly sizes: readonly SizeLatency[];
}

/** mulberry32: a small seeded PRNG, enough for a reproducible shuffle. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = prng(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Wall and CPU milliseconds of one call; CPU time is the fairer cost when other work shares the cores. */
async function timed(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * Builds every size first, then times them round-robin (each query on each size in turn), so load from
 * other processes on the machine falls on all sizes alike instead of on whichever ran at a bad moment.
 */
export async function measureScaling(dir: string, runs: number, log: (line: string) => void = () => {}): Promise<ScalingResult> {
  const all = loadEstates(dir).at(-1)!.tools.map(toRecord);
  const order = shuffled(all, SEED);
  const searches = [];
  for (const n of [...SIZES.filter((s) => s < all.length), all.length]) {
    const search = await estateSearch(order.slice(0, n));
    searches.push({ n, search, wall: [] as number[], cpu: [] as number[], ranked: [] as number[] });
    log(`${n} tools: index built in ${fmt(search.buildSeconds, 1)} s`);
  }
  const query = (i: number): string => QUERIES[i % QUERIES.length]!;
  for (let i = 0; i < WARMUP; i++) for (const s of searches) await s.search.search({ query: query(i) });
  for (let i = 0; i < runs; i++) {
    for (const s of searches) {
      const full = await timed(() => s.search.search({ query: query(i) }));
      s.wall.push(full.wall);
      s.cpu.push(full.cpu);
      s.ranked.push((await timed(() => s.search.index.search(query(i), { limit: DEFAULT_SEARCH_LIMIT }))).wall);
    }
  }
  const sizes = searches.map((s) => ({
    tools: s.n,
    buildSeconds: s.search.buildSeconds,
    index: { p50: median(s.ranked), p95: percentile(s.ranked, 95) },
    searchTools: { p50: median(s.wall), p95: percentile(s.wall, 95), min: Math.min(...s.wall), max: Math.max(...s.wall) },
    searchToolsCpu: { p50: median(s.cpu), p95: percentile(s.cpu, 95) },
  }));
  return { machine: machine(), runs, sizes };
}

export function scalingTable(r: ScalingResult): string {
  const rows = r.sizes.map((s) => [
    s.tools.toLocaleString('en-US'),
    fmt(s.buildSeconds, 1),
    fmt(s.index.p50),
    fmt(s.index.p95),
    fmt(s.searchTools.p50),
    fmt(s.searchTools.p95),
    `${fmt(s.searchTools.min)}–${fmt(s.searchTools.max)}`,
    fmt(s.searchToolsCpu.p50),
    fmt(s.searchToolsCpu.p95),
  ]);
  const first = r.sizes[0];
  const last = r.sizes.at(-1);
  const growth = first && last ? last.searchTools.p50 / first.searchTools.p50 : Number.NaN;
  const cpuGrowth = first && last ? last.searchToolsCpu.p50 / first.searchToolsCpu.p50 : Number.NaN;
  return [
    table(['tools', 'index build s', 'ranking p50 ms', 'ranking p95 ms', 'search_tools p50 ms', 'search_tools p95 ms', 'search_tools min–max ms', 'search_tools CPU p50 ms', 'CPU p95 ms'], rows),
    `\nsearch_tools p50 grows ${fmt(growth)}× from ${first?.tools} to ${last?.tools} tools (goal ≤ ${GOAL_GROWTH}×: ${growth <= GOAL_GROWTH ? 'met' : 'NOT met'}); in CPU time ${fmt(cpuGrowth)}×. ${r.runs} searches per size, sizes timed round-robin, after ${WARMUP} warm-up rounds.`,
  ].join('\n');
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const result = await measureScaling(flag('estates', '../shared/estates'), Number(flag('runs', '300')), (line) => console.error(line));
  const json = flag('json', '');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
  console.log(`# search_tools latency against estate size (${result.machine})\n`);
  console.log(scalingTable(result));
}
