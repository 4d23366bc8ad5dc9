/**
 * @module src/audit/types — the shape of the audit log, one JSONL record per line. Each tool call is written as a
 * `call` record when it returns, before its result reaches the code, so a gateway killed mid-execution has
 * still logged every call it made. When the execution ends, its `execution` record repeats them all.
 * `toolgate audit tail|query` read these back; keep fields additive so old files stay readable.
 */
import type { ErrorCode } from '../errors.js';

export const AUDIT_FILE = 'audit.jsonl';

/** One binding call inside an execution. */
export interface AuditCallEntry {
  /** Order of the call within its execution, from 0. */
  readonly seq: number;
  readonly tool: string;
  /** Arguments redacted (`redact` mode) or absent when hashed; see `argsHash`. */
  readonly args?: unknown;
  /** `sha256:<hex>` of the canonical JSON of the arguments, always present. */
  readonly argsHash: string;
  readonly argsBytes: number;
  readonly decision: 'allow' | 'deny';
  /** The rule that decided: `allow.toolGroups[1]=notion-read`, `deny.tools[0]=…`, `default-deny`, `limits.…`. */
  readonly rule?: string;
  /** Pinned parameters the code tried to pass with another value; the pinned value was used. */
  readonly pinnedIgnored?: readonly string[];
  readonly latencyMs: number;
  /** Bytes of the result returned to the sandbox. */
  readonly bytes?: number;
  readonly errorCode?: ErrorCode;
  /** Masked values in the result, by kind (`{ email: 2 }`). */
  readonly redactions?: Readonly<Record<string, number>>;
  /** The execution ended before the call came back: the policy's decision stands, the code never saw the result. */
  readonly afterEnd?: true;
}

export interface AuditExecutionRecord {
  readonly kind: 'execution';
  readonly executionId: string;
  readonly consumer: string;
  readonly session?: string;
  /** sha256 and size of the code as run; `text` (redacted, cut at MAX_AUDIT_CODE_CHARS) unless `audit.code: hash`. */
  readonly code: { readonly sha256: string; readonly bytes: number; readonly text?: string; readonly truncated?: true };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'error';
  readonly errorCode?: ErrorCode;
  readonly calls: readonly AuditCallEntry[];
}

/** One call as written when it returns (the same entry appears again in its execution's record). */
export interface AuditCallRecord extends AuditCallEntry {
  readonly kind: 'call';
  readonly executionId: string;
  readonly consumer: string;
  readonly session?: string;
}

/** Anything else worth a line (an authentication failure, a config reload): `kind` plus fields. */
export interface AuditEventRecord {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/**
 * As read back: any line's fields (older or newer writers may differ), with pino's `level` and `time`
 * (ISO 8601). Narrow with `kind === 'execution'` and a cast to AuditExecutionRecord.
 */
export type StoredAuditRecord = AuditEventRecord & { readonly time: string; readonly level?: string };
