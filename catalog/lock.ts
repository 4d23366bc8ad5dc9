/**
 * @module catalog/lock — definition pinning against rug-pulls. When a server is approved, each tool's
 * definition (and its hash) is recorded in `catalog.lock.json` in the data dir. A tool whose definition no
 * longer matches, or a new tool on an approved server, is quarantined until a maintainer approves it.
 * The lock keeps whole definitions, not only hashes, so `toolgate catalog diff` can show what changed.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ToolDefinition } from './tool-record.js';
import type { ToolRecord } from './types.js';

export const LOCK_FILE = 'catalog.lock.json';
const LOCK_VERSION = 1;

export interface LockedTool {
  readonly hash: string;
  readonly approvedAt: string;
  readonly definition: ToolDefinition;
}

export interface LockedServer {
  readonly approvedAt: string;
  /** Set when a maintainer approved a server whose config status is `pending`. */
  readonly serverApproved?: boolean;
  readonly tools: Readonly<Record<string, LockedTool>>;
}

export interface CatalogLock {
  readonly version: typeof LOCK_VERSION;
  readonly servers: Readonly<Record<string, LockedServer>>;
}

export type ToolReview =
  | { readonly state: 'approved' }
  | { readonly state: 'quarantined'; readonly reason: 'changed' | 'new' | 'unreviewed-server'; readonly message: string };

export function lockPath(dataDir: string): string {
  return join(dataDir, LOCK_FILE);
}

export function emptyLock(): CatalogLock {
  return { version: LOCK_VERSION, servers: {} };
}

export function readLock(dataDir: string): CatalogLock {
  const file = lockPath(dataDir);
  if (!existsSync(file)) return emptyLock();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as CatalogLock;
  if (parsed.version !== LOCK_VERSION) throw new Error(`${file}: unsupported lock version ${String(parsed.version)}`);
  return parsed;
}

/** Atomic: a crash mid-write leaves the previous lock in place. */
export function writeLock(dataDir: string, lock: CatalogLock): void {
  const file = lockPath(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(lock, null, 2)}\n`);
  renameSync(temp, file);
}

function definitionOf(record: ToolRecord): ToolDefinition {
  const { name, title, description, inputSchema, outputSchema, annotations } = record;
  return { name, title, description, inputSchema, outputSchema, annotations };
}

/**
 * Records the given tools of a server as approved (all of them when `only` is absent), keeping the other
 * locked tools as they were. Tools locked before but absent from `records` are dropped when approving all.
 */
export function approve(lock: CatalogLock, server: string, records: readonly ToolRecord[], options: { only?: readonly string[]; serverApproved?: boolean; now?: Date } = {}): CatalogLock {
  const now = (options.now ?? new Date()).toISOString();
  const previous = lock.servers[server];
  const tools: Record<string, LockedTool> = options.only ? { ...previous?.tools } : {};
  for (const record of records) {
    if (options.only && !options.only.includes(record.name)) continue;
    tools[record.name] = { hash: record.hash, approvedAt: now, definition: definitionOf(record) };
  }
  const serverApproved = options.serverApproved ?? previous?.serverApproved;
  const entry: LockedServer = { approvedAt: previous?.approvedAt ?? now, ...(serverApproved ? { serverApproved } : {}), tools };
  return { ...lock, servers: { ...lock.servers, [server]: entry } };
}

/** Whether a tool may be used, given the lock. `autoApproveNew` lets new tools on a locked server through. */
export function review(record: ToolRecord, lock: CatalogLock, autoApproveNew: boolean): ToolReview {
  const server = lock.servers[record.server];
  if (!server) return { state: 'quarantined', reason: 'unreviewed-server', message: `server ${record.server} has not been reviewed yet` };
  const locked = server.tools[record.name];
  if (!locked) {
    return autoApproveNew
      ? { state: 'approved' }
      : { state: 'quarantined', reason: 'new', message: `${record.id} is new on ${record.server} and awaits a maintainer's approval` };
  }
  if (locked.hash !== record.hash) {
    return { state: 'quarantined', reason: 'changed', message: `the definition of ${record.id} changed upstream since it was approved on ${locked.approvedAt}; it awaits review` };
  }
  return { state: 'approved' };
}
