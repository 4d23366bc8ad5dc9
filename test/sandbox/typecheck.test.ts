/**
 * Opt-in type-check: the code is checked against the declarations it was shown, and with errors nothing runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../sandbox/executor.js';
import { typecheck } from '../../sandbox/typecheck.js';
import { FakeInvoker, TABLE } from './helpers.js';

const DECLARATIONS = `declare namespace math {
  /** Adds two numbers. */
  function add(args: { a: number; b: number }): Promise<{ sum: number }>;
}
declare namespace echo {
  function echo(args?: Record<string, unknown>): Promise<unknown>;
}
`;

const executor = createExecutor();
afterAll(() => executor.close());

describe('typecheck', () => {
  it("finds a wrong argument type at the model's line and column", () => {
    const code = 'const x = 1;\nconst r = await math.add({ a: "one", b: 2 });\nreturn r.sum;';
    expect(typecheck(code, DECLARATIONS)).toEqual([
      { line: 2, column: 28, message: "Type 'string' is not assignable to type 'number'.", tsCode: 2322 },
    ]);
  });

  it('finds an unknown tool and a misspelt result field', () => {
    const code = 'await math.ad({ a: 1, b: 2 });\nconst r = await math.add({ a: 1, b: 2 });\nreturn r.summ;';
    const found = typecheck(code, DECLARATIONS);
    expect(found.map((d) => [d.line, d.column, d.tsCode])).toEqual([
      [1, 12, 2339],
      [3, 10, 2551],
    ]);
    expect(found[0]?.message).toBe("Property 'ad' does not exist on type 'typeof math'.");
    expect(found[1]?.message).toBe("Property 'summ' does not exist on type '{ sum: number; }'. Did you mean 'sum'?");
  });

  it('accepts untyped callbacks, top-level await and return, console and sleep', () => {
    const code = 'const xs = [1, 2].map((x) => x * 2);\nconsole.log(xs);\nawait sleep(1);\nreturn xs;';
    expect(typecheck(code, DECLARATIONS)).toEqual([]);
  });

  it('knows no DOM and no Node globals', () => {
    const found = typecheck('document.title;\nprocess.exit(1);', DECLARATIONS);
    expect(found.map((d) => [d.line, d.tsCode])).toEqual([
      [1, 2584],
      [2, 2591],
    ]);
  });

  it('ignores errors inside the declarations themselves', () => {
    expect(typecheck('return 1;', 'declare namespace broken { function f(): Promise<Missing>; }')).toEqual([]);
  });
});

describe('execute with check', () => {
  it('returns the diagnostics as TG_CODE_INVALID and runs nothing', async () => {
    const invoker = new FakeInvoker();
    const code = 'console.log("ran");\nawait math.add({ a: 1 });';
    const result = await executor.execute({ code, bindings: TABLE, invoker, check: { declarations: DECLARATIONS } });
    expect(result.error).toMatchObject({ code: 'TG_CODE_INVALID', line: 2, column: 16 });
    expect(result.error?.message).toBe(
      "Type error: Argument of type '{ a: number; }' is not assignable to parameter of type '{ a: number; b: number; }'.\n  Property 'b' is missing in type '{ a: number; }' but required in type '{ a: number; b: number; }'.",
    );
    expect(result.error?.diagnostics).toHaveLength(1);
    expect(result.logs).toEqual([]);
    expect(invoker.calls).toEqual([]);
  });

  it('runs code that type-checks', async () => {
    const code = 'const r = await math.add({ a: 1, b: 2 });\nreturn r.sum;';
    const result = await executor.execute({
      code,
      bindings: TABLE,
      invoker: new FakeInvoker(),
      check: { declarations: DECLARATIONS },
    });
    expect(result.result).toBe(3);
  });
});
