/**
 * @module src/cli/serve — `toolgate serve`: Streamable HTTP (default) or stdio, with graceful shutdown on
 * SIGTERM/SIGINT that closes sessions and stops every upstream child process.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadConfigFile } from '../config/load.js';
import { ToolgateError } from '../errors.js';
import { startHttp } from '../http/serve-http.js';
import { createMcpServer } from '../mcp/server.js';
import { LOCAL_CONSUMER } from '../policy/compile.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { connectHelp } from './connect-help.js';
import { parse, resolveConfig, UsageError } from './shared.js';

export async function runServe(args: string[]): Promise<number> {
  const { values } = parse(args, { stdio: { type: 'boolean' }, host: { type: 'string' }, port: { type: 'string' } });
  const { config, path } = resolveConfig(values);
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) throw new UsageError(`--port: expected 0-65535, got ${values.port}`);
  if (values.stdio && config.consumers.length > 0 && config.stdioConsumer === undefined) {
    throw new ToolgateError('TG_CONFIG_INVALID', 'stdioConsumer: required when consumers are configured and serving over stdio (name the consumer stdio runs as)');
  }
  const started = performance.now();
  const runtime = await createRuntime(config);
  runtime.logger.info({ config: path ?? 'built-in demo catalog' }, 'starting');
  await runtime.gateway.start();
  const readyMs = Math.round(performance.now() - started);
  return values.stdio ? serveStdio(runtime, readyMs) : serveHttp(runtime, readyMs, { ...(values.host ? { host: values.host } : {}), ...(port === undefined ? {} : { port }) }, path);
}

async function serveStdio(runtime: Runtime, readyMs: number): Promise<number> {
  const consumer = runtime.config.stdioConsumer ?? LOCAL_CONSUMER;
  const server = createMcpServer(runtime.gateway, () => ({ consumer, transport: 'stdio' }));
  const transport = new StdioServerTransport();
  await server.connect(transport);
  runtime.logger.info({ consumer, readyMs }, 'serving MCP over stdio');
  await untilShutdown(runtime, async () => server.close(), () => process.stdin.once('end', () => process.emit('SIGTERM')));
  return 0;
}

async function serveHttp(runtime: Runtime, readyMs: number, overrides: { host?: string; port?: number }, path: string | undefined): Promise<number> {
  const http = await startHttp(runtime, { ...overrides, ...(path === undefined ? {} : { configPath: path }) });
  if (path !== undefined) process.on('SIGHUP', () => void reloadFrom(runtime, path));
  runtime.logger.info({ url: http.url, readyMs }, 'serving MCP over Streamable HTTP');
  process.stdout.write(connectHelp(http.url, path, runtime.config.dataDir, runtime.config.consumers.length > 0));
  await untilShutdown(runtime, () => http.close());
  return 0;
}

/** SIGHUP: re-read the config file; a bad one is logged and the running config kept. */
async function reloadFrom(runtime: Runtime, path: string): Promise<void> {
  try {
    const loaded = loadConfigFile(path);
    if (loaded) await runtime.reload(loaded.config);
  } catch (error) {
    runtime.logger.error({ err: error }, 'config reload rejected; the running config was kept');
    runtime.audit.event({ kind: 'config-reload-rejected', reason: error instanceof Error ? error.message : String(error) });
  }
}

/** Waits for SIGTERM or SIGINT, then closes the front door, then the runtime (upstream children included). */
function untilShutdown(runtime: Runtime, closeFrontDoor: () => Promise<void>, arm?: () => void): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      runtime.logger.info({ signal }, 'shutting down');
      void closeFrontDoor()
        .catch((error: unknown) => runtime.logger.error({ err: error }, 'closing the front door failed'))
        .then(() => runtime.close())
        .finally(() => resolve());
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    arm?.();
  });
}
