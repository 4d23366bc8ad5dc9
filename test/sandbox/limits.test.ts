/**
 * Each limit, when breached, ends the execution with its TG_* code, a message naming the limit and its
 * value, and the logs so far; the executor then serves the next execution.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createExecutor } from '../../sandbox/executor.js';
import { DEFAULT_LIMITS, mergeLimits, MIN_MEMORY_MB } from '../../sandbox/limits.js';
import type { SandboxLimits } from '../../sandbox/types.js';
import { FakeInvoker, TABLE } from './helpers.js';

const executor = createExecutor({ limits: { wallTimeMs: 5_000 } });
afterAll(() => executor.close());
const run = (code: string, limits: Partial<SandboxLimits>, invoker = new FakeInvoker()) =>
  executor.execute({ code, bindings: TABLE, invoker, limits });

afterEach(async () => {
  const next = await run('return (await math.add({ a: 20, b: 22 })).sum;', {});
  expect(next).toMatchObject({ result: 42, logs: [] });
});

describe('limits', () => {
  it('wall time covers a never-settling promise', async () => {
    const result = await run('console.log("before");\nawait new Promise(() => {});', { wallTimeMs: 300 });
    expect(result.error?.code).toBe('TG_SANDBOX_TIMEOUT');
    expect(result.error?.message).toContain('wallTimeMs = 300');
    expect(result.logs).toEqual(['before']);
  });

  it('wall time covers a tool call that never answers, and aborts it', async () => {
    const invoker = new FakeInvoker();
    const result = await run('console.log("calling");\nawait slow.never({});', { wallTimeMs: 300 }, invoker);
    expect(result.error?.code).toBe('TG_SANDBOX_TIMEOUT');
    expect(result.logs).toEqual(['calling']);
    expect(invoker.aborted).toBe(1);
  });

  it('CPU time ends a busy loop before any await', async () => {
    const result = await run('console.log("spin");\nfor (;;) {}', { cpuTimeMs: 200 });
    expect(result.error?.code).toBe('TG_SANDBOX_CPU');
    expect(result.error?.message).toContain('cpuTimeMs = 200');
    expect(result.logs).toEqual(['spin']);
    expect(result.stats.cpuMs).toBeGreaterThanOrEqual(200);
  });

  it('CPU time ends a busy loop after an await', async () => {
    const result = await run('await math.add({ a: 1, b: 1 });\nconsole.log("now spin");\nwhile (true) {}', {
      cpuTimeMs: 200,
    });
    expect(result.error?.code).toBe('TG_SANDBOX_CPU');
    expect(result.logs).toEqual(['now spin']);
    expect(result.stats.calls).toBe(1);
  });

  it('heap memory ends an allocation loop', async () => {
    const result = await run(
      'console.log("grow");\nconst keep = [];\nfor (;;) keep.push({ n: Math.random(), s: "x" + Math.random() });',
      { memoryMb: 16 },
    );
    expect(result.error?.code).toBe('TG_SANDBOX_MEMORY');
    expect(result.error?.message).toContain('memoryMb = 16');
    expect(result.logs).toEqual(['grow']);
  });

  it('calls per execution: the call past the limit ends the execution even if the code catches it', async () => {
    const invoker = new FakeInvoker();
    const code =
      'for (let i = 0; i < 10; i++) {\n  try { await math.add({ a: i, b: 0 }); } catch {}\n  console.log(i);\n}\nreturn "finished";';
    const result = await run(code, { maxCalls: 5 }, invoker);
    expect(result.error?.code).toBe('TG_BUDGET_EXCEEDED');
    expect(result.error?.message).toContain('maxCalls = 5');
    expect(result.result).toBeUndefined();
    expect(result.logs).toEqual(['0', '1', '2', '3', '4']);
    expect(invoker.calls).toHaveLength(5);
  });

  it('concurrent calls: calls past the limit wait for a free slot instead of failing', async () => {
    const invoker = new FakeInvoker();
    const code =
      'const all = await Promise.all(Array.from({ length: 20 }, () => slow.wait({ ms: 5 })));\nreturn all.length;';
    const result = await run(code, { maxConcurrentCalls: 3 }, invoker);
    expect(result.result).toBe(20);
    expect(invoker.maxInFlight).toBe(3);
  });

  it('bytes per call result', async () => {
    const result = await run('console.log("fetching");\nawait echo.big({ size: 2000 });', { maxCallResultBytes: 1000 });
    expect(result.error).toMatchObject({ code: 'TG_BUDGET_EXCEEDED', toolId: 'echo.big' });
    expect(result.error?.message).toContain('(maxCallResultBytes) is 1000 bytes');
    expect(result.logs).toEqual(['fetching']);
  });

  it('bytes of all call results in one execution', async () => {
    const code = 'for (let i = 0; i < 5; i++) { await echo.big({ size: 300 }); console.log(i); }';
    const result = await run(code, { maxTotalResultBytes: 1000 });
    expect(result.error?.code).toBe('TG_BUDGET_EXCEEDED');
    expect(result.error?.message).toContain('maxTotalResultBytes = 1000');
    expect(result.logs).toEqual(['0', '1', '2']);
  });

  it('console output: kept up to the limit, then the execution ends', async () => {
    const result = await run('for (let i = 0; i < 100; i++) console.log("x".repeat(49));\nreturn "unreached";', {
      maxConsoleBytes: 1000,
    });
    expect(result.error?.code).toBe('TG_BUDGET_EXCEEDED');
    expect(result.error?.message).toContain('maxConsoleBytes = 1000');
    expect(result.logs.join('').length).toBe(1000);
    expect(result.logs[0]).toBe('x'.repeat(49));
    expect(result.result).toBeUndefined();
  });

  it('code size', async () => {
    const result = await run(`return "${'a'.repeat(2000)}";`, { maxCodeBytes: 1000 });
    expect(result.error).toEqual({
      code: 'TG_CODE_INVALID',
      message: 'Code size limit reached: the code is 2010 bytes; the limit (maxCodeBytes) is 1000. Send less code.',
    });
  });
});

describe('mergeLimits', () => {
  it('starts from the named defaults, later layers win field by field', () => {
    expect(mergeLimits()).toEqual(DEFAULT_LIMITS);
    expect(mergeLimits({ maxCalls: 5, wallTimeMs: 100 }, { maxCalls: 7 })).toEqual({
      ...DEFAULT_LIMITS,
      maxCalls: 7,
      wallTimeMs: 100,
    });
  });

  it('refuses a limit that is not a positive number, naming it', () => {
    expect(() => mergeLimits({ maxCalls: 0 })).toThrow('sandbox limit maxCalls must be a positive number, got 0');
    expect(() => mergeLimits({ wallTimeMs: Number.NaN })).toThrow('wallTimeMs');
  });

  it('raises the heap limit to what isolated-vm accepts', () => {
    expect(mergeLimits({ memoryMb: 1 }).memoryMb).toBe(MIN_MEMORY_MB);
  });

  it('an invalid per-request limit is a TG_INTERNAL result, not a throw', async () => {
    const result = await run('return 1', { maxCalls: -1 });
    expect(result.error?.code).toBe('TG_INTERNAL');
    expect(result.error?.message).toContain('maxCalls');
  });
});
