/**
 * @module src/gateway/execute — `execute_code`: runs the model's code in the sandbox, every binding call
 * through the pipeline under the caller's policy, and writes one audit record per execution.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { BindingLookup, ExecuteResult, Executor, SandboxLimits, ToolInvoker } from '../../sandbox/types.js';
import type { CallAudit, CallPolicy } from '../pipeline/context.js';
import { type PipelineObserver, runPipeline, type Step } from '../pipeline/pipeline.js';
import { errorResult, invalidArguments, textResult } from './tool-results.js';

export const MAX_CODE_CHARS = 100_000; // characters of code accepted before the sandbox even sees it

export const ExecuteArgsSchema = z
  .object({ code: z.string().min(1, 'code is empty').max(MAX_CODE_CHARS), check: z.boolean().optional() })
  .strict();

/** One audit record per execution; its calls are the pipeline's entries. */
export interface ExecutionRecord {
  readonly executionId: string;
  readonly consumer: string;
  readonly session?: string;
  readonly codeSha256: string;
  readonly codeBytes: number;
  readonly startedAt: string;
  durationMs: number;
  outcome: 'ok' | 'error';
  errorCode?: string;
  readonly calls: CallAudit[];
}

export interface ExecuteDeps {
  readonly executor: Executor;
  readonly steps: readonly Step[];
  readonly bindings: () => BindingLookup;
  /** Declarations of every tool the consumer may use, for `check: true`. */
  readonly declarations: (consumer: string) => string;
  readonly observer?: PipelineObserver;
  readonly writeAudit: (record: ExecutionRecord) => void;
}

export interface ExecuteCaller {
  readonly consumer: string;
  readonly session?: string;
  readonly policy: CallPolicy;
  readonly limits: Partial<SandboxLimits>;
}

export async function executeCode(deps: ExecuteDeps, caller: ExecuteCaller, rawArgs: unknown): Promise<CallToolResult> {
  const parsed = ExecuteArgsSchema.safeParse(rawArgs);
  if (!parsed.success) return invalidArguments('execute_code', parsed.error);
  const { code, check } = parsed.data;
  const record: ExecutionRecord = {
    executionId: randomUUID(),
    consumer: caller.consumer,
    ...(caller.session === undefined ? {} : { session: caller.session }),
    codeSha256: createHash('sha256').update(code).digest('hex'),
    codeBytes: Buffer.byteLength(code),
    startedAt: new Date().toISOString(),
    durationMs: 0,
    outcome: 'ok',
    calls: [],
  };
  const invoker: ToolInvoker = {
    invoke: (call, signal) => {
      const audit: CallAudit = { seq: call.seq, toolId: call.toolId, decision: 'deny', latencyMs: 0 };
      record.calls.push(audit);
      const args = isPlainObject(call.args) ? call.args : {};
      return runPipeline(deps.steps, { executionId: record.executionId, policy: caller.policy, toolId: call.toolId, signal, args, audit }, deps.observer);
    },
  };
  // The executor never throws: every outcome, hostile code included, is an ExecuteResult.
  const result: ExecuteResult = await deps.executor.execute({
    code,
    bindings: deps.bindings(),
    invoker,
    limits: caller.limits,
    ...(check ? { check: { declarations: deps.declarations(caller.consumer) } } : {}),
  });
  record.durationMs = result.stats.durationMs;
  if (result.error) {
    record.outcome = 'error';
    record.errorCode = result.error.code;
  }
  deps.writeAudit(record);
  return formatExecution(result, record.executionId);
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
  const body = result.result === undefined ? 'undefined (the code returned nothing; use `return` to send a value back)' : JSON.stringify(result.result, null, 2);
  const notice = result.truncated ? ['[result truncated to the response budget; return less, e.g. filter or summarise in code]'] : [];
  return { ...textResult([body, ...notice, ...logs].join('\n')), _meta: meta };
}
