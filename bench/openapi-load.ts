/**
 * @module bench/openapi-load — loads every OpenAPI spec under `--dir` (default ../shared/openapi, one
 * subfolder per API) with the OpenAPI adapter and prints tool counts and load times (medians).
 *
 *   npx tsc -p tsconfig.build.json && node --no-node-snapshot dist/bench/openapi-load.js [--dir D] [--runs N]
 *
 * "parse" is reading the file and JSON/YAML parsing (plus Swagger 2 conversion); "build" is turning the
 * document into tools (refs resolved, schemas capped); "total" is loadApi end to end, as the gateway does it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadApi } from '../catalog/openapi/load-api.js';
import { loadSpec } from '../catalog/openapi/load-spec.js';
import { buildTools } from '../catalog/openapi/tools.js';
import { flag, fmt, machine, median, table, timeRuns } from './support.js';

const DEFAULT_DIR = '../shared/openapi';
const DEFAULT_RUNS = 5; // each run loads a multi-MB spec; five keep the whole bench under a minute
const SPEC_FILE = /\.(json|ya?ml)$/i;

function specFiles(dir: string): Array<{ api: string; file: string }> {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => SPEC_FILE.test(f)).map((f) => ({ api: d.name, file: join(dir, d.name, f) })))
    .sort((a, b) => a.api.localeCompare(b.api));
}

async function main(): Promise<void> {
  const dir = resolve(flag('dir', DEFAULT_DIR));
  const runs = Number(flag('runs', String(DEFAULT_RUNS)));
  if (!existsSync(dir)) {
    console.log(`no spec folder at ${dir} (pass --dir)`);
    return;
  }
  console.log(`OpenAPI adapter load — ${machine()} — ${runs} runs, medians\n`);
  const rows: string[][] = [];
  for (const { api, file } of specFiles(dir)) {
    try {
      const { doc, sourceVersion } = await loadSpec(file);
      const tools = buildTools(doc);
      const parse = await timeRuns(runs, () => loadSpec(file), 1);
      const build = await timeRuns(runs, () => buildTools(doc), 1);
      const total = await timeRuns(runs, () => loadApi({ spec: file, headers: {} }), 1);
      const chars = tools.reduce((sum, t) => sum + JSON.stringify(t.tool).length, 0);
      const largest = Math.max(...tools.map((t) => JSON.stringify(t.tool).length));
      const mb = statSync(file).size / 2 ** 20;
      rows.push([api, sourceVersion, mb.toFixed(2), String(tools.length), fmt(median(parse), 0), fmt(median(build), 0), fmt(median(total), 0), (chars / 1024).toFixed(0), (largest / 1024).toFixed(1)]);
    } catch (error) {
      rows.push([api, 'error', '', '', '', '', '', '', (error as Error).message]);
    }
  }
  console.log(table(['api', 'spec', 'MB', 'tools', 'parse ms', 'build ms', 'total ms', 'tools KiB', 'largest KiB'], rows));
}

await main();
