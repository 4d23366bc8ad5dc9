/**
 * @module src/audit/args — tool arguments as the audit log holds them: always a hash, plus either the
 * redacted arguments or nothing. Large arguments are cut to a hash only, so one call cannot bloat the log.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../catalog/canonical-json.js';

/** Redacted arguments above this size are not stored, only hashed. */
export const MAX_AUDIT_ARGS_BYTES = 4_096; // bytes of JSON

export type AuditArgsMode = 'redact' | 'hash';

/** UTF-16 code units of code an execution record keeps (64 KB of ASCII, at most ~192 KB of UTF-8); the hash covers all of it. */
export const MAX_AUDIT_CODE_CHARS = 65_536;

/** The code as the audit keeps it: redacted, cut at MAX_AUDIT_CODE_CHARS; undefined in `hash` mode. */
export function auditCode(code: string, mode: AuditArgsMode, redact: (value: unknown) => unknown): { text: string; truncated: boolean } | undefined {
  if (mode === 'hash') return undefined;
  const redacted = redact(code);
  const text = typeof redacted === 'string' ? redacted : String(redacted);
  return text.length > MAX_AUDIT_CODE_CHARS ? { text: text.slice(0, MAX_AUDIT_CODE_CHARS), truncated: true } : { text, truncated: false };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}


export function auditArgs(
  args: unknown,
  mode: AuditArgsMode,
  redact?: (value: unknown) => unknown,
): { argsHash: string; argsBytes: number; args?: unknown } {
  // Sorted keys (the catalog's canonical form), so equal arguments hash equally whatever their key order.
  const json = canonicalJson(args) ?? 'null';
  const summary = { argsHash: `sha256:${sha256Hex(json)}`, argsBytes: Buffer.byteLength(json) };
  if (mode === 'hash' || summary.argsBytes > MAX_AUDIT_ARGS_BYTES) return summary;
  return { ...summary, args: redact ? redact(args) : args };
}

/** Arguments the sandbox refused before parsing (not JSON, nested too deep): their hash and size only. */
export function auditRawArgs(json: string): { argsHash: string; argsBytes: number } {
  return { argsHash: `sha256:${sha256Hex(json)}`, argsBytes: Buffer.byteLength(json) };
}
