/**
 * @module test/sandbox/helpers — a fake in-process ToolInvoker (the sandbox's own seam) and small helpers.
 */
import { afterAll, beforeAll } from 'vitest';
import { BindingTable } from '../../sandbox/binding-table.js';
import type { Binding, InvokeOutcome, SettledCall, ToolCall, ToolInvoker } from '../../sandbox/types.js';

export const BINDINGS: Binding[] = [
  { toolId: 'math.add', namespace: 'math', member: 'add' },
  { toolId: 'math.fail', namespace: 'math', member: 'fail' },
  { toolId: 'echo.echo', namespace: 'echo', member: 'echo' },
  { toolId: 'echo.big', namespace: 'echo', member: 'big' },
  { toolId: 'slow.wait', namespace: 'slow', member: 'wait' },
  { toolId: 'slow.never', namespace: 'slow', member: 'never' },
  { toolId: 'store.put', namespace: 'store', member: 'put' },
  { toolId: 'store.get', namespace: 'store', member: 'get' },
  { toolId: 'weird.then', namespace: 'weird', member: 'then' },
];

export const TABLE = new BindingTable(BINDINGS);

/** A fake upstream estate: pure functions of their arguments, plus a per-invoker store. */
export class FakeInvoker implements ToolInvoker {
  readonly calls: ToolCall[] = [];
  /** How each call ended for the code, in the order the bridge reported them. */
  readonly settledCalls: SettledCall[] = [];
  readonly store = new Map<string, unknown>();
  maxInFlight = 0;
  aborted = 0;
  private inFlight = 0;

  async invoke(call: ToolCall, signal: AbortSignal): Promise<InvokeOutcome> {
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.answer(call, signal);
    } finally {
      this.inFlight--;
    }
  }

  settled(call: SettledCall): void {
    this.settledCalls.push(call);
  }

  private async answer(call: ToolCall, signal: AbortSignal): Promise<InvokeOutcome> {
    const args = (call.args ?? {}) as Record<string, unknown>;
    switch (call.toolId) {
      case 'math.add':
        return { ok: true, value: { sum: Number(args.a) + Number(args.b) } };
      case 'math.fail':
        return {
          ok: false,
          code: 'TG_UPSTREAM_ERROR',
          message: `math.fail: upstream said ${String(args.why ?? 'no')}`,
        };
      case 'echo.echo':
        return { ok: true, value: call.args };
      case 'echo.big':
        return { ok: true, value: 'x'.repeat(Number(args.size)) };
      case 'weird.then':
        return { ok: true, value: 'then was called' };
      case 'slow.wait':
        await delay(Number(args.ms ?? 5), signal);
        return { ok: true, value: { waited: args.ms } };
      case 'slow.never':
        await new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            this.aborted++;
            resolve();
          }),
        );
        return { ok: false, code: 'TG_UPSTREAM_TIMEOUT', message: 'aborted' };
      case 'store.put':
        this.store.set(String(args.key), args.value);
        return { ok: true, value: null };
      case 'store.get':
        return { ok: true, value: this.store.get(String(args.key)) ?? null };
      default:
        return { ok: false, code: 'TG_TOOL_NOT_FOUND', message: `unknown ${call.toolId}` };
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Collects the process's unhandled rejections for the file that calls it (listening from beforeAll to afterAll). */
export function collectUnhandledRejections(): unknown[] {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  beforeAll(() => void process.on('unhandledRejection', onUnhandled));
  afterAll(() => void process.off('unhandledRejection', onUnhandled));
  return unhandled;
}
