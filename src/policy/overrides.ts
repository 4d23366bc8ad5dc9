/**
 * @module src/policy/overrides — per-consumer tool overrides: a rewritten description and pinned parameters.
 *
 * Keys are tool ids or patterns (`jira.*`). Every matching entry applies in config order, and an entry keyed
 * by the exact id applies last, so the most specific entry wins field by field.
 */
import { deepFreeze } from '../config/load.js';
import { compilePattern, type ToolMatcher } from './glob.js';

export interface ToolOverride {
  readonly description?: string;
  /** Pinned parameters (`overrideParams`): forced on the host, removed from the declaration. */
  readonly pinned?: Readonly<Record<string, unknown>>;
}

interface Entry {
  readonly matcher: ToolMatcher;
  readonly exact: boolean;
  readonly description?: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface CompiledOverrides {
  get(toolId: string): ToolOverride | undefined;
  clear(): void;
}

const MAX_CACHED = 50_000; // tool ids per consumer; the cache starts over past this

export function compileOverrides(
  overrides: Readonly<Record<string, { description?: string; overrideParams?: Record<string, unknown> }>> | undefined,
): CompiledOverrides {
  const entries: Entry[] = Object.entries(overrides ?? {}).map(([key, o]) => ({
    matcher: compilePattern(key),
    exact: !key.includes('*'),
    description: o.description,
    params: o.overrideParams ? deepFreeze(structuredClone(o.overrideParams)) : undefined,
  }));
  const ordered = [...entries.filter((e) => !e.exact), ...entries.filter((e) => e.exact)];
  const cache = new Map<string, ToolOverride | null>();

  function resolve(toolId: string): ToolOverride | null {
    let description: string | undefined;
    let pinned: Record<string, unknown> | undefined;
    for (const e of ordered) {
      if (!e.matcher.test(toolId)) continue;
      if (e.description !== undefined) description = e.description;
      if (e.params) pinned = { ...pinned, ...e.params };
    }
    if (description === undefined && pinned === undefined) return null;
    return Object.freeze({
      ...(description !== undefined ? { description } : {}),
      ...(pinned ? { pinned: Object.freeze(pinned) } : {}),
    });
  }

  return {
    get(toolId) {
      if (entries.length === 0) return undefined;
      let found = cache.get(toolId);
      if (found === undefined) {
        found = resolve(toolId);
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(toolId, found);
      }
      return found ?? undefined;
    },
    clear: () => cache.clear(),
  };
}
