/**
 * Executions run in a bounded pool with a bounded queue: past it TG_BUSY at once, never a hang; a
 * runaway holds only its own slot.
 */
import { describe, expect, it } from 'vitest';
import { createExecutor } from '../../sandbox/executor.js';
import { ExecutionPool } from '../../sandbox/pool.js';
import { FakeInvoker, TABLE } from './helpers.js';

describe('ExecutionPool', () => {
  it('admits up to maxConcurrent, queues up to maxQueued, refuses the next at once', async () => {
    const pool = new ExecutionPool({ maxConcurrent: 1, maxQueued: 1, maxQueueWaitMs: 5_000 });
    const first = await pool.acquire();
    const second = pool.acquire();
    const third = await pool.acquire();
    expect(first.ok).toBe(true);
    expect(third).toEqual({
      ok: false,
      reason: 'All 1 execution slots are busy and 1 executions are already waiting.',
    });
    expect(pool.queued).toBe(1);
    if (first.ok) first.release();
    const admitted = await second;
    expect(admitted.ok).toBe(true);
    expect(pool.active).toBe(1);
    if (admitted.ok) admitted.release();
    expect(pool.active).toBe(0);
  });

  it('refuses a waiter after maxQueueWaitMs', async () => {
    const pool = new ExecutionPool({ maxConcurrent: 1, maxQueued: 4, maxQueueWaitMs: 50 });
    const held = await pool.acquire();
    expect(await pool.acquire()).toEqual({
      ok: false,
      reason: 'No execution slot became free within 50 ms (maxQueueWaitMs).',
    });
    expect(pool.queued).toBe(0);
    if (held.ok) held.release();
  });

  it('a waiter whose signal aborts leaves the queue at once, and the next release skips it', async () => {
    const pool = new ExecutionPool({ maxConcurrent: 1, maxQueued: 4, maxQueueWaitMs: 5_000 });
    const held = await pool.acquire();
    const cancel = new AbortController();
    const cancelled = pool.acquire(cancel.signal);
    const next = pool.acquire();
    expect(pool.queued).toBe(2);
    cancel.abort();
    expect(await cancelled).toEqual({ ok: false, reason: 'The request was cancelled.' });
    expect(pool.queued).toBe(1);
    if (held.ok) held.release();
    const admitted = await next;
    expect(admitted.ok).toBe(true);
    expect(pool.active).toBe(1);
    // An already aborted signal is refused without queueing.
    expect(await pool.acquire(cancel.signal)).toEqual({ ok: false, reason: 'The request was cancelled.' });
    expect(pool.queued).toBe(0);
  });

  it('releasing twice frees one slot only', async () => {
    const pool = new ExecutionPool({ maxConcurrent: 2, maxQueued: 0 });
    const a = await pool.acquire();
    await pool.acquire();
    if (a.ok) {
      a.release();
      a.release();
    }
    expect(pool.active).toBe(1);
  });

  it('refuses bad sizes', () => {
    expect(() => new ExecutionPool({ maxConcurrent: 0 })).toThrow(
      'maxConcurrentExecutions must be a positive integer, got 0',
    );
  });
});

describe('executor under load', () => {
  it('answers TG_BUSY at once past the queue, and serves again when the pool drains', async () => {
    const executor = createExecutor({ maxConcurrentExecutions: 2, maxQueuedExecutions: 2, maxQueueWaitMs: 10_000 });
    const invoker = new FakeInvoker();
    const slow = Array.from({ length: 4 }, () =>
      executor.execute({ code: 'await slow.wait({ ms: 300 }); return "ok";', bindings: TABLE, invoker }),
    );
    // Transpiling is async, so wait until two run (their calls arrived) and the two others had time to queue.
    for (let i = 0; i < 200 && invoker.calls.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await executor.execute({ code: 'return 1', bindings: TABLE, invoker });
    expect(refused.error?.code).toBe('TG_BUSY');
    expect(refused.error?.message).toBe(
      'All 2 execution slots are busy and 2 executions are already waiting. Retry in a moment.',
    );
    const done = await Promise.all(slow);
    expect(done.map((r) => r.result)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect((await executor.execute({ code: 'return 1', bindings: TABLE, invoker })).result).toBe(1);
    await executor.close();
  });

  it('a runaway execution holds one slot; the others keep completing meanwhile', async () => {
    const executor = createExecutor({ maxConcurrentExecutions: 2, maxQueuedExecutions: 8 });
    const invoker = new FakeInvoker();
    const runaway = executor.execute({
      code: 'for (;;) {}',
      bindings: TABLE,
      invoker,
      limits: { cpuTimeMs: 20_000, wallTimeMs: 20_000 },
    });
    const others: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await executor.execute({
        code: `return (await math.add({ a: ${i}, b: 1 })).sum;`,
        bindings: TABLE,
        invoker,
      });
      others.push(r.result);
    }
    expect(others).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await executor.close();
    const ended = await runaway;
    expect(ended.error).toEqual({
      code: 'TG_BUSY',
      message: 'The executor is shutting down; the execution was stopped.',
    });
  });

  it('a cancelled request stops its running execution (upstream call aborted) and leaves the queue', async () => {
    const executor = createExecutor({ maxConcurrentExecutions: 1, maxQueuedExecutions: 4 });
    const invoker = new FakeInvoker();
    const running = new AbortController();
    const first = executor.execute({
      code: 'console.log("before"); await slow.never({}); return "never";',
      bindings: TABLE,
      invoker,
      signal: running.signal,
      limits: { wallTimeMs: 20_000 },
    });
    const queued = new AbortController();
    const waiting = executor.execute({ code: 'return "queued"', bindings: TABLE, invoker, signal: queued.signal });
    for (let i = 0; i < 200 && invoker.calls.length < 1; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    queued.abort();
    const left = await waiting;
    expect(left.error).toEqual({
      code: 'TG_CANCELLED',
      message: 'The request was cancelled by the client; the execution was stopped.',
    });
    const started = performance.now();
    running.abort();
    const stopped = await first;
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(stopped.error?.code).toBe('TG_CANCELLED');
    expect(stopped.logs).toEqual(['before']);
    expect(invoker.aborted).toBe(1);
    // The slot is free again and nothing leaked into the next execution.
    expect((await executor.execute({ code: 'return 1', bindings: TABLE, invoker })).result).toBe(1);
    // A signal aborted before the call: nothing runs, no tool is called.
    const calls = invoker.calls.length;
    const refused = await executor.execute({ code: 'await math.add({ a: 1, b: 2 }); return 1', bindings: TABLE, invoker, signal: running.signal });
    expect(refused.error?.code).toBe('TG_CANCELLED');
    expect(invoker.calls.length).toBe(calls);
    await executor.close();
  });

  it('after close, new executions are refused with TG_BUSY', async () => {
    const executor = createExecutor();
    await executor.close();
    const result = await executor.execute({ code: 'return 1', bindings: TABLE, invoker: new FakeInvoker() });
    expect(result.error).toEqual({ code: 'TG_BUSY', message: 'The executor is shutting down. Retry in a moment.' });
  });
});
