/**
 * @module sandbox/naming-identifiers — one name to one JavaScript identifier, deterministically (the
 * rules are listed in `naming.ts`). Pure string work; collisions between names are `naming.ts`'s job.
 */
import { isReservedMember, isReservedNamespace } from './naming-reserved.js';

/** Longest identifier we emit, in characters; matches the 64-char tool-name limit of model APIs. */
export const MAX_IDENTIFIER_CHARS = 64;
/** An ASCII identifier that needs no change (before the reserved-word check). */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Hex digits of the FNV-1a hash used for empty and over-long names. */
const HASH_HEX_CHARS = 8;

/** 32-bit FNV-1a over UTF-16 code units, as fixed-width hex: cheap, stable, no crypto needed. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(HASH_HEX_CHARS, '0');
}

function sanitise(name: string): string {
  // Typed as a string, but it comes from upstream: a number or null must not throw here.
  const raw = typeof name === 'string' ? name : String(name);
  // Most names are plain identifiers already: skip the Unicode folding, which dominates the cost.
  if (raw.length <= MAX_IDENTIFIER_CHARS && PLAIN.test(raw) && /[A-Za-z0-9]/.test(raw)) return raw;
  const folded = !/[^\u0020-\u007e]/.test(raw) ? raw : raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let id = folded
    .split(/[^A-Za-z0-9_]+/)
    .filter((part) => part !== '')
    .join('_');
  if (!/[A-Za-z0-9]/.test(id)) return `tool_${shortHash(raw)}`;
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (id.length > MAX_IDENTIFIER_CHARS) {
    id = `${id.slice(0, MAX_IDENTIFIER_CHARS - HASH_HEX_CHARS - 1)}_${shortHash(raw)}`;
  }
  return id;
}

/** The member name of an upstream tool name inside its namespace. */
export function memberName(toolName: string): string {
  const id = sanitise(toolName);
  return isReservedMember(id) ? `${id}_` : id;
}

/** The namespace of a server id: never a reserved word nor a global of the sandbox. */
export function namespaceName(serverId: string): string {
  const id = sanitise(serverId);
  return isReservedNamespace(id) ? `${id}_` : id;
}
