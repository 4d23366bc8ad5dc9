/**
 * @module catalog/upstream-handle — what the Catalog needs from one upstream, whatever its kind: an MCP
 * server (catalog/upstream.ts) or an API described another way (e.g. an OpenAPI adapter).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ServerHealth, ToolRecord } from './types.js';

export interface CallOptions {
  /** Whole-call budget in ms, including waiting for a reconnect; defaults to the server's callTimeoutMs. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface UpstreamHandle {
  readonly id: string;
  readonly health: ServerHealth;
  /** Why it is unhealthy; cleared once it connects again. */
  readonly lastError: string | undefined;
  /** A problem with a working upstream (truncated or partly invalid listing). */
  readonly warning: string | undefined;
  readonly connectedAt: Date | undefined;
  /** The last good listing, kept while disconnected. */
  records(): readonly ToolRecord[];
  /** A child process id, for upstreams that have one. */
  pid(): number | undefined;
  /** Egress when the upstream knows more than its config (a spec's server URL); else config decides. */
  egress?(): string[];
  /** Resolves after the first attempt, whatever its outcome; failures retry in the background. */
  start(): Promise<void>;
  /** Re-lists now; resolves when the listing is applied. */
  refresh(): Promise<void>;
  /** Throws UpstreamError (TG_UPSTREAM_*) when no result came back; an isError result is returned. */
  callTool(name: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult>;
  /** Stops it for good and waits for any child process to exit. Idempotent. */
  close(): Promise<void>;
}
