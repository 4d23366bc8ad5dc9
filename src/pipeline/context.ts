/**
 * @module src/pipeline/context — what one tool call carries through the binding pipeline.
 * Steps read and annotate the context; each returns a plain Decision and the runner stops on a denial.
 */
import type { ServerMeta, ToolRecord } from '../../catalog/types.js';
import type { ErrorCode } from '../errors.js';
import type { Decision } from '../policy/decision.js';

/** What the steps learn about one call, for its audit entry (`src/audit/types.ts` AuditCallEntry). */
export interface CallAudit {
  /** `deny` when a policy step refused; `allow` once every check passed, even if the upstream then failed. */
  decision: 'allow' | 'deny';
  /** The rule that decided, e.g. `allow.toolGroups[0]=jira-triage` or `deny.tools[1]=jira.delete_issue`. */
  rule?: string;
  errorCode?: ErrorCode;
  /** Pinned parameters the code tried to pass with another value; their values were ignored. */
  pinnedIgnored?: string[];
  redactions?: Record<string, number>;
  latencyMs: number;
}

/** The consumer's compiled policy, as the pipeline needs it. Built once when config loads. */
export interface CallPolicy {
  readonly name: string;
  /** The one authorization function: the same answer decides search visibility and calls. */
  authorize(toolId: string): Decision;
  /** Forces pinned parameters; reports the ones the caller tried to pass. */
  pin(toolId: string, args: Record<string, unknown>): { args: Record<string, unknown>; ignored: string[] };
  /** Every domain the server reaches must be in the consumer's outbound allow-list. */
  egress(server: ServerMeta): Decision;
  /** Rate limits (the consumer's, and the server's across consumers) and quotas; consumes a token when allowed. */
  admit(toolId: string, server?: ServerMeta): Decision;
}

export interface CallContext {
  readonly executionId: string;
  readonly policy: CallPolicy;
  readonly toolId: string;
  readonly signal: AbortSignal;
  args: Record<string, unknown>;
  record?: ToolRecord;
  server?: ServerMeta;
  /** The upstream's result as the code will see it, once the upstream step has run. */
  value?: unknown;
  readonly audit: CallAudit;
}
