/**
 * The hostile-code suite (issue 4 item 3): code written by a model that read a prompt injection. Every
 * case asserts a specific outcome, then that the same executor serves the next execution correctly.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createExecutor } from '../../sandbox/executor.js';
import type { ExecuteResult, SandboxLimits } from '../../sandbox/types.js';
import { collectUnhandledRejections, FakeInvoker, TABLE } from './helpers.js';

/** Tight limits so runaway cases end quickly; each case may loosen them. */
const TIGHT: Partial<SandboxLimits> = { cpuTimeMs: 300, wallTimeMs: 10_000, memoryMb: 32 };
/** For cases that do real work before their expected outcome (big allocations, deep stacks): CPU is
 * charged per isolate, and a machine shared with other test files can slow them several-fold. */
const ROOMY: Partial<SandboxLimits> = { cpuTimeMs: 5_000 };

interface Case {
  readonly name: string;
  readonly code: string;
  readonly limits?: Partial<SandboxLimits>;
  readonly check: (result: ExecuteResult, invoker: FakeInvoker) => void;
}

const executor = createExecutor();
const unhandled = collectUnhandledRejections();
afterAll(() => executor.close());

afterEach(async () => {
  const next = await executor.execute({
    code: 'console.log("next");\nreturn (await math.add({ a: 40, b: 2 })).sum;',
    bindings: TABLE,
    invoker: new FakeInvoker(),
  });
  expect(next).toMatchObject({ result: 42, logs: ['next'] });
  expect(next.error).toBeUndefined();
  expect(unhandled).toEqual([]);
});

const codeError = (message: string) => (r: ExecuteResult) =>
  expect(r.error).toMatchObject({ code: 'TG_CODE_ERROR', message });
const resultIs = (value: unknown) => (r: ExecuteResult) => {
  expect(r.error).toBeUndefined();
  expect(r.result).toEqual(value);
};
const endsWith = (code: string) => (r: ExecuteResult) => expect(r.error?.code).toBe(code);
const invalidResult = (fragment: string) => (r: ExecuteResult) => {
  expect(r.error?.code).toBe('TG_RESULT_INVALID');
  expect(r.error?.message).toContain(fragment);
};

const constructorChains: Case[] = [
  {
    name: 'this.constructor.constructor("return process")()',
    code: 'return this.constructor.constructor("return process")();',
    check: codeError('ReferenceError: process is not defined'),
  },
  {
    name: 'Function("return this")() is the isolate global, with no process',
    code: 'const g = Function("return this")();\nreturn [g === globalThis, typeof g.process];',
    check: resultIs([true, 'undefined']),
  },
  {
    name: "a tool function's constructor chain",
    code: 'return math.add.constructor.constructor("return typeof require")();',
    check: resultIs('undefined'),
  },
  {
    name: 'the AsyncFunction constructor',
    code: 'const AF = Object.getPrototypeOf(async () => {}).constructor;\nreturn await AF("return process.pid")();',
    check: codeError('ReferenceError: process is not defined'),
  },
  {
    name: 'eval of host names',
    code: 'return [eval("typeof require"), eval("typeof module"), eval("typeof Buffer")];',
    check: resultIs(['undefined', 'undefined', 'undefined']),
  },
  {
    name: 'namespace objects hide constructor and prototype',
    code: 'return [typeof math.constructor, Object.getPrototypeOf(math), typeof math.__proto__];',
    check: resultIs(['undefined', null, 'undefined']),
  },
  {
    name: 'stack-trace CallSites expose no functions or receivers of the bridge',
    code: 'Error.prepareStackTrace = (_e: any, frames: any[]) => frames.map((f) => `${f.getFileName()}:${typeof f.getFunction()}:${typeof f.getThis()}`);\ntry { await math.nope({}); } catch (e: any) { return e.stack; }',
    check: (r) => {
      const frames = r.result as string[];
      expect(frames.length).toBeGreaterThan(1);
      for (const frame of frames) expect(frame).toMatch(/:undefined:undefined$/);
    },
  },
  {
    name: 'namespaces cannot be replaced or extended',
    code: '"use strict";\nlet denied = 0;\ntry { (globalThis as any).math = 1; } catch { denied++; }\ntry { (math as any).add = () => 1; } catch { denied++; }\nreturn [denied, typeof math.add];',
    check: resultIs([2, 'function']),
  },
];

