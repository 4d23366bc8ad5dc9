/**
 * Every call the code makes is audited with what the code received, including the calls the sandbox refuses
 * before the policy pipeline runs (an unbound name, arguments nested too deep, the call budget), results it
 * refuses after (the byte budget: a deny, not an allow with bytes), and calls still in flight when the
 * execution ends (in the execution's record, not lost).
 */
import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import type { AuditCallEntry, AuditExecutionRecord } from '../../src/audit/types.js';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

describe('audit of every call the code makes', () => {
  let gateway: TestGateway;
  let client: Client;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: [fixtureServer('echo', 'echo.mjs'), fixtureServer('slow', 'slow.mjs')],
      consumers: [{ consumer: 'auditor', allow: { tools: ['*'] }, limits: { callsPerExecution: 3, bytesPerCall: 300, wallTimeMs: 1_500 } }],
    });
    client = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('auditor').key}` });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  /** The `call` records and the execution record of the execution that produced `result`. */
  function audited(result: CallToolResult): { calls: (AuditCallEntry & { kind: string })[]; execution: AuditExecutionRecord } {
    const executionId = result._meta?.['toolgate/executionId'];
    const lines = readFileSync(auditFilePath(gateway.dataDir), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((r) => r.executionId === executionId);
    const execution = lines.find((r) => r.kind === 'execution') as unknown as AuditExecutionRecord;
    return { calls: lines.filter((r) => r.kind === 'call') as unknown as (AuditCallEntry & { kind: string })[], execution };
  }

  it('a name no tool is bound to: TG_TOOL_NOT_FOUND in the code, a deny by sandbox.binding in the audit', async () => {
    const result = await run(client, `try { await (echo as any).nope({ q: 1 }); } catch (e: any) { return e.code; }`);
    expect(textOf(result)).toBe('"TG_TOOL_NOT_FOUND"');
    const { calls, execution } = audited(result);
    // Arguments of an unbound name are never parsed: the audit keeps their hash and size.
    expect(calls).toEqual([expect.objectContaining({ seq: 0, tool: 'echo.nope', decision: 'deny', rule: 'sandbox.binding', errorCode: 'TG_TOOL_NOT_FOUND', argsBytes: 7 })]);
    expect(execution.calls).toHaveLength(1);
  });

  it('arguments nested too deep are refused unparsed: hashed and sized, never stored', async () => {
    const code = `let a: any = {}; let cur = a; for (let i = 0; i < 150; i++) { cur.x = {}; cur = cur.x; }
      try { await echo.echo(a); } catch (e: any) { return e.code; }`;
    const result = await run(client, code);
    expect(textOf(result)).toBe('"TG_ARGS_INVALID"');
    const [call] = audited(result).calls;
    expect(call).toMatchObject({ tool: 'echo.echo', decision: 'deny', rule: 'sandbox.args', errorCode: 'TG_ARGS_INVALID' });
    expect(call?.argsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(call?.argsBytes).toBeGreaterThan(150 * 6);
    expect(call).not.toHaveProperty('args');
  });

  it('the call past callsPerExecution is audited as a deny by sandbox.maxCalls', async () => {
    const result = await run(client, `for (let i = 0; i < 5; i++) await echo.echo({ text: 'n' + i }); return 'unreachable';`);
    expect(textOf(result)).toContain('TG_BUDGET_EXCEEDED');
    const { calls, execution } = audited(result);
    expect(calls.map((c) => [c.decision, c.rule ?? null])).toEqual([
      ['allow', expect.any(String)],
      ['allow', expect.any(String)],
      ['allow', expect.any(String)],
      ['deny', 'sandbox.maxCalls'],
    ]);
    expect(execution).toMatchObject({ outcome: 'error', errorCode: 'TG_BUDGET_EXCEEDED' });
    expect(execution.calls).toHaveLength(4);
  });

  it('a result over bytesPerCall is a deny by sandbox.maxCallResultBytes, not an allow with its bytes', async () => {
    const result = await run(client, `return await echo.echo({ text: 'x'.repeat(1000) });`);
    expect(textOf(result)).toContain('TG_BUDGET_EXCEEDED');
    const [call] = audited(result).calls;
    expect(call).toMatchObject({ tool: 'echo.echo', decision: 'deny', rule: 'sandbox.maxCallResultBytes', errorCode: 'TG_BUDGET_EXCEEDED' });
    expect(call).not.toHaveProperty('bytes');
  });

  it('a call still in flight when the wall time ends the execution is in the execution record', async () => {
    const result = await run(client, `await slow.sleep({ ms: 30000 }); return 'unreachable';`);
    expect(textOf(result)).toContain('TG_SANDBOX_TIMEOUT');
    const { calls, execution } = audited(result);
    // The policy allowed it and the upstream was called: the decision stands, marked as never seen by the code.
    expect(calls).toEqual([expect.objectContaining({ tool: 'slow.sleep', decision: 'allow', afterEnd: true })]);
    expect(execution.calls).toEqual([expect.objectContaining({ tool: 'slow.sleep', afterEnd: true })]);
  });

  it('the execution record keeps the code that made the calls, redacted, beside its hash', async () => {
    const code = `// ask ops@example.com before rerunning\nreturn (await echo.echo({ text: 'hi' })).length;`;
    const result = await run(client, code);
    const { execution } = audited(result);
    expect(execution.code.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(execution.code.bytes).toBe(Buffer.byteLength(code));
    expect(execution.code.text).toContain('await echo.echo');
    expect(execution.code.text).not.toContain('ops@example.com');
    expect(execution.code.text).toContain('[REDACTED:email]');
  });
});
