/**
 * @module bench/load — an HTTP load run against `/mcp` (issue 6): N concurrent sessions, each a real SDK
 * client over Streamable HTTP, doing `search_tools` then `execute_code` in a loop for a bounded duration.
 * The gateway runs in a forked process (bench/load-gateway.ts) on 127.0.0.1 only, so its resident memory is
 * measured alone. Reports requests/s, p50/p99 per tool, errors (goal: 0) and the gateway's RSS before/after.
 *
 *   npm run build && node --no-node-snapshot dist/bench/load.js [--sessions 8] [--seconds 60] [--json out.json]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToGateway, ToParent } from './load-gateway.js';
import { loadTable, type LoadResult, type ToolLatency } from './load-report.js';
import { flag, machine, median, percentile } from './support.js';

/** Bounds of the run, whatever the flags say. */
const MAX_SECONDS = 600; // s
const MAX_SESSIONS = 64; // concurrent clients
const GATEWAY_START_TIMEOUT_MS = 60_000; // ms for the forked gateway to list its upstreams and listen
const MB = 2 ** 20;

/** What each session asks, in turn: a search, then code that calls two upstream tools. */
const SEARCHES = ['echo some text', 'add two numbers', 'describe a user'];
const CODE = `const sum = await echo.add({ a: 2, b: 3 });
const said = await mirror.echo({ text: "load " + JSON.stringify(sum) });
return { sum, said };`;

function startGateway(): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(new URL('./load-gateway.js', import.meta.url)), [], { execArgv: ['--no-node-snapshot'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the gateway did not start within ${GATEWAY_START_TIMEOUT_MS} ms`));
    }, GATEWAY_START_TIMEOUT_MS);
    child.once('message', (message: ToParent) => {
      clearTimeout(timer);
      if ('url' in message) resolve({ child, url: message.url });
      else reject(new Error(`the gateway failed to start: ${'error' in message ? message.error : JSON.stringify(message)}`));
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code} before it was ready`)));
  });
}

/** The gateway's resident set (MiB) and CPU time so far (ms). */
function usageOf(child: ChildProcess): Promise<{ rss: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    child.once('message', (message: ToParent) =>
      'rss' in message ? resolve({ rss: message.rss / MB, cpuMs: message.cpuMicros / 1000 }) : reject(new Error(JSON.stringify(message))),
    );
    child.send('memory' satisfies ToGateway);
  });
}

function failure(result: CallToolResult): string | undefined {
  if (!result.isError) return undefined;
  return result.content.map((c) => (c.type === 'text' ? c.text : c.type)).join(' ').slice(0, 300);
}

export async function runLoad(sessions: number, seconds: number): Promise<LoadResult> {
  const { child, url } = await startGateway();
  try {
    const clients = await Promise.all(
      Array.from({ length: sessions }, async () => {
        const client = new Client({ name: 'toolgate-load', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(url)));
        return client;
      }),
    );
    // One untimed round per session warms the sandbox and the index before memory is read.
    await Promise.all(clients.map((c) => c.callTool({ name: 'execute_code', arguments: { code: CODE } })));
    const before = await usageOf(child);
    const rssBeforeMiB = before.rss;
    let rssPeakMiB = rssBeforeMiB;
    const search: number[] = [];
    const execute: number[] = [];
    const errors: string[] = [];
    const timed = async (latencies: number[], call: () => Promise<unknown>): Promise<void> => {
      const t0 = performance.now();
      try {
        const problem = failure((await call()) as CallToolResult);
        if (problem) errors.push(problem);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
      latencies.push(performance.now() - t0);
    };
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const sampler = setInterval(() => void usageOf(child).then((u) => (rssPeakMiB = Math.max(rssPeakMiB, u.rss)), () => {}), 1_000);
    await Promise.all(
      clients.map(async (client, s) => {
        for (let i = s; performance.now() < deadline; i++) {
          await timed(search, () => client.callTool({ name: 'search_tools', arguments: { query: SEARCHES[i % SEARCHES.length]! } }));
          await timed(execute, () => client.callTool({ name: 'execute_code', arguments: { code: CODE } }));
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = await usageOf(child);
    const rssAfterMiB = after.rss;
    await Promise.allSettled(clients.map((c) => c.close()));
    const requests = search.length + execute.length;
    const latency = (l: number[]): ToolLatency => ({ calls: l.length, p50: median(l), p99: percentile(l, 99) });
    return {
      machine: machine(),
      sessions,
      seconds: elapsed,
      requests,
      requestsPerSecond: requests / elapsed,
      search: latency(search),
      execute: latency(execute),
      errors: errors.length,
      firstErrors: [...new Set(errors)].slice(0, 5),
      rssBeforeMiB,
      rssAfterMiB,
      rssPeakMiB: Math.max(rssPeakMiB, rssAfterMiB),
      gatewayCpuMsPerRequest: (after.cpuMs - before.cpuMs) / requests,
    };
  } finally {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (child.connected) child.send('stop' satisfies ToGateway);
      else child.kill();
    });
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const sessions = Math.min(MAX_SESSIONS, Math.max(1, Number(flag('sessions', '8'))));
  const seconds = Math.min(MAX_SECONDS, Math.max(1, Number(flag('seconds', '60'))));
  const result = await runLoad(sessions, seconds);
  const json = flag('json', '');
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
  console.log(`# Load: ${sessions} sessions against /mcp for ${seconds} s (${result.machine})\n`);
  console.log(loadTable(result));
  if (result.errors > 0) process.exitCode = 1;
}
