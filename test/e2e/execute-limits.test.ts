/**
 * execute_code limits as configured, through the front door: per-consumer wall time, calls, console and code
 * size; the opt-in type-check against the tool declarations; and TG_BUSY when the pool is full. After each
 * breach the same session keeps serving.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { queryAudit } from '../../src/audit/query.js';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

describe('execute_code limits through the gateway', () => {
  let gateway: TestGateway;
  let tight: Client;
  let roomy: Client;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: [fixtureServer('jira', 'product.mjs', ['jira'])],
      sandbox: { maxConcurrentExecutions: 1, maxQueuedExecutions: 0 },
      consumers: [
        {
          consumer: 'tight',
          allow: { tools: ['jira.*'] },
          limits: { wallTimeMs: 500, callsPerExecution: 3, consoleBytes: 200, codeBytes: 2_000 },
        },
        { consumer: 'roomy', allow: { tools: ['jira.*'] } },
      ],
    });
    tight = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('tight').key}` });
    roomy = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('roomy').key}` });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  const healthy = async () => expect(textOf(await run(tight, 'return 1 + 1;'))).toBe('2');

  it('wall time per consumer: a never-settling promise ends with TG_SANDBOX_TIMEOUT naming the limit', async () => {
    const result = await run(tight, 'await new Promise(() => {}); return 1;');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/TG_SANDBOX_TIMEOUT.*500/s);
    await healthy();
  });

  it('calls per execution: the fourth call is TG_BUDGET_EXCEEDED', async () => {
    const result = await run(tight, `const out = []; for (let i = 0; i < 5; i++) { try { await jira.get_issue({ key: 'K-' + i }); out.push('ok'); } catch (e: any) { out.push(e.code); } } return out;`);
    const text = textOf(result);
    expect(text).toContain('TG_BUDGET_EXCEEDED');
    await healthy();
  });

  it('console output beyond consoleBytes is cut or refused with its code, and the logs so far are kept', async () => {
    const result = await run(tight, `for (let i = 0; i < 100; i++) console.log('line ' + i + ' ' + 'x'.repeat(20)); return 'done';`);
    const text = textOf(result);
    expect(text).toContain('line 0');
    expect(text).not.toContain('line 99');
    await healthy();
  });

  it('code larger than codeBytes is TG_CODE_INVALID', async () => {
    const result = await run(tight, `return ${JSON.stringify('y'.repeat(3_000))}.length;`);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/TG_CODE_INVALID.*2000/s);
    await healthy();
  });

  it('check: true returns type errors against the declarations instead of running', async () => {
    const bad = await roomy.callTool({ name: 'execute_code', arguments: { check: true, code: `const issue = await jira.get_issue({ id: 42 });\nreturn issue;` } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/TG_CODE_INVALID/);
    expect(textOf(bad)).toMatch(/line 1/);
    const typo = await roomy.callTool({ name: 'execute_code', arguments: { check: true, code: `return await jira.get_isue({ key: 'K' });` } });
    expect(textOf(typo)).toMatch(/get_isue/);
    const good = await roomy.callTool({ name: 'execute_code', arguments: { check: true, code: `return await jira.get_issue({ key: 'OK-1' });` } });
    expect(good.isError, textOf(good)).toBeFalsy();
    expect(JSON.parse(textOf(good))).toEqual({ tool: 'jira.get_issue', args: { key: 'OK-1' } });
  });

  it('a client cancelling execute_code stops the execution: its slot frees at once and the audit says TG_CANCELLED', async () => {
    const cancel = new AbortController();
    const abandoned = roomy.callTool(
      { name: 'execute_code', arguments: { code: `await jira.get_issue({ key: 'CANCEL-1' });\nawait new Promise(() => {});` } },
      undefined,
      { signal: cancel.signal, timeout: 60_000 },
    );
    // The pool has one slot: wait until the abandoned execution holds it (its tool call is audited live).
    await new Promise((r) => setTimeout(r, 300));
    cancel.abort('the user changed their mind');
    await expect(abandoned).rejects.toThrow();
    // Without the cancel the slot would stay taken for roomy's default wall time and this would be TG_BUSY.
    let text = '';
    for (let i = 0; i < 50; i++) {
      text = textOf(await run(tight, 'return 1 + 1;'));
      if (text === '2') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(text).toBe('2');
    const records = await queryAudit(auditFilePath(gateway.dataDir), { consumer: 'roomy', tool: 'jira.get_issue' });
    expect(records.filter((r) => r.errorCode === 'TG_CANCELLED' && r.outcome === 'error')).toHaveLength(1);
  });

  it('past the pool and its queue, an execution gets TG_BUSY at once instead of hanging', async () => {
    const slow = run(tight, 'await new Promise(() => {});');
    await new Promise((r) => setTimeout(r, 100));
    const busy = await run(tight, 'return 1;');
    expect(textOf(busy)).toContain('TG_BUSY');
    await slow;
    await healthy();
  });
});
