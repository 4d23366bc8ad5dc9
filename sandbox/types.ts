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
  | 'TG_CANCELLED' // the caller's signal aborted (the client cancelled the request)
  | 'TG_TOOL_NOT_FOUND' // the code called `<namespace>.<member>` that no binding names
  | 'TG_ARGS_INVALID' // the code passed arguments that cannot be turned into JSON
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
  | {
      readonly ok: true;
      readonly value: unknown;
      /** `value` already serialised, when the invoker has it: spares the bridge a second JSON.stringify. */
      readonly json?: string;
    }
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
  /**
   * Told once per call the code made, with what the code received, before the code receives it: calls
   * the sandbox refused without invoking (unknown binding, bad arguments, call budget) included. Must
   * not throw.
   */
  settled?(call: SettledCall): void;
}

/** Which part of the sandbox refused a call or its result (undefined: the invoker decided). */
export type SandboxRefusal = 'binding' | 'args' | 'maxCalls' | 'maxCallResultBytes' | 'maxTotalResultBytes' | 'ended';

/** One call as it ended for the code. */
export interface SettledCall {
  /** 1-based, as in ToolCall. */
  readonly seq: number;
  /** What the code called: `namespace.member`. */
  readonly binding: string;
  /** Undefined when no tool is bound to `binding`. */
  readonly toolId?: string;
  /** The parsed arguments; undefined when they were refused unparsed (`argsJson` then holds them). */
  readonly args?: unknown;
  readonly argsJson: string;
  /** Whether the invoker ran for this call. */
  readonly invoked: boolean;
  readonly ok: boolean;
  /** Bytes of the JSON result handed to the code (ok only). */
  readonly bytes?: number;
  /** The failure's code (not ok only). */
  readonly code?: string;
  readonly refusedBy?: SandboxRefusal;
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

/**
 * The bindings of one request, indexed for the host: `namespace.member` → tool id. Built once from
 * `Binding[]` (see `sandbox/binding-table.ts`) and reused across executions, so an estate of thousands
 * of tools costs nothing per execution beyond the namespace names.
 */
export interface BindingLookup {
  /** The namespaces to define as globals in the isolate, in a stable order. */
  readonly namespaces: readonly string[];
  /** Members that a plain property lookup would otherwise treat as special (`then`, `toJSON`), by namespace. */
  readonly specialMembers: Readonly<Record<string, readonly string[]>>;
  resolve(namespace: string, member: string): string | undefined;
  /** Up to a few bound members of `namespace` that look like `member`, for "did you mean" messages. */
  suggest(namespace: string, member: string): readonly string[];
}

export interface ExecuteRequest {
  readonly code: string;
  /** A prebuilt `BindingTable` (preferred for large estates) or the plain list. */
  readonly bindings: readonly Binding[] | BindingLookup;
  readonly invoker: ToolInvoker;
  readonly limits?: Partial<SandboxLimits>;
  /**
   * Opt-in type-check before running: the code is checked against `declarations` (the TypeScript the
   * model was shown). With errors, nothing runs and the result carries TG_CODE_INVALID and `diagnostics`.
   */
  readonly check?: { readonly declarations: string };
  /**
   * The caller gave up (the MCP client cancelled the request). Aborting it takes a waiting execution out
   * of the queue and stops a running one (its isolate is disposed, calls in flight see the abort); the
   * result is TG_CANCELLED with the logs so far.
   */
  readonly signal?: AbortSignal;
}

/** One type-check finding, positioned in the code as the model wrote it (1-based). */
export interface Diagnostic {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** TypeScript's own error number (`TS2345` → 2345). */
  readonly tsCode: number;
}

export interface ExecuteError {
  readonly code: SandboxErrorCode | string;
  readonly message: string;
  /** Position in the code as the model wrote it (1-based), when known. */
  readonly line?: number;
  readonly column?: number;
  /** For failed tool calls that were not caught: the tool that failed. */
  readonly toolId?: string;
  /** With `check`: every type error found (the first is also in `message`, `line`, `column`). */
  readonly diagnostics?: readonly Diagnostic[];
}

export interface ExecuteStats {
  readonly durationMs: number;
  readonly calls: number;
  readonly resultBytes: number;
  /** CPU time the isolate used, in milliseconds, when one ran (absent when refused before running). */
  readonly cpuMs?: number;
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
  /** Ends running executions (their results say so), refuses queued and new ones with TG_BUSY. */
  close(): Promise<void>;
}

export interface ExecutorOptions {
  /** Defaults for every execution; a request's own `limits` override them field by field. */
  readonly limits?: Partial<SandboxLimits>;
  /** Executions running at once; see `sandbox/pool.ts` for the default. */
  readonly maxConcurrentExecutions?: number;
  /** Executions waiting for a slot; one more is refused at once with TG_BUSY. */
  readonly maxQueuedExecutions?: number;
  /** How long an execution may wait for a slot before TG_BUSY, in milliseconds. */
  readonly maxQueueWaitMs?: number;
  /** Never-used isolates kept ready (0 to make each on demand); see `sandbox/spares.ts`. */
  readonly spareIsolates?: number;
  /**
   * isolated-vm's "V8 lost control of an isolate" hook (`onCatastrophicError`). isolated-vm advises to log,
   * stop serving and abort the process; the gateway decides, so the sandbox only forwards it.
   */
  readonly onCatastrophicError?: (message: string) => void;
}
