/**
 * @module src/policy/glob — tool patterns (`jira.*`, `slack.delete_*`, `*`) compiled once into matchers.
 *
 * Matching is exact and case-sensitive on the canonical id as the catalog stores it: no case folding and no
 * Unicode normalisation, so a look-alike (Cyrillic `а`, fullwidth `ｊ`, a zero-width space) is simply a
 * different string and matches only a pattern that names that very string.
 */
import { SERVER_ID_PATTERN, splitToolId } from '../../catalog/types.js';

export interface ToolMatcher {
  /** The pattern as written in config. */
  readonly pattern: string;
  test(toolId: string): boolean;
}

// In the server part `*` stays within a server id (no dots); in the tool part it spans anything,
// because upstream tool names are verbatim and may contain dots.
const SERVER_STAR = '[a-z0-9_-]*';
const TOOL_STAR = '[\\s\\S]*';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function partToRegExp(part: string, star: string): string {
  return part.split('*').map(escapeRegExp).join(star);
}

/** Compiles one pattern. Patterns without `*` compare by string equality (the common, fastest case). */
export function compilePattern(pattern: string): ToolMatcher {
  if (pattern === '*') return { pattern, test: () => true };
  if (!pattern.includes('*')) return { pattern, test: (id) => id === pattern };
  const dot = pattern.indexOf('.');
  const source =
    dot < 0
      ? partToRegExp(pattern, SERVER_STAR)
      : `${partToRegExp(pattern.slice(0, dot), SERVER_STAR)}\\.${partToRegExp(pattern.slice(dot + 1), TOOL_STAR)}`;
  // No `i` flag and no `u` case folding: comparison is by code unit, as stored.
  const re = new RegExp(`^${source}$`);
  return { pattern, test: (id) => re.test(id) };
}

// Characters no canonical id contains: controls, format characters (zero-width, bidi overrides),
// line/paragraph separators, and surrounding whitespace. Ids carrying them are refused outright.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|^\s|\s$/u;

/** True when the id has the canonical shape `<server>.<tool>` with a valid server id and no invisible characters. */
export function isCanonicalToolId(id: string): boolean {
  const parts = splitToolId(id);
  if (!parts || !SERVER_ID_PATTERN.test(parts.server)) return false;
  return !INVISIBLE.test(parts.name);
}
