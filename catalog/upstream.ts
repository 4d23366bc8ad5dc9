/**
 * @module catalog/upstream — one upstream MCP server: connect, list, call, watch for changes, reconnect.
 *
 * Life of a connection: `connecting` → `healthy` (listed) → on crash or close `unhealthy` → retry after an
 * exponential backoff → `connecting` … until `close()` makes it `stopped`. Every attempt has a generation
 * number, so events from a connection that was already replaced are ignored. The last good tool list is
 * kept while disconnected, so a reconnect that lists the same tools produces an empty diff.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_BACKOFF } from './backoff.js';
import { toUpstreamError } from './call-errors.js';
import { ChangeWaiter } from './change-waiter.js';
import { openConnection, teardown, type Connection } from './connection.js';
import { diffRecords, isEmptyDiff } from './diff.js';
import { UpstreamError } from './errors.js';
import { LaxCallToolResultSchema, normaliseCallResult } from './lax-result.js';
import { listAllTools } from './list-tools.js';
import { RetrySchedule } from './retry-schedule.js';
import type { ServerConfig } from './server-config.js';
import { toToolRecord } from './tool-record.js';
import type { BackoffPolicy } from './backoff.js';
import type { CatalogDiff, ServerHealth, ToolRecord } from './types.js';
import type { CallOptions, UpstreamHandle } from './upstream-handle.js';

/** Characters of a child's stderr quoted in `lastError`. */
const LAST_ERROR_STDERR_CHARS = 500;
/**
 * Longest a call waits (ms) for a connecting or soon-reconnecting upstream before it fails with
 * TG_UPSTREAM_UNAVAILABLE: long enough to ride out a crashed child's restart, short enough that a dead
 * server does not eat a whole execution's wall-clock budget.
 */
export const MAX_RECONNECT_WAIT_MS = 5_000;

export interface UpstreamOptions {
  readonly backoff?: BackoffPolicy;
  /** Environment that `env:` secret references resolve against. */
  readonly env?: NodeJS.ProcessEnv;
  readonly maxListPages?: number;
  /** How often idle HTTP/SSE upstreams are pinged, ms (default PING_INTERVAL_MS). */
  readonly pingIntervalMs?: number;
  /** A listing changed this server's tools (the first listing: everything added). */
  readonly onDiff?: (diff: CatalogDiff) => void;
  readonly onHealth?: (health: ServerHealth) => void;
  /** Tools from an earlier connection of this server (config reload): the first listing is diffed against them. */
  readonly previous?: readonly ToolRecord[];
}

export type { CallOptions } from './upstream-handle.js';

export class Upstream implements UpstreamHandle {
  health: ServerHealth = 'stopped';
  lastError: string | undefined;
  /** Something to know about a working server (a truncated or partly invalid listing). */
  warning: string | undefined;
  connectedAt: Date | undefined;
  private tools: readonly ToolRecord[] = [];
  private connection: Connection | undefined;
  private generation = 0;
  private stopped = false;
  private connecting: Promise<void> | undefined;
  private relisting: Promise<void> | undefined;
  private relistAgain = false;
  private relistPending = false;
  private readonly healthChanges = new ChangeWaiter();
  private readonly teardowns = new Set<Promise<void>>();
  private readonly retries: RetrySchedule;

  constructor(
    readonly config: ServerConfig,
    private readonly options: UpstreamOptions = {},
  ) {
    this.retries = new RetrySchedule(options.backoff ?? DEFAULT_BACKOFF);
    this.tools = options.previous ?? [];
  }

  get id(): string {
    return this.config.id;
  }

  /** The last good listing (kept while disconnected). */
  records(): readonly ToolRecord[] {
    return this.tools;
  }

  /** The stdio child's pid while connected. */
  pid(): number | undefined {
    return this.connection?.handle.pid();
  }

  /** Resolves after the first attempt, whatever its outcome; a failure keeps retrying in the background. */
  start(): Promise<void> {
    if (this.health === 'healthy') return Promise.resolve();
    this.stopped = false;
    return this.connectNow();
  }

  /** Re-lists now (admin re-index), or, when disconnected, retries at once instead of waiting out the backoff. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    const connection = this.connection;
    if (connection === undefined || this.health !== 'healthy') return this.connectNow();
    this.relist(connection.generation);
    await this.relisting;
  }

  async callTool(name: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<CallToolResult> {
    const deadline = Date.now() + (options.timeoutMs ?? this.config.callTimeoutMs);
    const what = `${this.id}.${name}`;
    const connection = await this.ready(deadline, what, options.signal);
    // The SDK never removes the abort listener it adds, so it gets a per-call signal, not the caller's
    // (one execution's signal is shared by all its calls and would collect a listener per call).
    const perCall = new AbortController();
    const forward = (): void => perCall.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', forward, { once: true });
    try {
      const timeout = Math.max(1, deadline - Date.now());
      const request = { name, arguments: args };
      const requestOptions = { timeout, maxTotalTimeout: timeout, signal: perCall.signal };
      const raw = await connection.client.request({ method: 'tools/call', params: request }, LaxCallToolResultSchema, requestOptions);
      return normaliseCallResult(raw);
    } catch (error) {
      const coded = toUpstreamError(error, this.id, what, perCall.signal);
      // An HTTP upstream that vanished may never close its transport: treat "unreachable" as a crash.
      if (coded.code === 'TG_UPSTREAM_UNAVAILABLE') this.lost(connection.generation, coded.message);
      throw coded;
    } finally {
      options.signal?.removeEventListener('abort', forward);
    }
  }

  /** Stops retrying, closes the connection and waits for a stdio child to exit. Idempotent. */
  async close(): Promise<void> {
    this.stopped = true;
    this.generation++;
    this.retries.cancel();
    const connection = this.connection;
    this.connection = undefined;
    if (connection !== undefined) await teardown(connection, this.health === 'healthy');
    // Connections lost earlier may still be shutting down; close() promises no child outlives it.
    await Promise.all(this.teardowns);
    this.setHealth('stopped');
  }

