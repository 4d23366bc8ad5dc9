/**
 * @module catalog/catalog — every upstream server the gateway knows, their tools, health and changes.
 *
 * Servers connect in parallel and independently: one that fails to start is `unhealthy` and keeps
 * retrying in the background while the others serve. Changes arrive as `CatalogDiff`s per server
 * (the first listing: everything added; a removed server: everything removed).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { UpstreamError } from './errors.js';
import { egressOf, type ServerConfig } from './server-config.js';
import type { CatalogDiff, ServerMeta, ServerState, ToolRecord } from './types.js';
import { splitToolId } from './types.js';
import { Upstream, type UpstreamOptions } from './upstream.js';
import type { CallOptions, UpstreamHandle } from './upstream-handle.js';
import { OpenApiUpstream } from './openapi/openapi-upstream.js';

export type CatalogOptions = Pick<UpstreamOptions, 'backoff' | 'env' | 'maxListPages' | 'pingIntervalMs'>;
export type DiffListener = (diff: CatalogDiff) => void;
export type HealthListener = (state: ServerState) => void;

export class Catalog {
  private readonly upstreams = new Map<string, UpstreamHandle>();
  private readonly metas = new Map<string, ServerMeta>();
  private readonly diffListeners = new Set<DiffListener>();
  private readonly healthListeners = new Set<HealthListener>();
  private started = false;
  private closing: Promise<void> | undefined;

  constructor(
    servers: readonly ServerConfig[] = [],
    private readonly options: CatalogOptions = {},
  ) {
    for (const config of servers) this.register(config);
  }

  /** Connects every server in parallel; resolves when each has connected or failed its first attempt. */
  async start(): Promise<void> {
    if (this.closing !== undefined) throw new Error('the catalog is closed');
    this.started = true;
    await Promise.all([...this.upstreams.values()].map((upstream) => upstream.start()));
  }

  /** Adds a server at runtime (config reload); connects it if the catalog is started. */
  async addServer(config: ServerConfig): Promise<void> {
    if (this.closing !== undefined) throw new Error('the catalog is closed');
    const upstream = this.register(config);
    if (this.started) await upstream.start();
  }

  /**
   * Replaces a server whose config changed (reload): the old connection stops, the new one starts, and its
   * first listing is diffed against the old tools, so an unchanged tool list emits no diff at all.
   */
  async replaceServer(config: ServerConfig): Promise<void> {
    const old = this.upstreams.get(config.id);
    if (old === undefined) return this.addServer(config);
    if (this.closing !== undefined) throw new Error('the catalog is closed');
    this.upstreams.delete(config.id);
    const upstream = this.register(config, old.records());
    await old.close();
    if (this.started) await upstream.start();
  }

  /** Removes a server at runtime: stops it and emits a diff removing all its tools. */
  async removeServer(id: string): Promise<void> {
    const upstream = this.upstreams.get(id);
    if (upstream === undefined) return;
    this.upstreams.delete(id);
    const meta = this.metas.get(id);
    this.metas.delete(id);
    const removed = upstream.records().map((record) => record.id);
    await upstream.close();
    if (removed.length > 0) this.emitDiff({ server: id, added: [], changed: [], removed });
    if (meta !== undefined) this.emitHealth({ meta, health: 'stopped', toolCount: 0 });
  }

  /** Every known tool (last good listing of each server, also while it reconnects). */
  records(): ToolRecord[] {
    return [...this.upstreams.values()].flatMap((upstream) => upstream.records());
  }

  get(id: string): ToolRecord | undefined {
    const parts = splitToolId(id);
    if (parts === undefined) return undefined;
    return this.upstreams.get(parts.server)?.records().find((record) => record.id === id);
  }

  servers(): ServerState[] {
    return [...this.upstreams.keys()].map((id) => this.state(id)).filter((s) => s !== undefined);
  }

  server(id: string): ServerState | undefined {
    return this.state(id);
  }

  /** Calls tool `id` (`<server>.<tool>`); throws UpstreamError with a TG_* code when no result came back. */
  async callTool(id: string, args: Record<string, unknown>, options?: CallOptions): Promise<CallToolResult> {
    const parts = splitToolId(id);
    const upstream = parts === undefined ? undefined : this.upstreams.get(parts.server);
    if (parts === undefined || upstream === undefined) {
      throw new UpstreamError('TG_TOOL_NOT_FOUND', `No tool ${id}: there is no server ${parts?.server ?? JSON.stringify(id)}.`);
    }
    // Only a server that has listed can say a tool does not exist; otherwise let the call report why it failed.
    const known = upstream.records().some((record) => record.name === parts.name);
    if (!known && upstream.health === 'healthy') {
      throw new UpstreamError('TG_TOOL_NOT_FOUND', `No tool ${id}: server ${parts.server} has no tool named ${parts.name}.`, parts.server);
    }
    return upstream.callTool(parts.name, args, options);
  }

  /** Re-lists one server, or all; resolves when the listings are applied (diffs emitted). */
  async refresh(id?: string): Promise<void> {
    const targets = id === undefined ? [...this.upstreams.values()] : [this.upstreams.get(id)].filter((u) => u !== undefined);
    await Promise.all(targets.map((upstream) => upstream.refresh()));
  }

  /** The stdio child pid of a server while connected (diagnostics and no-orphan tests). */
  pid(id: string): number | undefined {
    return this.upstreams.get(id)?.pid();
  }

  onDiff(listener: DiffListener): () => void {
    this.diffListeners.add(listener);
    return () => this.diffListeners.delete(listener);
  }

  onHealth(listener: HealthListener): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Stops every server and waits for their child processes to exit. Idempotent. */
  close(): Promise<void> {
    this.closing ??= Promise.all([...this.upstreams.values()].map((upstream) => upstream.close())).then(() => undefined);
    return this.closing;
  }

  private register(config: ServerConfig, previous?: readonly ToolRecord[]): UpstreamHandle {
    if (this.upstreams.has(config.id)) throw new Error(`duplicate server id ${config.id}`);
    const upstream = createUpstream(config, {
      ...this.options,
      ...(previous !== undefined && { previous }),
      onDiff: (diff) => this.emitDiff(diff),
      onHealth: () => {
        const state = this.state(config.id);
        if (state !== undefined && this.upstreams.get(config.id) === upstream) this.emitHealth(state);
      },
    });
    this.upstreams.set(config.id, upstream);
    this.metas.set(config.id, metaOf(config));
    return upstream;
  }

  private state(id: string): ServerState | undefined {
    const upstream = this.upstreams.get(id);
    const meta = this.metas.get(id);
    if (upstream === undefined || meta === undefined) return undefined;
    return {
      meta: upstream.egress === undefined ? meta : { ...meta, egress: upstream.egress() },
      health: upstream.health,
      toolCount: upstream.records().length,
      ...(upstream.lastError !== undefined && { lastError: upstream.lastError }),
      ...(upstream.warning !== undefined && { warning: upstream.warning }),
      ...(upstream.connectedAt !== undefined && { connectedAt: upstream.connectedAt.toISOString() }),
    };
  }

  // A listener that throws must not break the catalog or the other listeners.
  private emitDiff(diff: CatalogDiff): void {
    for (const listener of this.diffListeners) safely(() => listener(diff));
  }

  private emitHealth(state: ServerState): void {
    for (const listener of this.healthListeners) safely(() => listener(state));
  }
}

/** The upstream for a server config, by kind. */
export function createUpstream(config: ServerConfig, options: UpstreamOptions): UpstreamHandle {
  return config.transport === 'openapi' ? new OpenApiUpstream(config, options) : new Upstream(config, options);
}

/** Catalog metadata of a server, from its config. */
export function metaOf(config: ServerConfig): ServerMeta {
  return {
    id: config.id,
    status: config.status,
    tags: [...config.tags],
    egress: egressOf(config),
    ...(config.title !== undefined && { title: config.title }),
    ...(config.description !== undefined && { description: config.description }),
    ...(config.owner !== undefined && { owner: config.owner }),
    ...(config.version !== undefined && { version: config.version }),
    ...(config.rateLimitPerMinute !== undefined && { rateLimitPerMinute: config.rateLimitPerMinute }),
  };
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // deliberately ignored: see emitDiff
  }
}
