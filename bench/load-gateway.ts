/**
 * @module bench/load-gateway — the gateway under load, in its own process (forked by bench/load.ts), so its
 * resident memory and event loop are its own and not the client pool's. It serves Streamable HTTP on
 * 127.0.0.1:0 in front of cheap in-process-light upstreams (the echo fixture, twice), and answers the parent
 * over IPC: `{ url }` once ready, `{ rss, heapUsed, cpuMicros }` on each `memory` request; `stop` ends it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { parseConfig } from '../src/config/load.js';
import { startHttp } from '../src/http/serve-http.js';
import { createRuntime } from '../src/runtime.js';

export type ToParent = { readonly url: string } | { readonly rss: number; readonly heapUsed: number; readonly cpuMicros: number } | { readonly error: string };
export type ToGateway = 'memory' | 'stop';

const ECHO = fileURLToPath(new URL('../../test/fixtures/servers/echo.mjs', import.meta.url));

const send = (message: ToParent): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'toolgate-load-'));
  const server = (id: string) => ({ id, transport: 'stdio', command: process.execPath, args: [ECHO, '--name', id] });
  const config = parseConfig(
    { dataDir: dir, listen: { host: '127.0.0.1', port: 0 }, embedder: { kind: 'builtin' }, servers: [server('echo'), server('mirror')] },
    'load bench config',
  );
  const runtime = await createRuntime(config, { logger: pino({ level: 'silent' }) });
  await runtime.gateway.start();
  const http = await startHttp(runtime, { port: 0 });
  process.on('message', (message: ToGateway) => {
    if (message === 'memory') {
      const { rss, heapUsed } = process.memoryUsage();
      const cpu = process.cpuUsage();
      send({ rss, heapUsed, cpuMicros: cpu.user + cpu.system });
    } else if (message === 'stop') {
      void http.close().then(() => runtime.close()).finally(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  send({ url: http.url });
}

main().catch((error: unknown) => {
  send({ error: error instanceof Error ? error.stack ?? error.message : String(error) });
  process.exit(1);
});