  private track(ending: Promise<void>): void {
    this.teardowns.add(ending);
    void ending.finally(() => this.teardowns.delete(ending));
  }

  private connectNow(): Promise<void> {
    this.retries.cancel();
    return this.connect();
  }

  private connect(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.connecting ??= this.attempt().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async attempt(): Promise<void> {
    const generation = ++this.generation;
    this.setHealth('connecting');
    let connection: Connection | undefined;
    try {
      const timeoutMs = this.config.connectTimeoutMs;
      const deadline = Date.now() + timeoutMs;
      const { env, pingIntervalMs } = this.options;
      const opening = openConnection(this.config, { generation, timeoutMs, ...(env && { env }), ...(pingIntervalMs && { pingIntervalMs }) }, {
        onToolsChanged: () => this.relist(generation),
        onLost: (reason) => this.lost(generation, reason),
      });
      connection = opening.connection;
      this.connection = connection;
      await opening.ready;
      const listing = await listAllTools(connection.client, Math.max(1, deadline - Date.now()), this.options.maxListPages);
      if (generation !== this.generation) return;
      this.connectedAt = new Date();
      this.lastError = undefined;
      this.warning = listing.warning;
      this.apply(listing.tools.map((tool) => toToolRecord(this.id, tool)));
      this.setHealth('healthy');
      // A list_changed that arrived during the first listing is honoured now, against the applied list.
      if (this.relistPending) this.relist(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      const tail = connection?.handle.stderrTail() ?? '';
      this.connection = undefined;
      if (connection !== undefined) await teardown(connection, false);
      if (generation !== this.generation) return;
      this.retries.failed();
      this.lastError = describe(error) + (tail === '' ? '' : ` (stderr: ${tail.slice(-LAST_ERROR_STDERR_CHARS)})`);
      this.setHealth('unhealthy');
      this.scheduleRetry();
    }
  }

  /** The connection `generation` died: mark unhealthy, clean up, and schedule a reconnect. */
  private lost(generation: number, reason: string): void {
    if (generation !== this.generation || this.stopped || this.health !== 'healthy') return;
    const connection = this.connection;
    const tail = connection?.handle.stderrTail() ?? '';
    this.connection = undefined;
    this.generation++;
    this.retries.failed(Date.now() - (this.connectedAt?.getTime() ?? 0));
    this.lastError = reason + (tail === '' ? '' : ` (stderr: ${tail.slice(-LAST_ERROR_STDERR_CHARS)})`);
    this.setHealth('unhealthy');
    if (connection !== undefined) this.track(teardown(connection, false));
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.stopped) this.retries.schedule(() => void this.connect());
  }

  /** Re-lists after list_changed; one listing at a time, and one more if another change came in meanwhile. */
  private relist(generation: number): void {
    this.relistPending = this.health !== 'healthy';
    if (this.relistPending) return;
    if (this.relisting !== undefined) {
      this.relistAgain = true;
      return;
    }
    this.relisting = (async () => {
      do {
        this.relistAgain = false;
        const connection = this.connection;
        if (connection === undefined || connection.generation !== generation) return;
        try {
          const listing = await listAllTools(connection.client, this.config.connectTimeoutMs, this.options.maxListPages);
          if (connection.generation !== this.generation) return;
          this.warning = listing.warning;
          this.apply(listing.tools.map((tool) => toToolRecord(this.id, tool)));
        } catch (error) {
          // A failed re-list keeps the previous tools; a dead connection is handled by `lost`.
          if (connection.generation === this.generation) this.warning = `re-listing tools failed: ${describe(error)}`;
          return;
        }
      } while (this.relistAgain);
    })().finally(() => (this.relisting = undefined));
  }

  private apply(records: ToolRecord[]): void {
    const diff = diffRecords(this.id, this.tools, records);
    this.tools = records;
    if (!isEmptyDiff(diff)) this.options.onDiff?.(diff);
  }

  /** Waits (bounded) for a usable connection: through `connecting`, and through a retry that is due in time. */
  private async ready(callDeadline: number, what: string, signal: AbortSignal | undefined): Promise<Connection> {
    const deadline = Math.min(callDeadline, Date.now() + MAX_RECONNECT_WAIT_MS);
    for (;;) {
      if (signal?.aborted === true) throw toUpstreamError(signal.reason, this.id, what, signal);
      const connection = this.connection;
      if (this.health === 'healthy' && connection !== undefined) return connection;
      const retryInTime = this.health === 'unhealthy' && this.retries.dueBefore(deadline);
      if (this.stopped || (this.health !== 'connecting' && !retryInTime)) {
        const why = this.stopped ? 'the catalog is stopped' : (this.lastError ?? 'not connected');
        throw new UpstreamError('TG_UPSTREAM_UNAVAILABLE', `${what} failed: ${this.id} is unavailable (${why}).`, this.id);
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new UpstreamError('TG_UPSTREAM_UNAVAILABLE', `${what} failed: ${this.id} is still ${this.health === 'connecting' ? 'connecting' : 'reconnecting'}.`, this.id);
      await this.healthChanges.wait(remaining, signal);
    }
  }

  private setHealth(health: ServerHealth): void {
    if (health === this.health) return;
    this.health = health;
    this.healthChanges.notify();
    this.options.onHealth?.(health);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
