/**
 * @module catalog/diff — what changed between two listings of one server's tools, by id and content hash.
 */
import type { CatalogDiff, ToolRecord } from './types.js';

/** Compares `before` with `after` (both one server's records); order of the result follows `after`. */
export function diffRecords(server: string, before: readonly ToolRecord[], after: readonly ToolRecord[]): CatalogDiff {
  const old = new Map(before.map((r) => [r.id, r]));
  const next = new Set(after.map((r) => r.id));
  const added: ToolRecord[] = [];
  const changed: ToolRecord[] = [];
  for (const record of after) {
    const previous = old.get(record.id);
    if (previous === undefined) added.push(record);
    else if (previous.hash !== record.hash) changed.push(record);
  }
  const removed = before.filter((r) => !next.has(r.id)).map((r) => r.id);
  return { server, added, changed, removed };
}

/** True when the diff has nothing in it. */
export function isEmptyDiff(diff: CatalogDiff): boolean {
  return diff.added.length === 0 && diff.changed.length === 0 && diff.removed.length === 0;
}
