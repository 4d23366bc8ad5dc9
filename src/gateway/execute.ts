/**
 * @module src/gateway/execute — `execute_code`: runs the model's code in the sandbox, every binding call
 * through the pipeline under the caller's policy, and writes a `call` record per call the code made (refused
 * by the sandbox or not) and one record per execution.
 */
import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { BindingLookup, ExecuteResult, Executor, SandboxLimits, ToolInvoker } from '../../sandbox/types.js';
import { auditCode, type AuditArgsMode } from '../audit/args.js';
import type { AuditLog, ExecutionAudit } from '../audit/log.js';
import { type ErrorCode, isErrorCode } from '../errors.js';
import type { CallAudit, CallPolicy } from '../pipeline/context.js';
import { type PipelineObserver, runPipeline, type Step } from '../pipeline/pipeline.js';
import { callEntry, settledWithin, type PipelineDecision } from './call-audit.js';
import type { ConsumerSlots } from './consumer-slots.js';
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
  /** Executions running per consumer, against `ExecuteCaller.concurrentExecutions`. */
  readonly slots: ConsumerSlots;
}

export interface ExecuteCaller {
  readonly consumer: string;
  readonly session?: string;
  readonly policy: CallPolicy;
  readonly limits: Partial<SandboxLimits>;
  /** Executions this consumer may run at once; undefined: only the shared pool bounds it. */
  readonly concurrentExecutions?: number;
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

  const release = deps.slots.acquire(caller.consumer, caller.concurrentExecutions);
  if (!release) {
    const message = `${caller.consumer} is running its limit of ${caller.concurrentExecutions} executions at once (limits.concurrentExecutions); retry when one ends.`;
    const refused: ExecuteResult = { logs: [], stats: { calls: 0, durationMs: 0, resultBytes: 0 }, error: { code: 'TG_BUSY', message } };
    execution.end({ outcome: 'error', errorCode: 'TG_BUSY' });
    deps.onExecuted?.(refused);
    return formatExecution(refused, executionId);
  }
  try {
    return await runExecution(deps, caller, { code, check, executionId, execution }, signal);
  } finally {
    release();
  }
}

/** One admitted execution: the sandbox run, each call through the pipeline and into the audit, the record. */
async function runExecution(
  deps: ExecuteDeps,
  caller: ExecuteCaller,
  { code, check, executionId, execution }: { code: string; check: boolean | undefined; executionId: string; execution: ExecutionAudit },
  signal: AbortSignal | undefined,
): Promise<CallToolResult> {
  // What the pipeline decided per call (by seq), until the bridge says what the code received.
  const decided = new Map<number, PipelineDecision>();
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
      try {
        const entry = callEntry(call, decided.get(call.seq), deps);
        if (ended) deps.audit.event({ kind: 'call-after-end', executionId, consumer: caller.consumer, ...entry });
        else execution.call(entry);
      } finally {
        // Whatever the audit did, the execution's wait for this call ends now, not at LATE_CALL_GRACE_MS.
        decided.delete(call.seq);
        unsettled.get(call.seq)?.();
        unsettled.delete(call.seq);
      }
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
