/**
 * `GET /admin/audit`: the audit trail over the admin API, filtered by consumer, tool, execution and time,
 * behind the admin key; bad parameters are 400 TG_REQUEST_INVALID. Also `toolgate audit query --execution`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, REPO_ROOT, run, startGateway, type TestGateway } from '../support/gateway.js';

const ADMIN_KEY = 'admin-key-for-the-audit-route-test-0123';

describe('GET /admin/audit', () => {
  let gateway: TestGateway;
  let alice: Client;
  let bob: Client;
  let executionId: string;

  const get = async (query: string, key = ADMIN_KEY) => {
    const response = await fetch(`${new URL(gateway.http.url).origin}/admin/audit${query}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, json: (await response.json()) as { records?: Array<Record<string, unknown>>; code?: string; message?: string } };
  };

  beforeAll(async () => {
    process.env.TG_TEST_AUDIT_ADMIN_KEY = ADMIN_KEY;
    gateway = await startGateway({
      auth: { adminKey: 'env:TG_TEST_AUDIT_ADMIN_KEY' },
      servers: [fixtureServer('jira', 'product.mjs', ['jira'])],
      consumers: [
        { consumer: 'alice', allow: { tools: ['jira.*'] } },
        { consumer: 'bob', allow: { tools: ['jira.get_issue'] } },
      ],
    });
    alice = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('alice').key}` });
    bob = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('bob').key}` });
    const first = await run(alice, `await jira.get_issue({ key: 'A-1' }); return await jira.search_issues({ jql: 'project = A' });`);
    executionId = String(first._meta?.['toolgate/executionId']);
    await run(bob, `try { await jira.delete_issue({ key: 'A-1' }); } catch (e: any) { return e.code; }`);
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it('filters by consumer and by tool pattern, keeping only the matching calls', async () => {
    const byBob = await get('?consumer=bob');
    expect(byBob.status).toBe(200);
    const executions = byBob.json.records?.filter((r) => r.kind === 'execution') ?? [];
    expect(executions).toHaveLength(1);
    expect(executions[0]?.calls).toEqual([expect.objectContaining({ tool: 'jira.delete_issue', decision: 'deny', errorCode: 'TG_ACL_DENIED' })]);
    const searches = await get('?tool=jira.search_*');
    const calls = searches.json.records?.flatMap((r) => (r.calls as Array<{ tool: string }> | undefined) ?? []) ?? [];
    expect(calls.map((c) => c.tool)).toEqual(['jira.search_issues']);
  });

  it('returns one execution by id, with its code and its calls', async () => {
    const one = await get(`?execution=${executionId}`);
    expect(one.json.records).toEqual([
      expect.objectContaining({ kind: 'execution', executionId, consumer: 'alice', code: expect.objectContaining({ text: expect.stringContaining('jira.search_issues') }) }),
    ]);
    expect((one.json.records?.[0]?.calls as unknown[]).length).toBe(2);
  });

  it('takes since as a span and a limit; bad parameters are 400 TG_REQUEST_INVALID; the key is required', async () => {
    expect((await get('?since=1h&limit=1')).json.records).toHaveLength(1);
    expect((await get('?since=1970-01-02T00:00:00Z')).json.records?.length).toBeGreaterThan(1);
    for (const bad of ['?since=yesterday', '?limit=0', '?limit=many', '?colour=red']) {
      const answer = await get(bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.json.code, bad).toBe('TG_REQUEST_INVALID');
    }
    expect((await get('', 'wrong-key')).status).toBe(401);
  });

  it('toolgate audit query --execution prints that execution; a bad --since exits 2', async () => {
    const cli = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--no-node-snapshot', join(REPO_ROOT, 'dist/src/cli.js'), 'audit', ...args, '--data-dir', gateway.dataDir], { timeout: 30_000 });
    const { stdout } = await cli('query', '--execution', executionId);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([expect.objectContaining({ kind: 'execution', executionId })]);
    await expect(cli('query', '--since', 'yesterday')).rejects.toMatchObject({ code: 2 });
  });
});
