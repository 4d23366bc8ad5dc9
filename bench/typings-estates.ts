/**
 * @module bench/typings-estates — the declaration generator over every real tool in `../shared/estates/`
 * (~9,000 tools): proves it never throws, checks the output with the TypeScript parser (and, with
 * `--check`, the type-checker), and reports sizes, times (medians) and the measured chars per o200k token.
 *
 *   npx tsc -p tsconfig.build.json; node --no-node-snapshot dist/bench/typings-estates.js [--estates DIR] [--runs N] [--check]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import ts from 'typescript';
import { bindingsFor } from '../sandbox/naming.js';
import type { ToolSignature } from '../sandbox/types.js';
import { CHARS_PER_TOKEN, declarationsFor, renderWithinBudget } from '../sandbox/typings.js';
import { limitsOf } from '../sandbox/typings/options.js';
import { toolDeclaration } from '../sandbox/typings/tool-declaration.js';
import { flag, fmt, machine, median, percentile, table } from './support.js';

/** Tools per simulated search response, and the response budget the front door uses. */
const SEARCH_HITS = 10; // tools
const SEARCH_BUDGET_CHARS = 12_000; // characters
const SEARCH_SAMPLES = 500; // simulated responses
/** Tools whose declarations are tokenised to measure chars per token. */
const TOKEN_SAMPLE = 1_000; // tools

function loadEstates(dir: string): ToolSignature[] {
  const files = [
    ...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f)),
    ...readdirSync(join(dir, 'docker-registry')).filter((f) => f.endsWith('.json')).map((f) => join(dir, 'docker-registry', f)),
  ];
  const tools: ToolSignature[] = [];
  for (const file of files) {
    const estate = JSON.parse(readFileSync(file, 'utf8')) as { server: string; tools: Array<Record<string, unknown>> };
    for (const t of estate.tools) {
      const name = String(t.name);
      tools.push({
        id: `${estate.server}.${name}`,
        server: estate.server,
        name,
        ...(typeof t.title === 'string' ? { title: t.title } : {}),
        description: typeof t.description === 'string' ? t.description : '',
        inputSchema: (t.inputSchema ?? {}) as Record<string, unknown>,
        ...(t.outputSchema !== undefined ? { outputSchema: t.outputSchema as Record<string, unknown> } : {}),
        ...(t.annotations !== undefined ? { annotations: t.annotations as Record<string, unknown> } : {}),
      });
    }
  }
  return tools;
}

/** Wall and CPU (user + system) milliseconds of each of `runs` calls, after one warm-up call. */
function measure(runs: number, fn: () => unknown): { wall: number[]; cpu: number[] } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

/** "wall / cpu" medians: on a shared machine the CPU time is the steadier figure. */
const both = (m: { wall: number[]; cpu: number[] }, digits = 1): string => `${fmt(median(m.wall), digits)} / ${fmt(median(m.cpu), digits)}`;

function syntaxErrors(text: string): number {
  const out = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return out.diagnostics?.length ?? 0;
}

