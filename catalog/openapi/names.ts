/**
 * @module catalog/openapi/names — tool names from operations: the operationId sanitised to
 * `[A-Za-z0-9_.-]`, or `<method>_<path>` when there is none; at most MAX_TOOL_NAME_CHARS; duplicates
 * get `_2`, `_3` … in document order, so the same spec always yields the same names.
 */
import { createHash } from 'node:crypto';
import type { Operation } from './operations.js';

/** Longest tool name, characters (MCP clients commonly cap tool names at 64). */
export const MAX_TOOL_NAME_CHARS = 64;
/** Hex digits of the hash that keeps truncated names distinct. */
const NAME_HASH_CHARS = 8;
const FALLBACK_NAME = 'operation';

/** `[A-Za-z0-9_.-]` only, runs of `_` collapsed, no leading/trailing `_` `.` `-`, capped with a hash suffix. */
export function sanitiseName(raw: string): string {
  const clean = raw
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_.-]+|[_.-]+$/g, '');
  const name = clean === '' ? FALLBACK_NAME : clean;
  if (name.length <= MAX_TOOL_NAME_CHARS) return name;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, NAME_HASH_CHARS);
  return `${name.slice(0, MAX_TOOL_NAME_CHARS - NAME_HASH_CHARS - 1)}_${hash}`;
}

/** `get /pets/{petId}/toys` → `get_pets_petId_toys`. */
export function derivedName(op: Pick<Operation, 'method' | 'path'>): string {
  return `${op.method}_${op.path.replace(/[{}]/g, '')}`;
}

/** One unique name per operation, in the order given. */
export function toolNames(ops: readonly Pick<Operation, 'method' | 'path' | 'operationId'>[]): string[] {
  const taken = new Set<string>();
  return ops.map((op) => {
    const base = sanitiseName(op.operationId ?? derivedName(op));
    let name = base;
    for (let n = 2; taken.has(name); n++) {
      const suffix = `_${n}`;
      name = `${base.slice(0, MAX_TOOL_NAME_CHARS - suffix.length)}${suffix}`;
    }
    taken.add(name);
    return name;
  });
}
