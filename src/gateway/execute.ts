/**
 * @module src/gateway/execute — `execute_code`: runs the model's code in the sandbox, every binding call
 * through the pipeline under the caller's policy, and writes one audit record per execution.
 */
import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { BindingLookup, ExecuteResult, Executor, SandboxLimits, ToolInvoker } from '../../sandbox/types.js';
import { auditArgs, type AuditArgsMode } from '../audit/args.js';
import type { AuditLog } from '../audit/log.js';
import { type ErrorCode, isErrorCode } from '../errors.js';
import type { CallAudit, CallPolicy } from '../pipeline/context.js';
import { type PipelineObserver, runPipeline, type Step } from '../pipeline/pipeline.js';
import { errorResult, invalidArguments, textResult } from './tool-results.js';

export const ExecuteArgsSchema = z
  .object({ code: z.string().min(1, 'code is empty'), check: z.boolean().optional() }) // size: the sandbox's codeBytes limit
  .strict();

export interface ExecuteDeps {
  readonly executor: Executor;
  readonly steps: readonly Step[];
  readonly bindings: () => BindingLookup;
  /** Declarations of the tools the code refers to, for `check: true`. */
  readonly declarations: (code: string) => string;
  readonly observer?: PipelineObserver;
  readonly audit: AuditLog;
  readonly auditArgsMode: AuditArgsMode;
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
  const execution = deps.audit.begin({ executionId, consumer: caller.consumer, ...(caller.session === undefined ? {} : { session: caller.session }), code });

  const invoker: ToolInvoker = {
    async invoke(call, signal) {
      const audit: CallAudit = { decision: 'deny', latencyMs: 0 };
      const args = isPlainObject(call.args) ? call.args : {};
      const ctx = { executionId, policy: caller.policy, toolId: call.toolId, signal, args, audit };
      const result = await runPipeline(deps.steps, ctx, deps.observer);
      // Serialised once here: the audit needs its size, and the sandbox reuses the string.
      const outcome = result.ok ? { ...result, json: JSON.stringify(result.value) } : result;
      // Written to the audit log (a `call` record) before the result reaches the isolate: what the code saw is on disk.
      execution.call({
        tool: call.toolId,
        ...auditArgs(ctx.args, deps.auditArgsMode, deps.redact),
        decision: audit.decision,
        ...(audit.rule === undefined ? {} : { rule: audit.rule }),
        ...(audit.pinnedIgnored ? { pinnedIgnored: audit.pinnedIgnored } : {}),
        latencyMs: audit.latencyMs,
        ...(outcome.ok ? { bytes: Buffer.byteLength(outcome.json ?? '') } : {}),
        ...(audit.errorCode === undefined ? {} : { errorCode: audit.errorCode }),
        ...(audit.redactions ? { redactions: audit.redactions } : {}),
      });
      return outcome;
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
