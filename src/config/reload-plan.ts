/**
 * @module src/config/reload-plan — what a config reload changes in the catalog: servers added, removed, and
 * changed (any field differs: the server is restarted with its new config); and which changed settings a
 * reload does not apply, so the operator is told to restart instead of believing they took effect. Pure,
 * so it is tested alone.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ServerConfig } from '../../catalog/server-config.js';
import type { Config } from './schema.js';

/**
 * Settings read once at start: the listener, the data dir, the sandbox pool, the index and its embedder,
 * the redactor, the audit log, the admin and metrics keys. A reload applies servers, tool groups, consumers
 * and their policy, gateway limits and `auth.jwt`; a change to these is reported as needing a restart.
 */
export const RESTART_ONLY_SETTINGS = ['listen', 'dataDir', 'stdioConsumer', 'sandbox', 'search', 'embedder', 'redact', 'audit', 'auth.adminKey', 'auth.metricsKey', 'auth.failuresPerMinute'] as const;

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

function at(config: Config, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], config);
}

/** Changed settings a reload leaves as they were, by path; API key hashes are read into the key store once. */
export function restartNeeded(current: Config, next: Config): string[] {
  const changed: string[] = RESTART_ONLY_SETTINGS.filter((path) => !isDeepStrictEqual(at(current, path), at(next, path)));
  const hashes = (config: Config) => new Map(config.consumers.map((c) => [c.consumer, c.apiKeyHashes ?? []]));
  const before = hashes(current);
  for (const [consumer, list] of hashes(next)) {
    if (!isDeepStrictEqual(before.get(consumer) ?? [], list)) changed.push(`consumers.${consumer}.apiKeyHashes`);
  }
  return changed;
}
