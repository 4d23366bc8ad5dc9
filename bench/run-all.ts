/**
 * @module bench/run-all — `npm run bench`: runs every benchmark of the project, each in a fresh child process
 * with a time limit, then regenerates docs/benchmarks.md and the SVG charts in docs/charts/. A benchmark
 * that is missing, fails or times out is reported as such in the page, never dropped.
 *
 *   npm run bench -- [--estates ../shared/estates] [--load-seconds 20] [--only tokens,load] [--timeout 1200]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencyChart, tokensChart } from './report/charts.js';
import { renderPage, type BenchRun, type BenchSpec } from './report/markdown.js';
import type { ScalingResult } from './search-scaling.js';
import { flag, machine } from './support.js';
import type { TokensResult } from './tokens.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_BENCH = fileURLToPath(new URL('./', import.meta.url));
/** Lines of a child's stderr kept for the page when it fails (count). */
const STDERR_TAIL_LINES = 25;
/** A child that runs past its limit is killed with its process group (s). */
const DEFAULT_TIMEOUT_S = 1_200;
/** The load run lasts as long as issue 6 asks (s); `--load-seconds` shortens it for a quick pass. */
const DEFAULT_LOAD_SECONDS = 60;

/** Children run in the repository root, so the estates path is made absolute first. */
const estates = resolve(flag('estates', join(ROOT, '..', 'shared', 'estates')));
const loadSeconds = flag('load-seconds', String(DEFAULT_LOAD_SECONDS));
const timeoutS = Number(flag('timeout', String(DEFAULT_TIMEOUT_S)));
const only = flag('only', '').split(',').filter((s) => s !== '');

const BENCHES: readonly BenchSpec[] = [
  { id: 'tokens', title: 'Tokens: listing every tool against Toolgate', source: 'tokens.ts', nodeArgs: [], args: ['--estates', estates], json: true,
    about: 'Issue 6. Tokens (o200k and cl100k, gpt-tokenizer) of (a) the full `tools/list` of each estate as a client aggregating the servers puts it into context (names prefixed `<server>__`), (b) Toolgate\'s two tool definitions plus its instructions, and (c) a Code Mode task: (b) plus three real `search_tools` responses over that estate (hybrid index, built-in embedder, the gateway\'s own `searchTools`) and one `execute_code` call with its result. Tasks run on every estate that holds the tools they call. "tools surfaced" counts how many of the tools the task\'s code calls appeared in its three search responses.' },
  { id: 'search-scaling', title: 'search_tools latency against estate size', source: 'search-scaling.ts', nodeArgs: [], args: ['--estates', estates, '--runs', '200'], json: true,
    about: 'Issue 6 (goal: p50 grows at most 2× from 100 to ~9,000 tools). Seeded random samples of all estate tools; built-in embedder, hybrid index; the whole `search_tools` answer (ranking, visibility, declarations within the response budget) and the ranking alone. Sizes are timed round-robin so load from other processes falls on all of them alike.' },
  { id: 'retrieval', title: 'Retrieval quality', source: 'retrieval.ts', nodeArgs: [], args: [], json: false,
    about: 'Issue 3. hit@k, Recall@k, MRR and nDCG@10 on the four dev sets of `../shared/retrieval/`, the BM25 baseline beside the built-in embedder and the hybrid, scored by tool id; then bfcl scored by tool name as well (its README: 519 names have several definitions and gold is one of them).' },
  { id: 'retrieval-ceiling', title: 'Retrieval ceiling on bfcl by tool id', source: 'retrieval-ceiling.ts', nodeArgs: [], args: [], json: false,
    about: 'Issue 3 (goal: bfcl Recall@5 ≥ 0.85). A ranker told the gold tool *names* of every query, which ranks every definition of those names first: how far Recall@k by id can go when only the order among same-name definitions is left to choose, in random order and in the gateway\'s own lexical and hybrid order. Beside it, what the hybrid really scores by id and by name.' },
  { id: 'index-perf', title: 'Index performance', source: 'index-perf.ts', nodeArgs: ['--expose-gc'], args: ['--estates', estates], json: false,
    about: 'Issue 3. Index build of every estate with the built-in embedder, load of the persisted index, search_tools at ~9,000 tools, re-index after one change, resident memory.' },
  { id: 'front-door', title: 'Front door', source: 'front-door.ts', nodeArgs: [], args: [], json: false,
    about: 'Issue 2. Start-to-ready with the demo catalog, search_tools and execute_code (one server-memory call) end to end over Streamable HTTP, and the two definitions plus instructions in o200k tokens.' },
  { id: 'sandbox', title: 'Execute overhead (sandbox)', source: 'sandbox.ts', nodeArgs: [], args: [], json: false,
    about: 'Issue 4. The sandbox: isolate cycle, host round trips, throughput, `check: true`. The row "isolated-vm alone" is the same crossing with an empty host function and nothing of Toolgate\'s: the floor a binding round trip cannot go below on this machine. Why that floor sits near 100 µs on this VM (guest halt polling off, so every cross-thread wake is a halt exit) and what it measures with halt polling on: `docs/sandbox.md`, "Performance".' },
  { id: 'policy', title: 'Policy pipeline', source: 'policy.ts', nodeArgs: [], args: [], json: false,
    about: 'Governance: cost of each step of the binding pipeline per call.' },
  { id: 'typings-estates', title: 'Declarations over the estates', source: 'typings-estates.ts', nodeArgs: [], args: ['--estates', estates], json: false,
    about: 'The declaration generator over every estate tool: never throws, parses, sizes and times, chars per token.' },
  { id: 'load', title: 'Load: concurrent sessions against /mcp', source: 'load.ts', nodeArgs: [], args: ['--seconds', loadSeconds], json: true,
    about: `Issue 6. SDK clients over Streamable HTTP, each doing search_tools then execute_code (two upstream calls to echo fixtures) in a loop; the gateway in its own process on 127.0.0.1. Run here for ${loadSeconds} s (\`--load-seconds\` changes it; \`node --no-node-snapshot dist/bench/load.js\` alone runs 60 s).` },
];

