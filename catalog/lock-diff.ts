/**
 * @module catalog/lock-diff — what changed in a server's tools since they were approved, field by field,
 * for `toolgate catalog diff <server>` and `GET /admin/servers/:id`.
 */
import { canonicalJson } from './canonical-json.js';
import type { CatalogLock } from './lock.js';
import type { ToolRecord } from './types.js';

const FIELDS = ['title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;

export interface FieldChange {
  readonly field: (typeof FIELDS)[number];
  readonly approved: unknown;
  readonly current: unknown;
}

export interface LockDiff {
  readonly server: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: ReadonlyArray<{ readonly tool: string; readonly fields: readonly FieldChange[] }>;
}

export function lockDiff(lock: CatalogLock, server: string, records: readonly ToolRecord[]): LockDiff {
  const locked = lock.servers[server]?.tools ?? {};
  const current = new Map(records.filter((r) => r.server === server).map((r) => [r.name, r]));
  const added = [...current.keys()].filter((name) => !Object.hasOwn(locked, name)).sort();
  const removed = Object.keys(locked).filter((name) => !current.has(name)).sort();
  const changed = [...current.values()]
    .filter((r) => Object.hasOwn(locked, r.name) && locked[r.name]!.hash !== r.hash)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((r) => {
      const before = locked[r.name]!.definition;
      const fields = FIELDS.filter((f) => canonicalJson(before[f]) !== canonicalJson(r[f])).map((field) => ({ field, approved: before[field], current: r[field] }));
      return { tool: r.name, fields };
    });
  return { server, added, removed, changed };
}

/** Human-readable: one block per tool. */
export function formatLockDiff(diff: LockDiff): string {
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return `${diff.server}: no changes since approval\n`;
  const lines = [`${diff.server}:`];
  for (const name of diff.added) lines.push(`  + ${name} (new, awaits approval)`);
  for (const name of diff.removed) lines.push(`  - ${name} (gone upstream)`);
  for (const { tool, fields } of diff.changed) {
    lines.push(`  ~ ${tool}`);
    for (const f of fields) {
      lines.push(`      ${f.field}:`, `        approved: ${JSON.stringify(f.approved) ?? 'undefined'}`, `        current:  ${JSON.stringify(f.current) ?? 'undefined'}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
