/**
 * @module src/policy/decision — the plain result every policy check returns.
 * Pipeline steps are thin wrappers: they stop the chain on `allowed: false` and audit `rule` either way.
 */
import type { ErrorCode } from '../errors.js';

export interface Allowed {
  readonly allowed: true;
  /** The rule that allowed it (`allow.toolGroups[1]=notion-read`), for the audit log; absent for checks with no rule. */
  readonly rule?: string;
}

export interface Denied {
  readonly allowed: false;
  readonly code: ErrorCode;
  /** Written for the model: what happened (the pipeline appends the code's hint). */
  readonly reason: string;
  /** The rule that decided (`deny.tools[0]=slack.delete_channel`, `default-deny`, `limits.rateLimitPerMinute`). */
  readonly rule: string;
  /** For rate limits: when a retry may succeed, in ms. */
  readonly retryAfterMs?: number;
}

export type Decision = Allowed | Denied;

export const ALLOW: Allowed = Object.freeze({ allowed: true });

export function deny(code: ErrorCode, reason: string, rule: string, retryAfterMs?: number): Denied {
  return retryAfterMs === undefined
    ? { allowed: false, code, reason, rule }
    : { allowed: false, code, reason, rule, retryAfterMs };
}
