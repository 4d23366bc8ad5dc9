/**
 * Nothing of one execution reaches the next; the isolate offers no host powers; a failing host side never
 * becomes an unhandled rejection.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createExecutor } from '../../sandbox/executor.js';
import type { InvokeOutcome, ToolCall, ToolInvoker } from '../../sandbox/types.js';
import { collectUnhandledRejections, FakeInvoker, TABLE } from './helpers.js';

const executor = createExecutor();
const run = (code: string, invoker: ToolInvoker = new FakeInvoker()) =>
  executor.execute({ code, bindings: TABLE, invoker });
const unhandled = collectUnhandledRejections();
afterAll(() => executor.close());
afterEach(() => expect(unhandled).toEqual([]));

describe('between executions', () => {
  it('globals, prototypes and built-ins changed by one execution are pristine in the next', async () => {
    const polluter = [
      'globalThis.secret = "s3cret";',
      'Object.prototype.polluted = true;',
      'Array.prototype.map = () => "hijacked";',
      'JSON.stringify = () => "forged";',
      'Promise.prototype.then = function () { return "never"; };',
      'Error.prepareStackTrace = () => "fake stack";',
      'return "done";',
    ].join('\n');
    expect((await run(polluter)).result).toBe('done');
    const probe =
      'return [typeof globalThis.secret, ({}).polluted, [1].map((x) => x + 1), JSON.stringify({ a: 1 }), typeof Error.prepareStackTrace];';
    expect((await run(probe)).result).toEqual(['undefined', null, [2], '{"a":1}', 'undefined']);
  });

  it("a concurrent execution cannot find another one's data", async () => {
    const holder = run(
      'globalThis.token = "tok-123"; const keep = { token: "tok-123" };\nawait slow.wait({ ms: 150 });\nreturn keep.token;',
    );
    const seeker = await run(
      'const found = Object.getOwnPropertyNames(globalThis).filter((k) => { try { return JSON.stringify(globalThis[k]).includes("tok-123"); } catch { return false; } });\nreturn [typeof globalThis.token, found];',
    );
    expect(seeker.result).toEqual(['undefined', []]);
    expect((await holder).result).toBe('tok-123');
  });

  it('work an execution left pending never runs after it returned, here or in the next one', async () => {
    const invoker = new FakeInvoker();
    const first = await run(
      'slow.wait({ ms: 100 }).then(() => { console.log("late"); return store.put({ key: "late", value: 1 }); });\nreturn "returned";',
      invoker,
    );
    expect(first).toMatchObject({ result: 'returned', logs: [] });
    const second = await run('await sleep(200);\nreturn await store.get({ key: "late" });', invoker);
    expect(second).toMatchObject({ result: null, logs: [] });
  });
});

describe('no host powers', () => {
  it.each([
    ['process', 'return typeof process'],
    ['require', 'return typeof require'],
    ['fetch', 'return typeof fetch'],
    ['setTimeout', 'return typeof setTimeout'],
    ['setInterval', 'return typeof setInterval'],
    ['queueMicrotask', 'return typeof queueMicrotask'],
    ['WebAssembly', 'return typeof WebAssembly'],
    ['SharedArrayBuffer', 'return typeof SharedArrayBuffer'],
    ['Atomics', 'return typeof Atomics'],
  ])('%s is absent', async (_name, code) => {
    expect((await run(code)).result).toBe('undefined');
  });

  it("the constructor chain leads to the isolate's own Function, with no process behind it", async () => {
    const result = await run('return (() => {}).constructor.constructor("return typeof process")();');
    expect(result.result).toBe('undefined');
    const escape = await run(
      'return Object.getPrototypeOf(math) === null && typeof Object.getOwnPropertyDescriptor(math, "add")',
    );
    expect(escape.result).toBe('undefined');
  });

  it('dynamic import is refused', async () => {
    const result = await run(
      'try { await import("fs"); return "imported"; } catch (e: any) { return String(e.message); }',
    );
    expect(result.result).toBe('Not supported');
  });

  it('the bridge is not reachable from the code: only namespaces, console and sleep are added', async () => {
    const result = await run(
      'const std = new Set(["globalThis","undefined","console","sleep","math","echo","slow","store","weird"]);\n' +
        'return Object.getOwnPropertyNames(globalThis).filter((k) => /^[a-z]/.test(k) && !std.has(k) && typeof globalThis[k] !== "function");',
    );
    expect(result.result).toEqual([]);
  });
});

describe('host failures never become unhandled rejections', () => {
  const hostile: ToolInvoker = {
    invoke(call: ToolCall): Promise<InvokeOutcome> {
      if (call.toolId === 'math.add') throw new Error('sync throw in the invoker');
      if (call.toolId === 'echo.echo') return Promise.reject(new Error('rejected by the invoker'));
      return Promise.resolve({ nonsense: true } as unknown as InvokeOutcome);
    },
  };

  it('an invoker that throws, rejects or answers nonsense gives TG_INTERNAL to the code', async () => {
    const code =
      'const codes = [];\nfor (const f of [() => math.add({}), () => echo.echo({}), () => store.get({})]) {\n  try { await f(); } catch (e: any) { codes.push(e.code); }\n}\nreturn codes;';
    expect((await run(code, hostile)).result).toEqual(['TG_INTERNAL', 'TG_INTERNAL', 'TG_INTERNAL']);
  });

  it('an uncaught invoker rejection ends only that execution', async () => {
    const result = await run('await echo.echo({});', hostile);
    expect(result.error).toMatchObject({ code: 'TG_INTERNAL', toolId: 'echo.echo' });
    expect(result.error?.message).toContain('rejected by the invoker');
  });

  it('tool calls and sleeps still pending when the isolate is disposed settle quietly', async () => {
    const invoker = new FakeInvoker();
    const code =
      'void Promise.all([slow.wait({ ms: 100 }), slow.wait({ ms: 100 }), sleep(100)]);\nawait new Promise(() => {});';
    const result = await executor.execute({ code, bindings: TABLE, invoker, limits: { wallTimeMs: 50 } });
    expect(result.error?.code).toBe('TG_SANDBOX_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await run('return 1')).result).toBe(1);
  });
});
