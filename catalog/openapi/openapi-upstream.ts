/**
 * @module catalog/openapi/openapi-upstream — an OpenAPI API as a catalog upstream: the same public
 * surface as catalog/upstream.ts's `Upstream` (start, refresh, callTool, close, records, health events),
 * so the Catalog can hold either.
 *
 * "Connecting" is loading the spec and building one tool per operation; a failed load is `unhealthy` and
 * retried with the usual backoff (a spec URL may be down). HTTP is stateless, so a failed call does not
 * change health. Credentials in `headers` are resolved at each call (a rotated secret is used at once),
 * sent only on the wire, and masked in anything returned or thrown.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_BACKOFF } from '../backoff.js';
import { diffRecords, isEmptyDiff } from '../diff.js';
import { UpstreamError } from '../errors.js';
import { RetrySchedule } from '../retry-schedule.js';
import { toToolRecord } from '../tool-record.js';
import type { ServerHealth, ToolRecord } from '../types.js';
import type { UpstreamOptions } from '../upstream.js';
import type { CallOptions, UpstreamHandle } from '../upstream-handle.js';
import { openApiEgress, type OpenApiServerConfig } from './config.js';
import { callOperation } from './call-operation.js';
import { loadApi, type LoadedApi } from './load-api.js';

export class OpenApiUpstream implements UpstreamHandle {
  health: ServerHealth = 'stopped';
  lastError: string | undefined;
  warning: string | undefined;
  connectedAt: Date | undefined;
  private api: LoadedApi | undefined;
  private tools: readonly ToolRecord[] = [];
  private loading: Promise<void> | undefined;
  private stopped = true;
  private readonly retries: RetrySchedule;

  constructor(
    readonly config: OpenApiServerConfig,
    private readonly options: UpstreamOptions = {},
  ) {
    this.retries = new RetrySchedule(options.backoff ?? DEFAULT_BACKOFF);
    // Config reload: the first load is diffed against the tools the replaced server had.
    this.tools = options.previous ?? [];
  }

  get id(): string {
    return this.config.id;
  }

  records(): readonly ToolRecord[] {
    return this.tools;
  }

  /** No child process. */
  pid(): number | undefined {
    return undefined;
  }

  /** Configured egress plus the base URL's host (known from config, or once the spec is loaded). */
  egress(): string[] {
    return openApiEgress(this.config, this.api?.baseUrl);
  }

  /** Resolves after the first load attempt, whatever its outcome; a failure keeps retrying in the background. */
  start(): Promise<void> {
    if (this.health === 'healthy') return Promise.resolve();
    this.stopped = false;
    return this.loadNow();
  }

  /** Reloads the spec (admin re-index); a failure keeps the current tools and sets `warning`. Not loaded yet: tries at once. */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    await (this.api === undefined ? this.loadNow() : this.load(false));
  }

  async callTool(name: string, args: Record<string, unknown>, options: CallOptions = {}): Promise<CallToolResult> {
    const timeoutMs = options.timeoutMs ?? this.config.callTimeoutMs;
    const deadline = Date.now() + timeoutMs;
    const what = `${this.id}.${name}`;
    if (this.api === undefined && this.loading !== undefined && !this.stopped) await waitFor(this.loading, timeoutMs);
    const api = this.api;
    if (this.stopped || api === undefined) {
      const why = this.stopped ? 'the catalog is stopped' : (this.lastError ?? 'its spec is not loaded');
      throw new UpstreamError('TG_UPSTREAM_UNAVAILABLE', `${what} failed: ${this.id} is unavailable (${why}).`, this.id);
    }
    const target = api.tools.get(name);
    if (target === undefined) throw new UpstreamError('TG_TOOL_NOT_FOUND', `No tool ${what}: ${this.id} has no operation named ${name}.`, this.id);
    const env = this.options.env ?? process.env;
    const context = { server: this.id, baseUrl: api.baseUrl, headers: this.config.headers, env, budgetMs: timeoutMs, deadline };
    return callOperation(name, target, args, { ...context, ...(options.signal && { signal: options.signal }) });
  }

  /** Stops retrying. Idempotent; nothing to tear down (no connection is held between calls). */
  async close(): Promise<void> {
    this.stopped = true;
    this.retries.cancel();
    this.setHealth('stopped');
  }

  /** Loads now instead of waiting out a scheduled retry. */
  private loadNow(): Promise<void> {
    this.retries.cancel();
    return this.load(true);
  }

  private load(first: boolean): Promise<void> {
    this.loading ??= this.attempt(first).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async attempt(first: boolean): Promise<void> {
    if (first) this.setHealth('connecting');
    try {
      const api = await loadApi(this.config, this.config.connectTimeoutMs);
      if (this.stopped) return;
      this.api = api;
      this.retries.succeeded();
      this.lastError = undefined;
      this.warning = api.warning;
      this.connectedAt ??= new Date();
      this.apply(api.records.map((tool) => toToolRecord(this.id, tool)));
      this.setHealth('healthy');
    } catch (error) {
      if (this.stopped) return;
      const message = error instanceof Error ? error.message : String(error);
      if (!first) {
        this.warning = `reloading the spec failed: ${message}`;
        return;
      }
      this.retries.failed();
      this.lastError = message;
      this.setHealth('unhealthy');
      this.retries.schedule(() => void this.load(true));
    }
  }

  private apply(records: ToolRecord[]): void {
    const diff = diffRecords(this.id, this.tools, records);
    this.tools = records;
    if (!isEmptyDiff(diff)) this.options.onDiff?.(diff);
  }

  private setHealth(health: ServerHealth): void {
    if (health === this.health) return;
    this.health = health;
    this.options.onHealth?.(health);
  }
}

/** Waits for `promise` at most `ms`; never rejects (the caller looks at the state afterwards). */
async function waitFor(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise.catch(() => undefined), timeout]);
  clearTimeout(timer);
}
