/**
 * @module src/gateway/approvals — which tools agents may use, by catalog review: the server's status
 * (approved or deprecated, or pending but approved by a maintainer) and the definition pinned in the catalog
 * lock. A server approved in config is pinned on first sight; later changes are quarantined until approved.
 * The lock file is re-read when another process (the CLI) changes it.
 */
import { statSync } from 'node:fs';
import { approve, type CatalogLock, lockPath, readLock, review, type ToolReview, writeLock } from '../../catalog/lock.js';
import type { ServerStatus, ToolRecord } from '../../catalog/types.js';

/** How often the lock file is checked for changes made by another process (ms). */
const LOCK_RECHECK_MS = 1_000;

const USABLE: ReadonlySet<ServerStatus> = new Set(['approved', 'deprecated']);

export interface ServerPolicyInfo {
  readonly status: ServerStatus;
  readonly autoApproveNewTools: boolean;
}

/** The review-relevant part of each server's config, by id. */
export function serverPolicyInfo(servers: ReadonlyArray<{ id: string } & ServerPolicyInfo>): Map<string, ServerPolicyInfo> {
  return new Map(servers.map((s) => [s.id, { status: s.status, autoApproveNewTools: s.autoApproveNewTools }]));
}

export type ApprovalEvent = { kind: 'catalog-pinned' | 'catalog-approved'; server: string; tools: number } | { kind: 'tool-quarantined'; tool: string; reason: string };

export class Approvals {
  private lock: CatalogLock;
  private stamp: number;
  private checkedAt = 0;
  /** Per record object (records are immutable; a changed tool is a new object): no key is built per lookup. */
  private reviews = new WeakMap<ToolRecord, ToolReview>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly dataDir: string,
    private readonly servers: (id: string) => ServerPolicyInfo | undefined,
    private readonly onEvent: (event: ApprovalEvent) => void = () => undefined,
  ) {
    this.lock = readLock(dataDir);
    this.stamp = this.fileStamp();
  }

  /** The status agents are subject to: config status, with a maintainer's approval of a pending server. */
  status(server: string): ServerStatus | undefined {
    const status = this.servers(server)?.status;
    return status === 'pending' && this.lock.servers[server]?.serverApproved ? 'approved' : status;
  }

  /** Review of one tool: quarantined tools are neither searchable nor callable. */
  review(record: ToolRecord): ToolReview | { state: 'unusable'; message: string } {
    this.refresh();
    const status = this.status(record.server);
    if (status === undefined || !USABLE.has(status)) return { state: 'unusable', message: `server ${record.server} is ${status ?? 'unknown'}` };
    let result = this.reviews.get(record);
    if (result === undefined) {
      result = review(record, this.lock, this.servers(record.server)?.autoApproveNewTools ?? false);
      this.reviews.set(record, result);
      const key = `${record.id}\u0000${record.hash}`; // report each quarantined definition once, not each object
      if (result.state === 'quarantined' && result.reason !== 'unreviewed-server' && !this.reported.has(key)) {
        this.reported.add(key);
        this.onEvent({ kind: 'tool-quarantined', tool: record.id, reason: result.reason });
      }
    }
    return result;
  }

  usable(record: ToolRecord): boolean {
    return this.review(record).state === 'approved';
  }

  /** Pins every usable server seen for the first time (approval in config approves what is there now). */
  pinNewServers(records: readonly ToolRecord[]): void {
    const byServer = new Map<string, ToolRecord[]>();
    for (const r of records) byServer.set(r.server, [...(byServer.get(r.server) ?? []), r]);
    let lock = this.lock;
    for (const [server, list] of byServer) {
      const status = this.status(server);
      if (lock.servers[server] || status === undefined || !USABLE.has(status)) continue;
      lock = approve(lock, server, list);
      this.onEvent({ kind: 'catalog-pinned', server, tools: list.length });
    }
    if (lock !== this.lock) this.save(lock);
  }

  /** A maintainer approves a server's current definitions (all, or only `tools`). */
  approve(server: string, records: readonly ToolRecord[], tools?: readonly string[]): void {
    const list = records.filter((r) => r.server === server);
    const pending = this.servers(server)?.status === 'pending';
    this.save(approve(this.lock, server, list, { ...(tools ? { only: tools } : {}), ...(pending ? { serverApproved: true } : {}) }));
    this.onEvent({ kind: 'catalog-approved', server, tools: tools?.length ?? list.length });
  }

  current(): CatalogLock {
    this.refresh();
    return this.lock;
  }

  private save(lock: CatalogLock): void {
    writeLock(this.dataDir, lock);
    this.lock = lock;
    this.stamp = this.fileStamp();
    this.reviews = new WeakMap();
  }

  /** Picks up a lock written by another process: one stat at most every LOCK_RECHECK_MS. */
  private refresh(): void {
    const now = Date.now();
    if (now - this.checkedAt < LOCK_RECHECK_MS) return;
    this.checkedAt = now;
    const stamp = this.fileStamp();
    if (stamp === this.stamp) return;
    this.lock = readLock(this.dataDir);
    this.stamp = stamp;
    this.reviews = new WeakMap();
  }

  private fileStamp(): number {
    try {
      return statSync(lockPath(this.dataDir)).mtimeMs;
    } catch {
      return 0;
    }
  }
}
