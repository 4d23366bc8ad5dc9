/**
 * @module sandbox/types — the sandbox's whole contract with the rest of the gateway.
 *
 * - `Executor.execute()` never throws: every outcome, including hostile code, is an `ExecuteResult`.
 * - Only JSON crosses the boundary, as strings; the host never holds an isolate object.
 * - The sandbox knows nothing of policy or upstreams: each binding call goes to the `ToolInvoker`
 *   it is handed, which answers with a value or a coded error.
 */

/** Error codes the sandbox itself raises; rows of the one table in `src/errors.ts`. */
export type SandboxErrorCode =
  | 'TG_CODE_INVALID' // the code does not parse or is too large
  | 'TG_CODE_ERROR' // the code threw an uncaught error
  | 'TG_SANDBOX_TIMEOUT' // wall-clock limit, including time spent awaiting
  | 'TG_SANDBOX_CPU' // CPU-time limit
  | 'TG_SANDBOX_MEMORY' // heap limit
  | 'TG_BUDGET_EXCEEDED' // calls, concurrency, bytes or console output over their limit
  | 'TG_RESULT_INVALID' // the returned value cannot be turned into JSON
  | 'TG_BUSY' // the executor's queue is full
  | 'TG_INTERNAL';

/** A tool as the sandbox sees it: enough to bind it and to declare its type. ToolRecord fits. */
export interface ToolSignature {
  readonly id: string;
  readonly server: string;
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
  readonly outputSchema?: Record<string, unknown>;
  readonly annotations?: Record<string, unknown>;
}

/** Where a tool lives in the sandbox's global scope: `await <namespace>.<member>(args)`. */
export interface Binding {
  readonly toolId: string;
  readonly namespace: string;
  readonly member: string;
}

/** The answer of the host to one binding call. `code` is a `TG_*` code. */
export type InvokeOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** One call made by sandboxed code, as handed to the invoker. */
export interface ToolCall {
  readonly toolId: string;
  /** Arguments, already parsed from the JSON the isolate sent. */
  readonly args: unknown;
  /** 1-based sequence number of the call within its execution. */
  readonly seq: number;
}

/** The host side of every binding call. Must not throw; a thrown error is reported as TG_INTERNAL. */
export interface ToolInvoker {
  invoke(call: ToolCall, signal: AbortSignal): Promise<InvokeOutcome>;
}

/** Per-execution limits; every one is a named default in `sandbox/limits.ts`. */
export interface SandboxLimits {
  readonly wallTimeMs: number;
  readonly cpuTimeMs: number;
  readonly memoryMb: number;
  readonly maxCalls: number;
  readonly maxConcurrentCalls: number;
  readonly maxCallResultBytes: number;
  readonly maxTotalResultBytes: number;
  readonly maxConsoleBytes: number;
  readonly maxCodeBytes: number;
  /** The returned value is cut to this many characters of JSON, with a notice. */
  readonly maxReturnChars: number;
}

export interface ExecuteRequest {
  readonly code: string;
  readonly bindings: readonly Binding[];
  readonly invoker: ToolInvoker;
  readonly limits?: Partial<SandboxLimits>;
}

export interface ExecuteError {
  readonly code: SandboxErrorCode | string;
  readonly message: string;
  /** Position in the code as the model wrote it (1-based), when known. */
  readonly line?: number;
  readonly column?: number;
  /** For failed tool calls that were not caught: the tool that failed. */
  readonly toolId?: string;
}

export interface ExecuteStats {
  readonly durationMs: number;
  readonly calls: number;
  readonly resultBytes: number;
}

export interface ExecuteResult {
  /** The code's returned value as JSON (after truncation), `undefined` when it returned nothing. */
  readonly result?: unknown;
  /** Set when the returned value was cut to `maxReturnChars`. */
  readonly truncated?: boolean;
  readonly error?: ExecuteError;
  /** Captured console output, one entry per call, prefixed with its level when not `log`. */
  readonly logs: readonly string[];
  readonly stats: ExecuteStats;
}

export interface Executor {
  execute(request: ExecuteRequest): Promise<ExecuteResult>;
  close(): Promise<void>;
}
