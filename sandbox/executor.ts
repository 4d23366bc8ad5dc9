/**
 * @module sandbox/executor — `createExecutor()`: the sandbox's one entry point.
 *
 * The order of one `execute()`: merge limits → code size → strip types (syntax errors) → wait for a
 * pool slot → optional type-check (on a worker thread) → run in a fresh isolate (made ahead: spares.ts). Every step answers with an
 * `ExecuteResult`; nothing throws to the caller, whatever the code does. The request's `signal` can end
 * it at any step (TG_CANCELLED).
 */
import { toLookup } from './binding-table.js';
import { IsolateRun } from './isolate-runner.js';
import { mergeLimits } from './limits.js';
import { ExecutionPool } from './pool.js';
import { SpareIsolates } from './spares.js';
import { transpile } from './transpile.js';
import { checkTypes } from './typecheck-client.js';
import type { ExecuteError, ExecuteRequest, ExecuteResult, Executor, ExecutorOptions } from './types.js';

/** The result of an execution whose caller aborted `ExecuteRequest.signal`. */
const CANCELLED: ExecuteError = {
  code: 'TG_CANCELLED',
  message: 'The request was cancelled by the client; the execution was stopped.',
};

export function createExecutor(options: ExecutorOptions = {}): Executor {
  const defaults = mergeLimits(options.limits);
  const pool = new ExecutionPool({
    maxConcurrent: options.maxConcurrentExecutions,
    maxQueued: options.maxQueuedExecutions,
    maxQueueWaitMs: options.maxQueueWaitMs,
  });
  const running = new Set<IsolateRun>();
  const spares = new SpareIsolates(defaults.memoryMb, options.spareIsolates, options.onCatastrophicError);
  const fresh = (memoryMb: number) => spares.take(memoryMb);

  async function execute(request: ExecuteRequest): Promise<ExecuteResult> {
    const started = performance.now();
    const refuse = (error: ExecuteError): ExecuteResult => ({
      error,
      logs: [],
      stats: { durationMs: performance.now() - started, calls: 0, resultBytes: 0 },
    });
    const { signal } = request;
    try {
      if (signal?.aborted) return refuse(CANCELLED);
      const limits = mergeLimits(defaults, request.limits);
      const code = String(request.code);
      const bytes = Buffer.byteLength(code);
      if (bytes > limits.maxCodeBytes) {
        return refuse({
          code: 'TG_CODE_INVALID',
          message: `Code size limit reached: the code is ${bytes} bytes; the limit (maxCodeBytes) is ${limits.maxCodeBytes}. Send less code.`,
        });
      }
      const transpiled = await transpile(code);
      if (!transpiled.ok)
        return refuse({ code: 'TG_CODE_INVALID', message: transpiled.message, ...transpiled.position });
      const lookup = toLookup(request.bindings);
      const admission = await pool.acquire(signal);
      if (!admission.ok) {
        return refuse(signal?.aborted ? CANCELLED : { code: 'TG_BUSY', message: `${admission.reason} Retry in a moment.` });
      }
      try {
        // Checked inside a slot, so the pool bounds how many checks wait on the checker too.
        const typeError = request.check === undefined ? undefined : await typeErrors(code, request.check.declarations);
        if (typeError !== undefined) return refuse(typeError);
        if (signal?.aborted) return refuse(CANCELLED);
        const run = new IsolateRun({ fresh, compiled: transpiled.compiled, lookup, invoker: request.invoker, limits });
        const cancel = (): void => run.cancel(CANCELLED);
        signal?.addEventListener('abort', cancel, { once: true });
        running.add(run);
        try {
          return await run.run();
        } finally {
          running.delete(run);
          signal?.removeEventListener('abort', cancel);
        }
      } finally {
        admission.release();
      }
    } catch (error) {
      return refuse({
        code: 'TG_INTERNAL',
        message: `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  async function close(): Promise<void> {
    pool.close();
    spares.close();
    for (const run of running)
      run.cancel({ code: 'TG_BUSY', message: 'The executor is shutting down; the execution was stopped.' });
  }

  return { execute, close };
}

async function typeErrors(code: string, declarations: string): Promise<ExecuteError | undefined> {
  const outcome = await checkTypes(code, declarations);
  if (!outcome.ok) return { code: 'TG_CODE_INVALID', message: outcome.message };
  const [first] = outcome.diagnostics;
  if (first === undefined) return undefined;
  const more = outcome.diagnostics.length > 1 ? ` (and ${outcome.diagnostics.length - 1} more type errors)` : '';
  return {
    code: 'TG_CODE_INVALID',
    message: `Type error: ${first.message}${more}`,
    line: first.line,
    column: first.column,
    diagnostics: outcome.diagnostics,
  };
}
