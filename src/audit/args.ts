/**
 * @module src/audit/args — tool arguments as the audit log holds them: always a hash, plus either the
 * redacted arguments or nothing. Large arguments are cut to a hash only, so one call cannot bloat the log.
 */
import { createHash } from 'node:crypto';

/** Redacted arguments above this size are not stored, only hashed. */
export const MAX_AUDIT_ARGS_BYTES = 4_096; // bytes of JSON

export type AuditArgsMode = 'redact' | 'hash';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Canonical JSON (sorted keys) so equal arguments hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  ) ?? 'null';
}

export function auditArgs(
  args: unknown,
  mode: AuditArgsMode,
  redact?: (value: unknown) => unknown,
): { argsHash: string; argsBytes: number; args?: unknown } {
  const json = canonicalJson(args);
  const summary = { argsHash: `sha256:${sha256Hex(json)}`, argsBytes: Buffer.byteLength(json) };
  if (mode === 'hash' || summary.argsBytes > MAX_AUDIT_ARGS_BYTES) return summary;
  return { ...summary, args: redact ? redact(args) : args };
}
