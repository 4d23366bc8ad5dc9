/**
 * @module sandbox/bridge — the host end of every `await <namespace>.<member>(args)`.
 *
 * One host function serves all tools: it receives (namespace, member, args JSON), resolves the tool id
 * in the `BindingLookup`, enforces the per-execution call, concurrency and byte budgets, and asks the
 * `ToolInvoker`, then tells the invoker how each call ended (`settled`, for the audit) before answering.
 * It answers with a string only — `1<json>` for a value, `0<json>` for a failure — and
 * its promise never rejects: a rejected host promise handed to isolated-vm can surface as an
 * `unhandledRejection` and end the process (NOTES.md).
 */
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
import type { BindingLookup, ExecuteError, InvokeOutcome, SandboxLimits, SandboxRefusal, SettledCall, ToolInvoker } from './types.js';

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

/** One call while the bridge handles it. */
interface CallState {
  readonly seq: number;
  readonly binding: string;
  readonly argsJson: string;
  toolId?: string;
  args?: unknown;
  invoked: boolean;
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
        '0' + JSON.stringify({ code: 'TG_INTERNAL', message: `The gateway failed while calling a tool: ${String(error)}`, seq: 0 }),
      );

  /** After the execution ended: no call left waiting for a slot. */
  dispose(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }

  private async callTool(namespace: string, member: string, argsJson: string): Promise<string> {
    const call: CallState = { seq: ++this.calls, binding: `${namespace}.${member}`, argsJson, invoked: false };
    if (this.signal.aborted) return this.fail(call, 'TG_INTERNAL', 'The execution has ended.', 'ended');
    const { maxCalls } = this.limits;
    if (call.seq > maxCalls) {
      const message =
        `Tool-call limit reached: the code made more than ${maxCalls} calls (maxCalls = ${maxCalls}). ` +
        'Make fewer calls per execution: filter or batch first.';
      this.breach({ code: 'TG_BUDGET_EXCEEDED', message });
      return this.fail(call, 'TG_BUDGET_EXCEEDED', message, 'maxCalls');
    }
    call.toolId = this.lookup.resolve(namespace, member);
    if (call.toolId === undefined) return this.fail(call, 'TG_TOOL_NOT_FOUND', this.notFound(namespace, member), 'binding');
    if (nestsDeeperThan(argsJson)) {
      return this.fail(call, 'TG_ARGS_INVALID', `The arguments of ${call.binding} nest deeper than ${MAX_JSON_DEPTH} levels.`, 'args');
    }
    try {
      call.args = JSON.parse(argsJson);
    } catch {
      return this.fail(call, 'TG_ARGS_INVALID', `The arguments of ${call.binding} are not JSON.`, 'args');
    }
    const outcome = await this.invokeInSlot(call);
    if (this.signal.aborted) return this.fail(call, 'TG_INTERNAL', 'The execution has ended.', 'ended');
    if (!outcome.ok) return this.fail(call, outcome.code, outcome.message);
    return this.accept(call, outcome.value, outcome.json);
  }

  private async invokeInSlot(call: CallState): Promise<InvokeOutcome> {
    // Calls past maxConcurrentCalls wait here (FIFO) rather than fail: `Promise.all(items.map(tool))` is
    // the idiom models write, and the upstream sees at most maxConcurrentCalls at once either way.
    while (this.inFlight >= this.limits.maxConcurrentCalls && !this.signal.aborted) {
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
    if (this.signal.aborted) return { ok: false, code: 'TG_INTERNAL', message: 'The execution has ended.' };
    this.inFlight++;
    const toolId = call.toolId ?? call.binding;
    try {
      call.invoked = true;
      const outcome: unknown = await this.invoker.invoke({ toolId, args: call.args, seq: call.seq }, this.signal);
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

  private accept(call: CallState, value: unknown, serialised?: string): string {
    const toolId = call.toolId ?? call.binding;
    let json: string | undefined = serialised;
    try {
      json ??= JSON.stringify(value);
    } catch (error) {
      return this.fail(call, 'TG_INTERNAL', `The result of ${toolId} cannot be turned into JSON: ${String(error)}`);
    }
    const bytes = json === undefined ? 0 : Buffer.byteLength(json);
    const { maxCallResultBytes, maxTotalResultBytes } = this.limits;
    if (bytes > maxCallResultBytes) {
      return this.overBudget(
        call,
        `Result size limit reached: ${toolId} returned ${bytes} bytes; the limit per call ` +
          `(maxCallResultBytes) is ${maxCallResultBytes} bytes. Ask for less: filters, fields, pagination.`,
        'maxCallResultBytes',
      );
    }
    this.resultBytes += bytes;
    if (this.resultBytes > maxTotalResultBytes) {
      return this.overBudget(
        call,
        `Result size limit reached: tool results in this execution passed ${maxTotalResultBytes} bytes ` +
          `(maxTotalResultBytes = ${maxTotalResultBytes}). Fetch less per execution.`,
        'maxTotalResultBytes',
      );
    }
    this.settle(call, { ok: true, bytes });
    return json === undefined ? '1' : '1' + json;
  }

  private overBudget(call: CallState, message: string, refusedBy: SandboxRefusal): string {
    this.breach({ code: 'TG_BUDGET_EXCEEDED', message, toolId: call.toolId ?? call.binding });
    return this.fail(call, 'TG_BUDGET_EXCEEDED', message, refusedBy);
  }

  private fail(call: CallState, code: string, message: string, refusedBy?: SandboxRefusal): string {
    const failure: ToolFailure = call.toolId === undefined ? { code, message } : { code, message, toolId: call.toolId };
    this.failures.set(call.seq, failure);
    this.settle(call, { ok: false, code, ...(refusedBy === undefined ? {} : { refusedBy }) });
    return '0' + JSON.stringify({ ...failure, seq: call.seq });
  }

  /** Tells the invoker how the call ended, before the code hears it; a throwing invoker cannot break the reply. */
  private settle(call: CallState, end: Pick<SettledCall, 'ok' | 'bytes' | 'code' | 'refusedBy'>): void {
    const settled: SettledCall = {
      seq: call.seq,
      binding: call.binding,
      argsJson: call.argsJson,
      invoked: call.invoked,
      ...(call.toolId === undefined ? {} : { toolId: call.toolId }),
      ...('args' in call ? { args: call.args } : {}),
      ...end,
    };
    try {
      this.invoker.settled?.(settled);
    } catch {
      // The reply still goes back: the invoker's own bookkeeping failing must not change what the code sees.
    }
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