const pollution: Case[] = [
  {
    name: '__proto__ key in a returned value stays an own key and pollutes nothing on the host',
    code: 'return JSON.parse(\'{"__proto__": {"polluted": true}, "a": 1}\');',
    check: (r) => {
      const value = r.result as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.hasOwn(value, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(value.a).toBe(1);
    },
  },
  {
    name: 'constructor.prototype keys in a returned value pollute nothing',
    code: 'return { constructor: { prototype: { polluted: true } } };',
    check: (r) => {
      expect(r.result).toEqual({ constructor: { prototype: { polluted: true } } });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  },
  {
    name: '__proto__ keys in tool arguments reach the invoker as own keys',
    code: 'await echo.echo(JSON.parse(\'{"__proto__": {"isAdmin": true}}\'));\nreturn "sent";',
    check: (r, invoker) => {
      expect(r.result).toBe('sent');
      const args = invoker.calls[0]?.args as Record<string, unknown>;
      expect(Object.hasOwn(args, '__proto__')).toBe(true);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  },
  {
    name: "Object.prototype.toJSON only shapes this execution's own result",
    code: '(Object.prototype as any).toJSON = () => "owned";\nreturn { secret: 1 };',
    check: resultIs('owned'),
  },
];

const trickyValues: Case[] = [
  { name: 'getters are read inside the isolate', code: 'return { get x() { return 5; } };', check: resultIs({ x: 5 }) },
  {
    name: 'a throwing getter makes the result invalid',
    code: 'return { get x() { throw new Error("gotcha"); } };',
    check: invalidResult('gotcha'),
  },
  {
    name: 'a looping getter is stopped by the CPU limit',
    code: 'return { get x() { for (;;) {} } };',
    check: endsWith('TG_SANDBOX_CPU'),
  },
  {
    name: 'a proxy whose traps throw makes the result invalid',
    code: 'return new Proxy({}, { ownKeys() { throw new Error("trap!"); } });',
    check: invalidResult('trap!'),
  },
  {
    name: 'a proxy that invents keys serialises as what it claims',
    code: 'return new Proxy({}, { ownKeys: () => ["a"], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }), get: () => 1 });',
    check: resultIs({ a: 1 }),
  },
  {
    name: 'Symbol.toPrimitive that throws is ignored by JSON',
    code: 'return { v: 1, [Symbol.toPrimitive]() { throw new Error("no"); } };',
    check: resultIs({ v: 1 }),
  },
  {
    name: 'a throwing toJSON makes the result invalid',
    code: 'return { toJSON() { throw new Error("toJSON refused"); } };',
    check: invalidResult('toJSON refused'),
  },
  {
    name: 'a thrown proxy whose every trap throws',
    code: 'throw new Proxy({}, { get() { throw new Error("trap"); } });',
    check: codeError('Uncaught: a value that cannot be described'),
  },
  {
    name: 'a thrown object whose message getter loops is stopped by the CPU limit',
    code: 'throw { get message() { for (;;) {} } };',
    check: endsWith('TG_SANDBOX_CPU'),
  },
  {
    name: 'console arguments with cycles, throwing toString and symbols are logged safely',
    code: 'const a: any[] = [1]; a.push(a);\nconsole.log(a, { toString() { throw 1; } }, Symbol("s"), () => 1);\nreturn "logged";',
    check: (r) => expect(r).toMatchObject({ result: 'logged', logs: ['1, {} Symbol(s) [Function]'] }),
  },
];

const hugeThings: Case[] = [
  {
    name: 'a string past the heap limit',
    limits: ROOMY,
    code: 'return "x".repeat(50_000_000);',
    check: endsWith('TG_SANDBOX_MEMORY'),
  },
  {
    name: "a string past V8's maximum length",
    limits: ROOMY,
    code: 'return "x".repeat(2 ** 30);',
    check: codeError('RangeError: Invalid string length'),
  },
  {
    name: 'an array of impossible length',
    code: 'return new Array(2 ** 32);',
    check: codeError('RangeError: Invalid array length'),
  },
  {
    name: 'an ArrayBuffer past the heap limit',
    limits: ROOMY,
    code: 'return new ArrayBuffer(2 ** 31);',
    check: codeError('RangeError: Array buffer allocation failed'),
  },
  {
    name: 'a big array result is cut to maxReturnChars',
    limits: ROOMY,
    code: 'return new Array(100_000).fill("ab");',
    check: (r) => {
      expect(r.truncated).toBe(true);
      expect(String(r.result)).toMatch(/^\["ab","ab",/);
      expect(String(r.result)).toContain('the result is 500001 characters of JSON');
    },
  },
  {
    name: 'one huge console line is cut at maxConsoleBytes',
    limits: ROOMY,
    code: 'console.log("y".repeat(10_000_000));\nreturn "unreached";',
    check: (r) => {
      expect(r.error?.code).toBe('TG_BUDGET_EXCEEDED');
      expect(r.logs).toEqual(['y'.repeat(65_536)]);
    },
  },
  {
    name: 'big tool arguments come back over the per-call result budget',
    limits: ROOMY,
    code: 'await echo.echo({ s: "x".repeat(3_000_000) });',
    check: (r) => expect(r.error).toMatchObject({ code: 'TG_BUDGET_EXCEEDED', toolId: 'echo.echo' }),
  },
  {
    name: 'huge tool arguments are refused before they cross',
    limits: ROOMY,
    code: 'try { await echo.echo({ s: "x".repeat(5_000_000) }); } catch (e: any) { return [e.code, e.message]; }',
    check: (r, invoker) => {
      expect(r.result).toEqual([
        'TG_ARGS_INVALID',
        'The arguments of echo.echo are 5000008 characters of JSON; the limit is 4194304. Send less per call.',
      ]);
      expect(invoker.calls).toHaveLength(0);
    },
  },
];

const recursion: Case[] = [
  {
    name: 'unbounded recursion',
    limits: ROOMY,
    code: 'function f(): number { return f() + 1; }\nreturn f();',
    check: codeError('RangeError: Maximum call stack size exceeded'),
  },
  {
    name: 'recursion caught and survived',
    limits: ROOMY,
    code: 'function f(): number { return f() + 1; }\ntry { f(); } catch { return "survived"; }',
    check: resultIs('survived'),
  },
  {
    name: "a value nested past the host's depth limit",
    limits: ROOMY,
    code: 'let v: any = 0;\nfor (let i = 0; i < 1000; i++) v = [v];\nreturn v;',
    check: invalidResult('nests deeper than 100 levels'),
  },
  {
    name: 'a value nested past the stack of JSON.stringify',
    code: 'let o: any = {};\nfor (let i = 0; i < 100_000; i++) o = { o };\nreturn o;',
    limits: { cpuTimeMs: 10_000 },
    check: invalidResult('Maximum call stack size exceeded'),
  },
  {
    name: 'tool arguments nested past the depth limit',
    limits: ROOMY,
    code: 'let v: any = 0;\nfor (let i = 0; i < 1000; i++) v = [v];\ntry { await echo.echo({ v }); } catch (e: any) { return e.code; }',
    check: (r, invoker) => {
      expect(r.result).toBe('TG_ARGS_INVALID');
      expect(invoker.calls).toHaveLength(0);
    },
  },
];

const loops: Case[] = [
  { name: 'an infinite loop before any await', code: 'while (true) {}', check: endsWith('TG_SANDBOX_CPU') },
  {
    name: 'an infinite loop after an await',
    code: 'await math.add({ a: 1, b: 2 });\nfor (;;) {}',
    check: endsWith('TG_SANDBOX_CPU'),
  },
  {
    name: 'an endless microtask chain',
    code: 'const spin = (): Promise<void> => Promise.resolve().then(spin);\nspin();\nawait new Promise(() => {});',
    check: endsWith('TG_SANDBOX_CPU'),
  },
  {
    name: 'a loop that tries to survive termination with finally',
    code: 'for (;;) { try { for (;;) {} } finally { continue; } }',
    check: endsWith('TG_SANDBOX_CPU'),
  },
  {
    name: 'a loop that catches everything',
    code: 'for (;;) { try { while (true) {} } catch { /* keep going */ } }',
    check: endsWith('TG_SANDBOX_CPU'),
  },
  {
    name: 'a busy loop with a wall limit below the CPU limit',
    code: 'for (;;) {}',
    limits: { wallTimeMs: 200, cpuTimeMs: 5_000 },
    check: endsWith('TG_SANDBOX_TIMEOUT'),
  },
  {
    name: 'a sleep loop ends at the wall limit',
    code: 'for (;;) await sleep(10);',
    limits: { wallTimeMs: 200 },
    check: endsWith('TG_SANDBOX_TIMEOUT'),
  },
];

const neverSettling: Case[] = [
  {
    name: 'a promise that never settles',
    code: 'await new Promise(() => {});',
    limits: { wallTimeMs: 200 },
    check: endsWith('TG_SANDBOX_TIMEOUT'),
  },
  {
    name: 'a thenable that never calls back',
    code: 'await { then() {} };',
    limits: { wallTimeMs: 200 },
    check: endsWith('TG_SANDBOX_TIMEOUT'),
  },
  {
    name: 'a tool call that never answers is aborted at the wall limit',
    code: 'await slow.never({});',
    limits: { wallTimeMs: 200 },
    check: (r, invoker) => {
      expect(r.error?.code).toBe('TG_SANDBOX_TIMEOUT');
      expect(invoker.aborted).toBe(1);
    },
  },
  {
    name: 'forging a tool reply: the delivery function and its waiting table are out of reach',
    code: [
      'const names: string[] = [];',
      'for (let o: any = globalThis; o; o = Object.getPrototypeOf(o)) names.push(...Object.getOwnPropertyNames(o));',
      'const found = names.filter((n) => /deliver|waiting|ticket|hostCall|hostAttach/i.test(n));',
      'const real = await echo.echo({ x: 1 });',
      'return { found, real, deliver: typeof (globalThis as any).deliver };',
    ].join('\n'),
    check: (r) => expect(r.result).toEqual({ found: [], real: { x: 1 }, deliver: 'undefined' }),
  },
  {
    name: 'a sleep longer than the wall limit',
    code: 'await sleep(1e12);',
    limits: { wallTimeMs: 200 },
    check: endsWith('TG_SANDBOX_TIMEOUT'),
  },
];

const floods: Case[] = [
  {
    name: 'ten thousand parallel tool calls stop at maxCalls, never more than maxConcurrentCalls in flight',
    code: 'await Promise.all(Array.from({ length: 10_000 }, (_, i) => math.add({ a: i, b: 0 })));',
    limits: { maxCalls: 1_000 },
    check: (r, invoker) => {
      expect(r.error?.code).toBe('TG_BUDGET_EXCEEDED');
      expect(r.error?.message).toContain('maxCalls = 1000');
      expect(invoker.calls.length).toBeLessThanOrEqual(1_000);
      expect(invoker.maxInFlight).toBeLessThanOrEqual(16);
    },
  },
  {
    name: 'a flood of unknown tools counts against maxCalls',
    code: 'for (let i = 0; ; i++) { try { await (math as any)["no" + i]({}); } catch {} }',
    limits: { maxCalls: 50 },
    check: endsWith('TG_BUDGET_EXCEEDED'),
  },
  {
    name: 'a flood of sleeps is refused past the pending limit',
    code: 'await Promise.all(Array.from({ length: 1_000 }, () => sleep(10)));',
    check: codeError('RangeError: Too many sleep() calls pending at once (limit 64).'),
  },
  {
    name: 'a flood of console calls stops at maxConsoleBytes',
    code: 'for (;;) console.log("spam");',
    limits: { maxConsoleBytes: 1_000 },
    check: (r) => {
      expect(r.error?.code).toBe('TG_BUDGET_EXCEEDED');
      expect(r.logs.join('').length).toBe(1_000);
    },
  },
];

const unserialisable: Case[] = [
  {
    name: 'a cycle in the returned value',
    code: 'const a: any = { name: "a" };\na.self = a;\nreturn a;',
    check: invalidResult('circular'),
  },
  {
    name: 'a cycle through arrays',
    code: 'const a: any[] = [];\na.push([a]);\nreturn a;',
    check: invalidResult('circular'),
  },
  { name: 'a BigInt at the top', code: 'return 10n;', check: invalidResult('BigInt') },
  { name: 'a BigInt inside', code: 'return { n: [1n] };', check: invalidResult('BigInt') },
  {
    name: 'undefined, functions and symbols inside objects are dropped',
    code: 'return { a: undefined, f() {}, s: Symbol("x"), kept: 1 };',
    check: resultIs({ kept: 1 }),
  },
  {
    name: 'undefined and functions inside arrays become null',
    code: 'return [undefined, () => 1, Symbol("x"), 2];',
    check: resultIs([null, null, null, 2]),
  },
  { name: 'a function at the top', code: 'return function named() {};', check: invalidResult('is a function') },
  { name: 'a symbol at the top', code: 'return Symbol("s");', check: invalidResult('is a symbol') },
  { name: 'NaN and Infinity become null', code: 'return [NaN, Infinity, -0];', check: resultIs([null, null, 0]) },
  {
    name: 'Map, Set and Date serialise as JSON does',
    code: 'return [new Map([[1, 2]]), new Set([1]), new Date(0)];',
    check: resultIs([{}, {}, '1970-01-01T00:00:00.000Z']),
  },
];

const syntax: Case[] = [
  {
    name: 'an unterminated string',
    code: 'const s = "open;\nreturn s;',
    check: (r) => expect(r.error).toMatchObject({ code: 'TG_CODE_INVALID', line: 1 }),
  },
  {
    name: 'JSX',
    code: 'return <div/>;',
    check: (r) => expect(r.error).toMatchObject({ code: 'TG_CODE_INVALID', line: 1 }),
  },
  {
    name: 'a shebang line',
    code: '#!/usr/bin/env node\nreturn 1;',
    check: (r) => expect(r.error).toMatchObject({ code: 'TG_CODE_INVALID', line: 1 }),
  },
  {
    name: 'code that closes the wrapper runs in the isolate only, and leaves nothing behind',
    code: '}); globalThis.escaped = 1; (async () => {',
    check: (r) => {
      expect(r.error).toBeUndefined();
      expect('result' in r).toBe(false);
    },
  },
  {
    name: 'code that closes the wrapper and loops at the top level is stopped',
    code: '}); for (;;) {} (async () => {',
    check: endsWith('TG_SANDBOX_CPU'),
  },
  // esbuild reads the code as UTF-8, so a lone surrogate arrives as U+FFFD.
  {
    name: 'a line separator, NUL and a lone surrogate in the code',
    code: 'return "a\u2028b\u0000c\ud800";',
    check: resultIs('a\u2028b\u0000c\ufffd'),
  },
];

describe('hostile code', () => {
  const groups: [string, Case[]][] = [
    ['constructor-chain escapes', constructorChains],
    ['prototype pollution', pollution],
    ['getters, proxies and toPrimitive', trickyValues],
    ['huge strings and arrays', hugeThings],
    ['deep recursion', recursion],
    ['infinite loops', loops],
    ['never-settling promises', neverSettling],
    ['floods', floods],
    ['values JSON cannot hold', unserialisable],
    ['syntax errors and wrapper escapes', syntax],
  ];
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, async () => {
          const invoker = new FakeInvoker();
          const result = await executor.execute({
            code: c.code,
            bindings: TABLE,
            invoker,
            limits: { ...TIGHT, ...c.limits },
          });
          c.check(result, invoker);
        });
      }
    });
  }

  it("reaching another execution's data: none of its globals, closures or tool results are visible", async () => {
    const invoker = new FakeInvoker();
    const victim = executor.execute({
      code: 'globalThis.apiKey = "sk-victim";\nconst mine = await echo.echo({ apiKey: "sk-victim" });\nawait sleep(150);\nreturn mine.apiKey;',
      bindings: TABLE,
      invoker,
    });
    const attacker = await executor.execute({
      code: 'const seen = Object.getOwnPropertyNames(globalThis).map((k) => { try { return JSON.stringify((globalThis as any)[k]); } catch { return ""; } });\nreturn seen.filter((s) => typeof s === "string" && s.includes("sk-victim"));',
      bindings: TABLE,
      invoker,
    });
    expect(attacker.result).toEqual([]);
    expect((await victim).result).toBe('sk-victim');
  });

  it('concurrent executions each get their own result, logs and stats', async () => {
    const runs = Array.from({ length: 24 }, (_, i) =>
      executor.execute({
        code: `console.log("run ${i}");\nconst r = await math.add({ a: ${i}, b: 1000 });\nawait slow.wait({ ms: ${i % 5} });\nreturn r.sum;`,
        bindings: TABLE,
        invoker: new FakeInvoker(),
      }),
    );
    const results = await Promise.all(runs);
    results.forEach((r, i) => {
      expect(r).toMatchObject({ result: 1000 + i, logs: [`run ${i}`] });
      expect(r.stats.calls).toBe(2);
    });
  });

  it('concurrent runaways end on their own limits while a normal execution completes', async () => {
    const limits = { cpuTimeMs: 300, wallTimeMs: 3_000 };
    const runaways = Array.from({ length: 3 }, () =>
      executor.execute({ code: 'for (;;) {}', bindings: TABLE, invoker: new FakeInvoker(), limits }),
    );
    const normal = await executor.execute({
      code: 'return (await math.add({ a: 1, b: 1 })).sum;',
      bindings: TABLE,
      invoker: new FakeInvoker(),
    });
    expect(normal.result).toBe(2);
    expect((await Promise.all(runaways)).map((r) => r.error?.code)).toEqual([
      'TG_SANDBOX_CPU',
      'TG_SANDBOX_CPU',
      'TG_SANDBOX_CPU',
    ]);
  });
});
