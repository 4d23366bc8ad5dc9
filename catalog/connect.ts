/**
 * @module catalog/connect — builds the SDK client transport for one upstream server from its config.
 *
 * Secret references (`env:`, `file:`) in child env and HTTP headers are resolved here, at connect time,
 * so a rotated secret is picked up on reconnect. Resolved values stay inside the transport: they are
 * never logged, and they are masked in the stderr tail kept for diagnostics.
 */
import type { Readable } from 'node:stream';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { resolveSecrets, secretValues } from './secrets.js';
import type { ServerConfig } from './server-config.js';

/** Characters of a child's stderr kept for error messages; older output is dropped so a chatty child never fills memory. */
export const STDERR_TAIL_CHARS = 4_096;

/** Shortest resolved secret we mask in stderr; masking shorter strings would shred ordinary output. */
const MIN_MASKED_SECRET_CHARS = 4;

export interface UpstreamTransport {
  readonly transport: Transport;
  /** The child's pid for stdio upstreams once started. */
  pid(): number | undefined;
  /** The last few KB the child wrote to stderr, secrets masked ('' for HTTP upstreams). */
  stderrTail(): string;
  /** Ends the server-side session where the protocol has one (Streamable HTTP DELETE); else nothing. */
  farewell(): Promise<void>;
}

/** Creates (but does not start) the transport; throws SecretError when a referenced secret is missing. */
export function createUpstreamTransport(config: ServerConfig, env: NodeJS.ProcessEnv = process.env): UpstreamTransport {
  if (config.transport === 'stdio') return stdioTransport(config, env);
  if (config.transport === 'openapi') throw new Error(`${config.id} is an OpenAPI server: OpenApiUpstream serves it, not an MCP transport`);
  const headers = resolveSecrets(config.headers, env);
  const requestInit: RequestInit = { headers };
  const url = new URL(config.url);
  if (config.transport === 'sse') {
    return { transport: new SSEClientTransport(url, { requestInit }), pid: () => undefined, stderrTail: () => '', farewell: async () => undefined };
  }
  const transport = new StreamableHTTPClientTransport(url, { requestInit });
  const farewell = async (): Promise<void> => {
    if (transport.sessionId !== undefined) await transport.terminateSession();
  };
  return { transport, pid: () => undefined, stderrTail: () => '', farewell };
}

function stdioTransport(config: Extract<ServerConfig, { transport: 'stdio' }>, env: NodeJS.ProcessEnv): UpstreamTransport {
  const extra = resolveSecrets(config.env, env);
  const secrets = secretValues(config.env, env).filter((value) => value.length >= MIN_MASKED_SECRET_CHARS);
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args,
    // PATH, HOME and the like come from the SDK's safe default set; the rest of our env is not leaked.
    env: { ...getDefaultEnvironment(), ...extra },
    stderr: 'pipe',
    ...(config.cwd !== undefined && { cwd: config.cwd }),
  });
  let tail = '';
  // Reading stderr continuously keeps the pipe drained, so a child that logs a lot never blocks on write.
  (transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  });
  return {
    transport,
    pid: () => transport.pid ?? undefined,
    stderrTail: () => secrets.reduce((text, secret) => text.split(secret).join('[secret]'), tail).trim(),
    farewell: async () => undefined,
  };
}