function tail(text: string): string {
  return text.trimEnd().split('\n').slice(-STDERR_TAIL_LINES).join('\n');
}

async function runBench(spec: BenchSpec, scratch: string): Promise<BenchRun> {
  const script = join(DIST_BENCH, spec.source.replace(/\.ts$/, '.js'));
  const jsonFile = join(scratch, `${spec.id}.json`);
  const args = ['--no-node-snapshot', ...spec.nodeArgs, script, ...spec.args, ...(spec.json ? ['--json', jsonFile] : [])];
  const shown = args.map((a) => (a === estates ? relative(ROOT, estates) : a.split(scratch).join('$TMP').split(ROOT).join('')));
  const command = `node ${shown.join(' ')}`;
  const base = { spec, command, stdout: '', stderrTail: '' };
  if (only.length > 0 && !only.includes(spec.id)) return { ...base, status: 'skipped', seconds: 0 };
  if (!existsSync(join(ROOT, 'bench', spec.source)) || !existsSync(script)) {
    return { ...base, status: 'missing', seconds: 0, note: `bench/${spec.source} or its build ${script.replace(ROOT, '')} does not exist.` };
  }
  const started = performance.now();
  console.error(`bench: ${spec.id} …`);
  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-64_000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    // The whole group: benchmarks start upstream servers and gateways of their own.
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
  }, timeoutS * 1000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  const status = timedOut ? 'timeout' : exitCode === 0 ? 'ok' : 'failed';
  let json: unknown;
  if (spec.json && existsSync(jsonFile)) json = JSON.parse(readFileSync(jsonFile, 'utf8'));
  console.error(`bench: ${spec.id} ${status} in ${seconds.toFixed(1)} s`);
  return { ...base, status, seconds, exitCode, stdout, stderrTail: tail(stderr), ...(json === undefined ? {} : { json }), ...(timedOut ? { note: `Killed after the ${timeoutS} s limit.` } : {}) };
}

const startedAt = new Date();
const before = loadavg();
const scratch = mkdtempSync(join(tmpdir(), 'toolgate-bench-'));
const runs: BenchRun[] = [];
try {
  for (const spec of BENCHES) runs.push(await runBench(spec, scratch));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const docs = join(ROOT, 'docs');
mkdirSync(join(docs, 'charts'), { recursive: true });
const charts: { tokens?: string; latency?: string } = {};
const tokens = runs.find((r) => r.spec.id === 'tokens' && r.status === 'ok')?.json as TokensResult | undefined;
if (tokens) {
  writeFileSync(join(docs, 'charts', 'tokens.svg'), tokensChart(tokens));
  charts.tokens = 'charts/tokens.svg';
}
const scaling = runs.find((r) => r.spec.id === 'search-scaling' && r.status === 'ok')?.json as ScalingResult | undefined;
if (scaling) {
  writeFileSync(join(docs, 'charts', 'search-latency.svg'), latencyChart(scaling));
  charts.latency = 'charts/search-latency.svg';
}
const page = renderPage({ startedAt, finishedAt: new Date(), machine: machine(), loadAverage: { before, after: loadavg() }, runs, charts });
writeFileSync(join(docs, 'benchmarks.md'), page);
console.log(`wrote docs/benchmarks.md (${runs.map((r) => `${r.spec.id}: ${r.status}`).join(', ')})`);
