/**
 * @module sandbox/bridge — the host end of every `await <namespace>.<member>(args)`.
 *
 * One host function serves all tools: it receives (namespace, member, args JSON), resolves the tool id
 * in the `BindingLookup`, enforces the per-execution call, concurrency and byte budgets, and asks the
 * `ToolInvoker`. It answers with a string only — `1<json>` for a value, `0<json>` for a failure — and
 * its promise never rejects: a rejected host promise handed to isolated-vm can surface as an
 * `unhandledRejection` and end the process (NOTES.md).
 */
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import type { BindingLookup, ExecuteError, InvokeOutcome, SandboxLimits, ToolInvoker } from './types.js';

/**
 * Arguments JSON one call may send, in characters (4 Mi). Checked in the isolate before anything crosses:
 * the host holds the arguments of every call in flight, and the isolate's heap could otherwise mint them
 * faster than upstreams drain them.
 */
export const MAX_CALL_ARGS_CHARS = 4_194_304;

export interface ToolFailure {
  readonly code: string;
  readonly message: string;
  readonly toolId?: string;
}

export class Bridge {
  calls = 0;
  resultBytes = 0;
  /** Failed calls by sequence number: an uncaught tool error is reported from here, not from the isolate. */
  readonly failures = new Map<number, ToolFailure>();
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly lookup: BindingLookup,
    private readonly invoker: ToolInvoker,
    private readonly limits: SandboxLimits,
    private readonly signal: AbortSignal,
    private readonly breach: (error: ExecuteError) => void,
  ) {}

  readonly call = (namespace: unknown, member: unknown, argsJson: unknown): Promise<string> =>
    Promise.resolve()
      .then(() => this.callTool(String(namespace), String(member), String(argsJson)))
      .catch((error: unknown) =>
        this.fail(0, 'TG_INTERNAL', `The gateway failed while calling a tool: ${String(error)}`),
      );

  /** After the execution ended: no call left waiting for a slot. */
  dispose(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async callTool(namespace: string, member: string, argsJson: string): Promise<string> {
    const seq = ++this.calls;
    if (this.signal.aborted) return this.fail(seq, 'TG_INTERNAL', 'The execution has ended.');
    const { maxCalls } = this.limits;
    if (seq > maxCalls) {
      const message =
        `Tool-call limit reached: the code made more than ${maxCalls} calls (maxCalls = ${maxCalls}). ` +
        'Make fewer calls per execution: filter or batch first.';
      this.breach({ code: 'TG_BUDGET_EXCEEDED', message });
      return this.fail(seq, 'TG_BUDGET_EXCEEDED', message);
    }
    const toolId = this.lookup.resolve(namespace, member);
    if (toolId === undefined) return this.fail(seq, 'TG_TOOL_NOT_FOUND', this.notFound(namespace, member));
    if (nestsDeeperThan(argsJson)) {
      return this.fail(
        seq,
        'TG_ARGS_INVALID',
        `The arguments of ${namespace}.${member} nest deeper than ${MAX_JSON_DEPTH} levels.`,
        toolId,
      );
    }
    let args: unknown;
    try {
      args = JSON.parse(argsJson);
    } catch {
      return this.fail(seq, 'TG_ARGS_INVALID', `The arguments of ${namespace}.${member} are not JSON.`, toolId);
    }
    const outcome = await this.invokeInSlot(toolId, args, seq);
    if (this.signal.aborted) return this.fail(seq, 'TG_INTERNAL', 'The execution has ended.', toolId);
    if (!outcome.ok) return this.fail(seq, outcome.code, outcome.message, toolId);
    return this.accept(toolId, outcome.value, seq, outcome.json);
  }

  private async invokeInSlot(toolId: string, args: unknown, seq: number): Promise<InvokeOutcome> {
    // Calls past maxConcurrentCalls wait here (FIFO) rather than fail: `Promise.all(items.map(tool))` is
    // the idiom models write, and the upstream sees at most maxConcurrentCalls at once either way.
    while (this.inFlight >= this.limits.maxConcurrentCalls && !this.signal.aborted) {
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
    if (this.signal.aborted) return { ok: false, code: 'TG_INTERNAL', message: 'The execution has ended.' };
    this.inFlight++;
    try {
      const outcome: unknown = await this.invoker.invoke({ toolId, args, seq }, this.signal);
      return isOutcome(outcome)
        ? outcome
        : { ok: false, code: 'TG_INTERNAL', message: `The gateway returned no valid outcome for ${toolId}.` };
    } catch (error) {
      return {
        ok: false,
        code: 'TG_INTERNAL',
        message: `The gateway failed while calling ${toolId}: ${String(error)}`,
      };
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private accept(toolId: string, value: unknown, seq: number, serialised?: string): string {
    let json: string | undefined = serialised;
    try {
      json ??= JSON.stringify(value);
    } catch (error) {
      return this.fail(
        seq,
        'TG_INTERNAL',
        `The result of ${toolId} cannot be turned into JSON: ${String(error)}`,
        toolId,
      );
    }
    if (json === undefined) return '1';
    const bytes = Buffer.byteLength(json);
    const { maxCallResultBytes, maxTotalResultBytes } = this.limits;
    if (bytes > maxCallResultBytes) {
      return this.overBudget(
        seq,
        toolId,
        `Result size limit reached: ${toolId} returned ${bytes} bytes; the limit per call ` +
          `(maxCallResultBytes) is ${maxCallResultBytes} bytes. Ask for less: filters, fields, pagination.`,
      );
    }
    this.resultBytes += bytes;
    if (this.resultBytes > maxTotalResultBytes) {
      return this.overBudget(
        seq,
        toolId,
        `Result size limit reached: tool results in this execution passed ${maxTotalResultBytes} bytes ` +
          `(maxTotalResultBytes = ${maxTotalResultBytes}). Fetch less per execution.`,
      );
    }
    return '1' + json;
  }

  private overBudget(seq: number, toolId: string, message: string): string {
    this.breach({ code: 'TG_BUDGET_EXCEEDED', message, toolId });
    return this.fail(seq, 'TG_BUDGET_EXCEEDED', message, toolId);
  }

  private fail(seq: number, code: string, message: string, toolId?: string): string {
    const failure: ToolFailure = toolId === undefined ? { code, message } : { code, message, toolId };
    if (seq > 0) this.failures.set(seq, failure);
    return '0' + JSON.stringify({ ...failure, seq });
  }

  private notFound(namespace: string, member: string): string {
    const suggestions = this.lookup.suggest(namespace, member).map((name) => `${namespace}.${name}`);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(' or ')}?` : '';
    return `No tool is bound to ${namespace}.${member}.${hint} Use search_tools to find the exact name.`;
  }
}

function isOutcome(value: unknown): value is InvokeOutcome {
  if (typeof value !== 'object' || value === null) return false;
  const outcome = value as Record<string, unknown>;
  if (outcome.ok === true) return true;
  return outcome.ok === false && typeof outcome.code === 'string' && typeof outcome.message === 'string';
}
