/**
 * @module test/support/gateway — starts a real gateway (runtime + Streamable HTTP on 127.0.0.1:0) for a
 * test, and connects the real SDK client to it. Everything is torn down by `stop()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import pino from 'pino';
import { parseConfig } from '../../src/config/load.js';
import { demoConfig } from '../../src/config/demo.js';
import type { Config } from '../../src/config/schema.js';
import { startHttp, type HttpServer } from '../../src/http/serve-http.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';

export const FIXTURE_SERVERS = fileURLToPath(new URL('../fixtures/servers/', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function tempDir(prefix = 'toolgate-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A stdio fixture server entry for a config. */
export function fixtureServer(id: string, file: string, args: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, transport: 'stdio', command: process.execPath, args: [join(FIXTURE_SERVERS, file), ...args], ...extra };
}

export interface TestGateway {
  readonly runtime: Runtime;
  readonly http: HttpServer;
  readonly dataDir: string;
  /** The gateway's log output so far. */
  logs(): string;
  connect(headers?: Record<string, string>): Promise<Client>;
  stop(): Promise<void>;
}

/** Everything the gateway logs during a test, at debug level, kept in memory (tests grep it). */
function memoryLogger(): { logger: pino.Logger; text: () => string } {
  const chunks: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (chunk: string) => void chunks.push(chunk) });
  return { logger, text: () => chunks.join('') };
}

export async function startGateway(raw: Record<string, unknown> | 'demo'): Promise<TestGateway> {
  const dir = tempDir();
  const config: Config = raw === 'demo' ? demoConfig(dir.path) : parseConfig({ dataDir: dir.path, ...raw }, 'test config');
  const logs = memoryLogger();
  const runtime = await createRuntime(config, { logger: logs.logger });
  await runtime.gateway.start();
  const http = await startHttp(runtime, { port: 0 });
  const clients: Client[] = [];
  return {
    runtime,
    http,
    dataDir: dir.path,
    logs: logs.text,
    async connect(headers = {}) {
      const client = new Client({ name: 'toolgate-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(http.url), { requestInit: { headers } }));
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.allSettled(clients.map((c) => c.close()));
      await http.close();
      await runtime.close();
      dir.remove();
    },
  };
}

/** The text of a tool result (all text parts joined). */
export function textOf(result: unknown): string {
  const content = (result as CallToolResult).content ?? [];
  return content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

/** Runs code through execute_code and returns the result. */
export async function run(client: Client, code: string): Promise<CallToolResult> {
  return (await client.callTool({ name: 'execute_code', arguments: { code } })) as CallToolResult;
}

/** A raw MCP `initialize` request body, for tests that speak HTTP without the SDK client. */
export const MCP_INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

/** The headers a Streamable HTTP POST needs. */
export const MCP_POST_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** Polls `probe` every 200 ms until it returns a value, at most `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
