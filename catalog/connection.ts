/**
 * @module catalog/connection — one live MCP session with an upstream: open it (transport, handshake, all
 * within a deadline), watch it (list_changed, close, and for HTTP upstreams a periodic ping, since a remote
 * server that vanished while idle never closes our side), and end it (session DELETE, child exit).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { createUpstreamTransport, type UpstreamTransport } from './connect.js';
import type { ServerConfig } from './server-config.js';
import { waitForExit } from './wait-exit.js';

export const CLIENT_INFO = { name: 'toolgate', version: '0.1.0' } as const;

/** How often an idle HTTP/SSE upstream is pinged, ms. */
export const PING_INTERVAL_MS = 15_000;
/** A ping unanswered for this long (ms) marks the upstream down. */
export const PING_TIMEOUT_MS = 5_000;
/** Longest wait (ms) for a Streamable HTTP session DELETE on close: politeness must not hold shutdown up. */
const SESSION_DELETE_TIMEOUT_MS = 1_000;

export interface ConnectionEvents {
  /** The server announced notifications/tools/list_changed. */
  readonly onToolsChanged: () => void;
  /** The session ended by itself (child exited, transport closed, ping failed). */
  readonly onLost: (reason: string) => void;
}

export interface Connection {
  readonly generation: number;
  readonly client: Client;
  readonly handle: UpstreamTransport;
  /** Stops the ping timer and detaches handlers; `teardown` calls it. */
  readonly unwatch: () => void;
}

export interface Opening {
  /** Available at once (before the handshake), so a caller can tear it down on timeout or close. */
  readonly connection: Connection;
  /** Resolves when the handshake is done. */
  readonly ready: Promise<void>;
}

/** Starts a session; `ready` rejects if the transport fails or the handshake misses `timeoutMs`. */
export interface OpenOptions {
  readonly generation: number;
  /** Handshake deadline, ms. */
  readonly timeoutMs: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly pingIntervalMs?: number;
}

export function openConnection(config: ServerConfig, options: OpenOptions, events: ConnectionEvents): Opening {
  const { generation, timeoutMs } = options;
  const handle = createUpstreamTransport(config, options.env);
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  let pinger: NodeJS.Timeout | undefined;
  const unwatch = (): void => {
    clearInterval(pinger);
    client.onclose = undefined;
  };
  const connection: Connection = { generation, client, handle, unwatch };
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => events.onToolsChanged());
  client.onclose = () => events.onLost('the connection closed (the server may have crashed)');
  const ready = withTimeout(client.connect(handle.transport, { timeout: timeoutMs }), timeoutMs, `did not finish the MCP handshake within ${timeoutMs} ms`).then(() => {
    if (config.transport === 'stdio') return; // a dead child closes the pipe; no polling needed
    pinger = setInterval(() => {
      client.ping({ timeout: PING_TIMEOUT_MS }).catch((error: unknown) => events.onLost(`ping failed: ${error instanceof Error ? error.message : String(error)}`));
    }, options.pingIntervalMs ?? PING_INTERVAL_MS);
    pinger.unref();
  });
  return { connection, ready };
}

/** Ends the session: DELETE for Streamable HTTP (bounded), close the transport, wait for a child to exit. */
export async function teardown(connection: Connection, polite: boolean): Promise<void> {
  connection.unwatch();
  const pid = connection.handle.pid();
  if (polite) await withTimeout(connection.handle.farewell(), SESSION_DELETE_TIMEOUT_MS, 'session DELETE timed out').catch(() => undefined);
  await connection.client.close().catch(() => undefined);
  if (pid !== undefined) await waitForExit(pid);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
