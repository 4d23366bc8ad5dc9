/**
 * @module src/gateway/call-audit — the audit entry of one call from what the pipeline decided (when it ran)
 * and how the sandbox says the call ended for the code; and the bounded wait for calls still in flight
 * when an execution ends.
 */
import type { SettledCall } from '../../sandbox/types.js';
import { auditArgs, auditRawArgs, type AuditArgsMode } from '../audit/args.js';
import type { AuditCallEntry } from '../audit/types.js';
import { type ErrorCode, isErrorCode } from '../errors.js';
import type { CallAudit } from '../pipeline/context.js';

/** What the policy pipeline decided for one call, kept until the sandbox says how the call ended. */
export interface PipelineDecision {
  /** The arguments as the pipeline left them (pinned parameters applied). */
  readonly args: unknown;
  readonly audit: CallAudit;
}

export interface ArgsAuditDeps {
  readonly auditArgsMode: AuditArgsMode;
  readonly redact: (value: unknown) => unknown;
}

/** The audit entry of one call: the pipeline's decision when it ran, else the sandbox's refusal. */
export function callEntry(call: SettledCall, decided: PipelineDecision | undefined, deps: ArgsAuditDeps): Omit<AuditCallEntry, 'seq'> {
  const tool = call.toolId ?? call.binding;
  const errorCode = call.code === undefined ? undefined : isErrorCode(call.code) ? (call.code as ErrorCode) : 'TG_INTERNAL';
  const args = decided ? decided.args : call.args;
  const argsAudit = decided || 'args' in call ? auditArgs(args, deps.auditArgsMode, deps.redact) : auditRawArgs(call.argsJson);
  if (!decided) {
    // Refused by the sandbox before the pipeline, or the invoker itself failed (TG_INTERNAL).
    const rule = call.refusedBy !== undefined ? `sandbox.${call.refusedBy}` : call.invoked ? 'gateway.internal' : 'sandbox.ended';
    return { tool, ...argsAudit, decision: 'deny', rule, latencyMs: 0, ...(errorCode === undefined ? {} : { errorCode }) };
  }
  const { audit } = decided;
  // The pipeline decided and the upstream ran; then the sandbox refused the result (a byte budget: a deny by
  // that limit), or the execution had already ended (the decision stands, the code never saw the result).
  const afterEnd = call.refusedBy === 'ended';
  const refused = call.refusedBy !== undefined && !afterEnd;
  return {
    tool,
    ...argsAudit,
    decision: refused ? 'deny' : audit.decision,
    ...(refused ? { rule: `sandbox.${call.refusedBy}` } : audit.rule === undefined ? {} : { rule: audit.rule }),
    ...(afterEnd ? { afterEnd: true } : {}),
    ...(audit.pinnedIgnored ? { pinnedIgnored: audit.pinnedIgnored } : {}),
    latencyMs: audit.latencyMs,
    ...(call.ok && call.bytes !== undefined ? { bytes: call.bytes } : {}),
    ...(afterEnd || errorCode === undefined ? (audit.errorCode === undefined ? {} : { errorCode: audit.errorCode }) : { errorCode }),
    ...(audit.redactions ? { redactions: audit.redactions } : {}),
  };
}

/** Waits for `pending` to settle, at most `ms`. */
export async function settledWithin(pending: readonly Promise<void>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.all(pending), deadline]);
  clearTimeout(timer);
}

