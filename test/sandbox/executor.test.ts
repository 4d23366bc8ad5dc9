/**
 * What one execution does with well-behaved code: results, console, tool calls, errors a model can act on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../sandbox/executor.js';
import { BindingTable } from '../../sandbox/binding-table.js';
import type { Binding, ToolInvoker } from '../../sandbox/types.js';
import { BINDINGS, FakeInvoker, TABLE } from './helpers.js';

const executor = createExecutor();
afterAll(() => executor.close());
const run = (code: string, invoker = new FakeInvoker()) => executor.execute({ code, bindings: TABLE, invoker });

describe('execute', () => {
  it('returns the value of a top-level return in TypeScript with top-level await', async () => {
    const result = await run(
      'interface Sum { sum: number }\nconst r = (await math.add({ a: 2, b: 3 })) as Sum;\nreturn { total: r.sum };',
    );
    expect(result.error).toBeUndefined();
    expect(result.result).toEqual({ total: 5 });
    expect(result.stats.calls).toBe(1);
    expect(result.stats.resultBytes).toBe(Buffer.byteLength('{"sum":5}'));
    expect(result.stats.cpuMs).toBeGreaterThan(0);
  });

  it('gives no result when the code returns nothing', async () => {
    const result = await run('await math.add({ a: 1, b: 1 });');
    expect(result).toMatchObject({ logs: [] });
    expect('result' in result).toBe(false);
    expect(result.error).toBeUndefined();
  });

  it('returns the value of code that is one async IIFE or one async arrow function', async () => {
    expect((await run('(async () => { const r = await math.add({ a: 1, b: 2 }); return r.sum; })()')).result).toBe(3);
    expect((await run('async () => { return "arrow called"; }')).result).toBe('arrow called');
  });

  it('accepts a prebuilt BindingTable or a plain Binding[]', async () => {
    const result = await executor.execute({
      code: 'return (await echo.echo({ x: 1 })).x',
      bindings: BINDINGS,
      invoker: new FakeInvoker(),
    });
    expect(result.result).toBe(1);
  });

  it('hands tool results in as JSON values and tool arguments out as parsed JSON', async () => {
    const invoker = new FakeInvoker();
    const result = await run(
      'const back = await echo.echo({ list: [1, "two", null], nested: { ok: true } });\nreturn back;',
      invoker,
    );
    expect(result.result).toEqual({ list: [1, 'two', null], nested: { ok: true } });
    expect(invoker.calls).toEqual([
      { toolId: 'echo.echo', args: { list: [1, 'two', null], nested: { ok: true } }, seq: 1 },
    ]);
  });

  it('passes {} when a tool is called without arguments', async () => {
    const invoker = new FakeInvoker();
    await run('await echo.echo();', invoker);
    expect(invoker.calls[0]?.args).toEqual({});
  });

  it('captures console output with its level, objects as JSON', async () => {
    const result = await run(
      'console.log("a", 1, { b: [2] });\nconsole.info("i");\nconsole.warn("w");\nconsole.error(new Error("e"));\nconsole.debug(10n, undefined, null);',
    );
    expect(result.logs).toEqual(['a 1 {"b":[2]}', '[info] i', '[warn] w', '[error] {}', '[debug] 10n undefined null']);
  });

  it('lets the code catch a failed call and read its code, tool id and message', async () => {
    const code =
      'try { await math.fail({ why: "quota" }); } catch (e: any) { return [e.code, e.toolId, e.message, e instanceof Error]; }';
    expect((await run(code)).result).toEqual([
      'TG_UPSTREAM_ERROR',
      'math.fail',
      'math.fail: upstream said quota',
      true,
    ]);
  });

  it('reports an uncaught failed call with its code, tool id, message and line', async () => {
    const result = await run('const a = 1;\n\nawait math.fail({ why: "down" });\nreturn a;');
    expect(result.error).toEqual({
      code: 'TG_UPSTREAM_ERROR',
      message: 'math.fail: upstream said down',
      toolId: 'math.fail',
      line: 3,
      column: 1,
    });
  });

  it('reports the host record of a failed call even when the code rewrote the error', async () => {
    const code =
      'try { await math.fail({}); } catch (e: any) { e.message = "forged"; try { e.code = "TG_NOPE"; } catch {} throw e; }';
    const result = await run(code);
    expect(result.error).toMatchObject({
      code: 'TG_UPSTREAM_ERROR',
      message: 'math.fail: upstream said no',
      toolId: 'math.fail',
    });
  });

  it('does not let the code pose as a failed tool call', async () => {
    const result = await run(
      'throw Object.assign(new Error("ACL denied"), { code: "TG_ACL_DENIED", toolId: "jira.delete" });',
    );
    expect(result.error).toMatchObject({ code: 'TG_CODE_ERROR', message: 'Error: ACL denied' });
    expect(result.error?.toolId).toBeUndefined();
  });

  it('throws TG_TOOL_NOT_FOUND naming what was asked, with a suggestion', async () => {
    const result = await run('try { await math.ad({ a: 1 }); } catch (e: any) { return [e.code, e.message]; }');
    expect(result.result).toEqual([
      'TG_TOOL_NOT_FOUND',
      'No tool is bound to math.ad. Did you mean math.add? Use search_tools to find the exact name.',
    ]);
  });

  it('an unknown namespace is a ReferenceError at its line', async () => {
    const result = await run('\nawait jira.get_issue({});');
    expect(result.error).toMatchObject({
      code: 'TG_CODE_ERROR',
      message: 'ReferenceError: jira is not defined',
      line: 2,
    });
  });

  it('calls a tool bound to a member named `then`; elsewhere `then` is absent, so `await namespace` is harmless', async () => {
    const result = await run('const ns = await math;\nreturn [ns === math, await weird.then({}), typeof math.then];');
    expect(result.result).toEqual([true, 'then was called', 'undefined']);
  });

  it('defines a namespace as a global only when the code first uses it, however many are bound', async () => {
    const estate: Binding[] = [];
    for (let s = 0; s < 300; s++) estate.push({ toolId: `s${s}.echo`, namespace: `s${s}`, member: 'echo' });
    const code = [
      'const before = Object.getOwnPropertyNames(globalThis).filter((k) => /^s\\d+$/.test(k));',
      'const seen = [typeof s7, "s8" in globalThis];',
      'const id = await s299.echo({});',
      'const after = Object.getOwnPropertyNames(globalThis).filter((k) => /^s\\d+$/.test(k)).sort();',
      'return { before, seen, after, id };',
    ].join('\n');
    const invoker: ToolInvoker = { invoke: (call) => Promise.resolve({ ok: true, value: call.toolId }) };
    const result = await executor.execute({ code, bindings: new BindingTable(estate), invoker });
    expect(result.result).toEqual({ before: [], seen: ['object', true], after: ['s299', 's7'], id: 's299.echo' });
  });

  it('leaves ordinary global variables and ReferenceErrors as they are', async () => {
    const result = await run(
      '(globalThis as any).counter = 1;\n(globalThis as any).counter++;\nlet missing = "";\ntry { (0, eval)("nope"); } catch (e: any) { missing = e.name; }\nreturn [(globalThis as any).counter, missing, typeof nope2];',
    );
    expect(result.result).toEqual([2, 'ReferenceError', 'undefined']);
  });

  it('refuses arguments that are not JSON with TG_ARGS_INVALID, before any call', async () => {
    const invoker = new FakeInvoker();
    const result = await run('try { await echo.echo({ n: 1n }); } catch (e: any) { return e.code; }', invoker);
    expect(result.result).toBe('TG_ARGS_INVALID');
    expect(invoker.calls).toHaveLength(0);
  });

  it('runs calls in parallel with Promise.all and keeps their order', async () => {
    const result = await run('return await Promise.all([3, 1, 2].map((ms) => slow.wait({ ms })));');
    expect(result.result).toEqual([{ waited: 3 }, { waited: 1 }, { waited: 2 }]);
  });

  it('offers sleep(ms) and rejects a bad argument', async () => {
    const result = await run('await sleep(5);\ntry { await sleep(-1); } catch (e: any) { return e.name; }');
    expect(result.result).toBe('TypeError');
  });

  it('cuts a long result to maxReturnChars with a notice', async () => {
    const result = await executor.execute({
      code: 'return "y".repeat(100);',
      bindings: TABLE,
      invoker: new FakeInvoker(),
      limits: { maxReturnChars: 10 },
    });
    expect(result.truncated).toBe(true);
    expect(result.result).toBe(
      '"yyyyyyyyy\n… [truncated: the result is 102 characters of JSON; the limit (maxReturnChars) is 10. Return less: filter, summarise or count.]',
    );
  });

  it('tells the invoker how every call ended, once each, refusals by the sandbox included', async () => {
    const invoker = new FakeInvoker();
    const code = `const out: string[] = [];
      const attempt = async (f: () => Promise<unknown>) => { try { await f(); out.push('ok'); } catch (e: any) { out.push(e.code); } };
      await attempt(() => math.add({ a: 1, b: 2 }));
      await attempt(() => math.fail({ why: 'no' }));
      await attempt(() => (math as any).nosuch({ a: 1 }));
      let deep: any = {}; let cur = deep; for (let i = 0; i < 150; i++) { cur.x = {}; cur = cur.x; }
      await attempt(() => echo.echo(deep));
      return out;`;
    const result = await run(code, invoker);
    expect(result.result).toEqual(['ok', 'TG_UPSTREAM_ERROR', 'TG_TOOL_NOT_FOUND', 'TG_ARGS_INVALID']);
    expect(invoker.settledCalls.map(({ seq, binding, toolId, invoked, ok, code: c, refusedBy, bytes }) => ({ seq, binding, toolId, invoked, ok, c, refusedBy, bytes }))).toEqual([
      { seq: 1, binding: 'math.add', toolId: 'math.add', invoked: true, ok: true, c: undefined, refusedBy: undefined, bytes: 9 },
      { seq: 2, binding: 'math.fail', toolId: 'math.fail', invoked: true, ok: false, c: 'TG_UPSTREAM_ERROR', refusedBy: undefined, bytes: undefined },
      { seq: 3, binding: 'math.nosuch', toolId: undefined, invoked: false, ok: false, c: 'TG_TOOL_NOT_FOUND', refusedBy: 'binding', bytes: undefined },
      { seq: 4, binding: 'echo.echo', toolId: 'echo.echo', invoked: false, ok: false, c: 'TG_ARGS_INVALID', refusedBy: 'args', bytes: undefined },
    ]);
    expect(invoker.settledCalls[0]?.args).toEqual({ a: 1, b: 2 });
    expect(invoker.settledCalls[3]).not.toHaveProperty('args');
  });

  it('an invoker whose settled() throws changes nothing the code sees', async () => {
    const invoker = new FakeInvoker();
    invoker.settled = () => {
      throw new Error('audit disk full');
    };
    const result = await run('return (await math.add({ a: 2, b: 2 })).sum;', invoker);
    expect(result.error).toBeUndefined();
    expect(result.result).toBe(4);
  });
});
