/**
 * Errors point at the line and column of the code as the model wrote it, before type stripping.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../sandbox/executor.js';
import { transpile } from '../../sandbox/transpile.js';
import { FakeInvoker, TABLE } from './helpers.js';

const executor = createExecutor();
afterAll(() => executor.close());
const run = (code: string) => executor.execute({ code, bindings: TABLE, invoker: new FakeInvoker() });

describe('syntax errors', () => {
  it('point at the line and column of the bad token', async () => {
    const result = await run('const a: number = 1;\nconst b = a +;\nreturn b;');
    expect(result.error).toEqual({
      code: 'TG_CODE_INVALID',
      message: 'SyntaxError: Unexpected ";"',
      line: 2,
      column: 14,
    });
    expect(result.stats.calls).toBe(0);
  });

  it('of an unclosed block point at the last line of the code', async () => {
    const result = await run('if (true) {\n  console.log(1);\n');
    expect(result.error).toEqual({
      code: 'TG_CODE_INVALID',
      message: 'SyntaxError: the code ends inside an unclosed block, call, array or string',
      line: 3,
      column: 1,
    });
  });

  it('reject static imports with a message saying tools are globals', async () => {
    const result = await run('\nimport fs from "fs";');
    expect(result.error).toEqual({
      code: 'TG_CODE_INVALID',
      message: 'SyntaxError: import and export are not available; tools are globals (`await <namespace>.<tool>(args)`)',
      line: 2,
      column: 1,
    });
  });

  it('are found on line 1 of a one-line script', async () => {
    expect((await run('return )')).error).toMatchObject({ code: 'TG_CODE_INVALID', line: 1, column: 8 });
  });
});

describe('runtime errors', () => {
  it("point at the model's line although type declarations above were stripped", async () => {
    const code = [
      'interface Issue {',
      '  id: string;',
      '  title: string;',
      '}',
      'type Ids = string[];',
      'const issues: Issue[] = [];',
      'const first = issues[0] as Issue;',
      'return first.title.length;',
    ].join('\n');
    const result = await run(code);
    expect(result.error).toEqual({
      code: 'TG_CODE_ERROR',
      message: "TypeError: Cannot read properties of undefined (reading 'title')",
      line: 8,
      column: 14,
    });
  });

  it('inside a nested function point at the throw', async () => {
    const code =
      'function check(n: number): void {\n  if (n > 1) {\n    throw new RangeError("too big: " + n);\n  }\n}\ncheck(1);\ncheck(2);';
    expect((await run(code)).error).toEqual({
      code: 'TG_CODE_ERROR',
      message: 'RangeError: too big: 2',
      line: 3,
      column: 11,
    });
  });

  it('after an await point at the line after it', async () => {
    const code = 'const r = await math.add({ a: 1, b: 2 });\nconst s: any = null;\nreturn s.sum;';
    expect((await run(code)).error).toMatchObject({ code: 'TG_CODE_ERROR', line: 3, column: 10 });
  });

  it('in code written as one async IIFE point at its line', async () => {
    const code = '(async () => {\n  await math.add({ a: 1, b: 1 });\n  throw new Error("inside");\n})()';
    expect((await run(code)).error).toEqual({ code: 'TG_CODE_ERROR', message: 'Error: inside', line: 3, column: 9 });
  });

  it('of a thrown non-Error value carry its text and no position', async () => {
    expect((await run('throw "plain";')).error).toEqual({ code: 'TG_CODE_ERROR', message: 'Uncaught: plain' });
    expect((await run('throw 42;')).error).toEqual({ code: 'TG_CODE_ERROR', message: 'Uncaught: 42' });
  });
});

describe('transpile', () => {
  it('strips types and wraps the code in an async function', async () => {
    const outcome = await transpile('const x: number = 1;\nreturn x;');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.compiled.expression).toBe(false);
    expect(outcome.compiled.js).toBe('(async () => {\n  const x = 1;\n  return x;\n});\n');
  });

  it('treats a single expression as an expression, so its value is the result', async () => {
    const outcome = await transpile('(async () => 1)()');
    expect(outcome.ok && outcome.compiled.expression).toBe(true);
  });

  it('does not treat statements that start with a parenthesis as one expression', async () => {
    const outcome = await transpile('(function () {})();\nreturn 2;');
    expect(outcome.ok && outcome.compiled.expression).toBe(false);
  });
});