function typeErrors(text: string): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: [], skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (name, v, ...rest) => (name === '/estates.ts' ? ts.createSourceFile(name, text, v) : original(name, v, ...rest));
  host.fileExists = (name) => name === '/estates.ts' || ts.sys.fileExists(name);
  const program = ts.createProgram({ rootNames: ['/estates.ts'], options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
}

async function main(): Promise<void> {
  const dir = flag('estates', join(process.cwd(), '..', 'shared', 'estates'));
  const runs = Number(flag('runs', '5'));
  const tools = loadEstates(dir);
  const bindingTimes = measure(runs, () => bindingsFor(tools));
  const { bindings, collisions } = bindingsFor(tools);

  let thrown = 0;
  const perTool = tools.map((t) => {
    try {
      return declarationsFor([t], { bindings }).length;
    } catch {
      thrown++;
      return 0;
    }
  });
  let full = '';
  const fullTimes = measure(runs, () => (full = declarationsFor(tools, { bindings })));
  let names = '';
  const namesTimes = measure(runs, () => (names = declarationsFor(tools, { bindings, detail: 'names' })));

  let seed = 1;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const searches = Array.from({ length: SEARCH_SAMPLES }, () => Array.from({ length: SEARCH_HITS }, () => tools[next() % tools.length]!));
  const searchTimes = searches.map((hits) => measure(1, () => renderWithinBudget(hits, { bindings, budgetChars: SEARCH_BUDGET_CHARS })));
  const searchWall = searchTimes.flatMap((m) => m.wall);
  const searchCpu = searchTimes.flatMap((m) => m.cpu);

  const byId = new Map(bindings.map((b) => [b.toolId, b]));
  const charsPerNode = tools.map((t) => {
    const stats = { sizeCut: false, nodes: 0 };
    const text = toolDeclaration(t, byId.get(t.id)!, {}, limitsOf(), stats);
    return text.length / Math.max(1, stats.nodes);
  });
  const shown = searches.map((hits) => renderWithinBudget(hits, { bindings, budgetChars: SEARCH_BUDGET_CHARS }).full.length);

  const sample = Array.from({ length: TOKEN_SAMPLE }, () => tools[next() % tools.length]!);
  const sampleText = declarationsFor(sample, { bindings });
  const sampleTokens = encode(sampleText).length;
  const namesTokens = encode(names).length;

  const syntax = syntaxErrors(full);
  const check = process.argv.includes('--check');
  const t0 = performance.now();
  const semantic = check ? typeErrors(full) : [];
  const checkMs = performance.now() - t0;

  console.log(`# Declarations over the estates (${machine()}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
  console.log(table(['measure', 'value'], [
    ['tools', String(tools.length)],
    ['bound / name collisions', `${bindings.length} / ${collisions.length}`],
    ['thrown while rendering one tool at a time', String(thrown)],
    ['bindingsFor, all tools: wall / cpu ms (medians)', both(bindingTimes)],
    ['declarationsFor full, all tools: wall / cpu ms', both(fullTimes)],
    ['full output (chars)', full.length.toLocaleString('en')],
    ['per tool chars p50 / p95 / max', `${percentile(perTool, 50)} / ${percentile(perTool, 95)} / ${Math.max(...perTool)}`],
    ["declarationsFor 'names', all tools: wall / cpu ms", both(namesTimes)],
    ['chars per schema node, per tool p5 / p50', `${fmt(percentile(charsPerNode, 5), 1)} / ${fmt(percentile(charsPerNode, 50), 1)}`],
    ["'names' output (chars / o200k tokens)", `${names.length.toLocaleString('en')} / ${namesTokens.toLocaleString('en')}`],
    [`renderWithinBudget ${SEARCH_HITS} hits, ${SEARCH_BUDGET_CHARS} chars: wall p50 / p95 ms`, `${fmt(percentile(searchWall, 50), 3)} / ${fmt(percentile(searchWall, 95), 3)}`],
    ['  same, cpu p50 / p95 ms', `${fmt(percentile(searchCpu, 50), 3)} / ${fmt(percentile(searchCpu, 95), 3)}`],
    ['  declarations shown per response: p50 / min', `${percentile(shown, 50)} / ${Math.min(...shown)}`],
    [`chars per o200k token (${TOKEN_SAMPLE} random tools; constant ${CHARS_PER_TOKEN})`, fmt(sampleText.length / sampleTokens)],
    ['  names mode chars per token', fmt(names.length / namesTokens)],
    ['TypeScript syntax errors in the full output', String(syntax)],
    ...(check ? [['type errors in the full output (tsc)', String(semantic.length)], ['type-check time (ms)', fmt(checkMs, 0)]] : []),
  ]));
  for (const c of collisions.slice(0, 10)) console.log(`collision: ${c.message}`);
  for (const e of semantic.slice(0, 10)) console.log(`type error: ${e}`);
}

await main();
