/**
 * @module catalog/types — the shapes of what exists upstream: tool records, server metadata, diffs.
 * Everything else in Toolgate speaks in these types; this folder depends on nothing in the project.
 */

/** Lifecycle of an upstream server in the catalog. Only `approved` and `deprecated` are usable. */
export type ServerStatus = 'approved' | 'pending' | 'deprecated' | 'blocked';

/** Connection health as the catalog observes it. */
export type ServerHealth = 'connecting' | 'healthy' | 'unhealthy' | 'stopped';

/** A JSON Schema object as upstreams send it: lenient, anything may be in it. */
export type JsonSchema = Record<string, unknown>;

/**
 * One upstream tool, as the gateway knows it. `id` is `<server>.<name>`; split on the first dot.
 * `hash` is the content hash of the definition (name, title, description, schemas, annotations),
 * so any change upstream changes it.
 */
export interface ToolRecord {
  readonly id: string;
  readonly server: string;
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly inputSchema: JsonSchema;
  readonly outputSchema?: JsonSchema;
  readonly annotations?: Record<string, unknown>;
  readonly hash: string;
}

/** Catalog metadata of a server, from config. */
export interface ServerMeta {
  readonly id: string;
  readonly title?: string;
  readonly description?: string;
  readonly owner?: string;
  readonly version?: string;
  readonly status: ServerStatus;
  readonly tags: readonly string[];
  /** Domains the server reaches; an HTTP upstream's own host is implied and included. */
  readonly egress: readonly string[];
  /** Calls a minute the gateway sends this upstream, all consumers together; unlimited when absent. */
  readonly rateLimitPerMinute?: number;
}

/** What changed in one server's tools between two listings. */
export interface CatalogDiff {
  readonly server: string;
  readonly added: readonly ToolRecord[];
  readonly changed: readonly ToolRecord[];
  /** Ids of the tools that disappeared. */
  readonly removed: readonly string[];
}

/** A server as `toolgate catalog` and `/admin/catalog` show it. */
export interface ServerState {
  readonly meta: ServerMeta;
  readonly health: ServerHealth;
  readonly toolCount: number;
  /** Why the server is unhealthy; cleared once it connects again. */
  readonly lastError?: string;
  /** A problem with a working server: its listing was truncated or skipped invalid tool definitions. */
  readonly warning?: string;
  /** ISO time of the current connection. */
  readonly connectedAt?: string;
}

/** Splits a tool id at its first dot: the tool part may itself contain dots. */
export function splitToolId(id: string): { server: string; name: string } | undefined {
  const dot = id.indexOf('.');
  if (dot <= 0 || dot === id.length - 1) return undefined;
  return { server: id.slice(0, dot), name: id.slice(dot + 1) };
}

/** Server ids: lower-case, no dots, so that `<server>.<tool>` splits unambiguously. */
export const SERVER_ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
