/**
 * @module bench/front-door — issue 2's figures: start-to-ready on the demo catalog, search_tools p50 on it,
 * execute_code p50 for one server-memory call end to end (SDK client over Streamable HTTP), and the size
 * of the two tool definitions plus instructions in o200k tokens.
 * Run: npm run build && node --no-node-snapshot dist/bench/front-door.js [--runs 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import pino from 'pino';
import { demoConfig } from '../src/config/demo.js';
import { startHttp } from '../src/http/serve-http.js';
import { INSTRUCTIONS, TOOL_DEFINITIONS } from '../src/mcp/definitions.js';
import { createRuntime } from '../src/runtime.js';
import { flag, fmt, machine, median, percentile, table, timeRuns } from './support.js';

const runs = Number(flag('runs', '200'));
const dir = mkdtempSync(join(tmpdir(), 'toolgate-bench-'));
try {
  const t0 = performance.now();
  const runtime = await createRuntime(demoConfig(dir), { logger: pino({ level: 'silent' }) });
  await runtime.gateway.start();
  const http = await startHttp(runtime, { port: 0 });
  const readyMs = performance.now() - t0;

  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
  const search = await timeRuns(runs, () => client.callTool({ name: 'search_tools', arguments: { query: 'create entities in the knowledge graph' } }));
  const execute = await timeRuns(runs, () => client.callTool({ name: 'execute_code', arguments: { code: 'return (await memory.read_graph({}) as any).entities.length;' } }));
  const definitionTokens = encode(JSON.stringify({ tools: TOOL_DEFINITIONS })).length + encode(INSTRUCTIONS).length;

  console.log(`front door — ${machine()}\n`);
  console.log(
    table(
      ['figure', 'value'],
      [
        ['start-to-ready, demo catalog (ms)', fmt(readyMs, 0)],
        [`search_tools p50 / p95 (ms, ${runs} runs)`, `${fmt(median(search))} / ${fmt(percentile(search, 95))}`],
        [`execute_code, one memory call, p50 / p95 (ms, ${runs} runs)`, `${fmt(median(execute))} / ${fmt(percentile(execute, 95))}`],
        ['tool definitions + instructions (o200k tokens)', String(definitionTokens)],
      ],
    ),
  );
  await client.close();
  await http.close();
  await runtime.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
