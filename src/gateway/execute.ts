/**
 * @module src/gateway/execute — `execute_code`: runs the model's code in the sandbox, every binding call
 * through the pipeline under the caller's policy, and writes a `call` record per call the code made (refused
 * by the sandbox or not) and one record per execution.
 */
import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { BindingLookup, ExecuteResult, Executor, SandboxLimits, SettledCall, ToolInvoker } from '../../sandbox/types.js';
import { auditArgs, auditCode, auditRawArgs, type AuditArgsMode } from '../audit/args.js';
import type { AuditLog } from '../audit/log.js';
import type { AuditCallEntry } from '../audit/types.js';
import { type ErrorCode, isErrorCode } from '../errors.js';
import type { CallAudit, CallPolicy } from '../pipeline/context.js';
import { type PipelineObserver, runPipeline, type Step } from '../pipeline/pipeline.js';
import { errorResult, invalidArguments, textResult } from './tool-results.js';

export const ExecuteArgsSchema = z
  .object({ code: z.string().min(1, 'code is empty'), check: z.boolean().optional() }) // size: the sandbox's codeBytes limit
  .strict();

/**
 * How long a finished execution waits for its calls still in flight (ms). They were aborted with it, so
 * they end at once unless an upstream ignores cancellation; past this, a late one is audited as a
 * `call-after-end` event instead.
 */
export const LATE_CALL_GRACE_MS = 2_000;

export interface ExecuteDeps {
  readonly executor: Executor;
  readonly steps: readonly Step[];
  readonly bindings: () => BindingLookup;
  /** Declarations of the tools the code refers to, for `check: true`. */
  readonly declarations: (code: string) => string;
  readonly observer?: PipelineObserver;
  readonly audit: AuditLog;
  readonly auditArgsMode: AuditArgsMode;
  /** Whether the execution record keeps the code's redacted text or only its hash. */
  readonly auditCodeMode: AuditArgsMode;
  readonly redact: (value: unknown) => unknown;
  readonly onExecuted?: (result: ExecuteResult) => void;
}

export interface ExecuteCaller {
  readonly consumer: string;
  readonly session?: string;
  readonly policy: CallPolicy;
  readonly limits: Partial<SandboxLimits>;
}

/** `signal`: the MCP request's; the client cancelling it stops the execution (TG_CANCELLED, audited). */
export async function executeCode(deps: ExecuteDeps, caller: ExecuteCaller, rawArgs: unknown, signal?: AbortSignal): Promise<CallToolResult> {
  const parsed = ExecuteArgsSchema.safeParse(rawArgs);
  if (!parsed.success) return invalidArguments('execute_code', parsed.error);
  const { code, check } = parsed.data;
  const executionId = randomUUID();
  const codeText = auditCode(code, deps.auditCodeMode, deps.redact);
  const execution = deps.audit.begin({
    executionId,
    consumer: caller.consumer,
    ...(caller.session === undefined ? {} : { session: caller.session }),
    code,
    ...(codeText === undefined ? {} : { codeText }),
  });

  // What the pipeline decided per call (by seq), until the bridge says what the code received.
  const decided = new Map<number, { args: unknown; audit: CallAudit }>();
  const unsettled = new Map<number, () => void>();
  const inFlight: Promise<void>[] = [];
  let ended = false;
  const invoker: ToolInvoker = {
    async invoke(call, signal) {
      const audit: CallAudit = { decision: 'deny', latencyMs: 0 };
      const args = isPlainObject(call.args) ? call.args : {};
      const ctx = { executionId, policy: caller.policy, toolId: call.toolId, signal, args, audit };
      const settledOnce = new Promise<void>((resolve) => unsettled.set(call.seq, resolve));
      inFlight.push(settledOnce);
      const result = await runPipeline(deps.steps, ctx, deps.observer);
      decided.set(call.seq, { args: ctx.args, audit });
      // Serialised once here: the audit needs its size, and the sandbox reuses the string.
      return result.ok ? { ...result, json: JSON.stringify(result.value) } : result;
    },
    // Every call the code made, refused by the sandbox or not, is written (a `call` record) before its
    // result reaches the isolate: what the code saw is on disk.
    settled(call) {
      const entry = callEntry(call, decided.get(call.seq), deps);
      decided.delete(call.seq);
      if (ended) deps.audit.event({ kind: 'call-after-end', executionId, consumer: caller.consumer, ...entry });
      else execution.call(entry);
      unsettled.get(call.seq)?.();
      unsettled.delete(call.seq);
    },
  };
  // The executor never throws: every outcome, hostile code included, is an ExecuteResult.
  const result = await deps.executor.execute({
    code,
    bindings: deps.bindings(),
    invoker,
    limits: caller.limits,
    ...(check ? { check: { declarations: deps.declarations(code) } } : {}),
    ...(signal === undefined ? {} : { signal }),
  });
  // A call still running when the execution ended was aborted with it; its record belongs in this execution.
  await settledWithin(inFlight, LATE_CALL_GRACE_MS);
  ended = true;
  const errorCode = result.error && isErrorCode(result.error.code) ? (result.error.code as ErrorCode) : result.error ? 'TG_INTERNAL' : undefined;
  execution.end({ outcome: result.error ? 'error' : 'ok', ...(errorCode === undefined ? {} : { errorCode }) });
  deps.onExecuted?.(result);
  return formatExecution(result, executionId);
}

/** The audit entry of one call: the pipeline's decision when it ran, else the sandbox's refusal. */
function callEntry(call: SettledCall, decided: { args: unknown; audit: CallAudit } | undefined, deps: ExecuteDeps): Omit<AuditCallEntry, 'seq'> {
  const tool = call.toolId ?? call.binding;
  const errorCode = call.code === undefined ? undefined : isErrorCode(call.code) ? (call.code as ErrorCode) : 'TG_INTERNAL';
  const args = decided ? decided.args : call.args;
  const argsAudit = decided || 'args' in call ? auditArgs(args, deps.auditArgsMode, deps.redact) : auditRawArgs(call.argsJson);
  if (!decided) {
    return { tool, ...argsAudit, decision: 'deny', rule: `sandbox.${call.refusedBy ?? 'ended'}`, latencyMs: 0, ...(errorCode === undefined ? {} : { errorCode }) };
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
async function settledWithin(pending: readonly Promise<void>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([Promise.all(pending), deadline]);
  clearTimeout(timer);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Result first, then console output; errors say where (line, column as written) and what to do. */
export function formatExecution(result: ExecuteResult, executionId: string): CallToolResult {
  const logs = result.logs.length > 0 ? [`--- console (${result.logs.length} lines) ---`, ...result.logs] : [];
  const meta = { 'toolgate/executionId': executionId, 'toolgate/calls': result.stats.calls, 'toolgate/durationMs': result.stats.durationMs };
  if (result.error) {
    const { code, message, line, column, toolId } = result.error;
    const where = line === undefined ? '' : ` (line ${line}${column === undefined ? '' : `, column ${column}`})`;
    const failed = errorResult(code, `${toolId ? `[${toolId}] ` : ''}${message}${where}`, logs);
    return { ...failed, _meta: { ...failed._meta, ...meta } };
  }
  const body =
    result.result === undefined ? 'undefined (the code returned nothing; use `return` to send a value back)' : JSON.stringify(result.result, null, 2);
  const notice = result.truncated ? ['[result truncated to the response budget; return less, e.g. filter or summarise in code]'] : [];
  return { ...textResult([body, ...notice, ...logs].join('\n')), _meta: meta };
}
