/**
 * @module src/config/reload-plan — what a config reload changes in the catalog: servers added, removed, and
 * changed (any field differs: the server is restarted with its new config). Pure, so it is tested alone.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ServerConfig } from '../../catalog/server-config.js';

export interface ReloadPlan {
  readonly added: readonly ServerConfig[];
  readonly removed: readonly string[];
  readonly changed: readonly ServerConfig[];
  readonly unchanged: readonly string[];
}

export function planReload(current: readonly ServerConfig[], next: readonly ServerConfig[]): ReloadPlan {
  const before = new Map(current.map((s) => [s.id, s]));
  const after = new Map(next.map((s) => [s.id, s]));
  const added = next.filter((s) => !before.has(s.id));
  const removed = current.filter((s) => !after.has(s.id)).map((s) => s.id);
  const changed = next.filter((s) => before.has(s.id) && !isDeepStrictEqual(before.get(s.id), s));
  const unchanged = next.filter((s) => before.has(s.id) && isDeepStrictEqual(before.get(s.id), s)).map((s) => s.id);
  return { added, removed, changed, unchanged };
}
