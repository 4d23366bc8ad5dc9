/**
 * Governance through the whole gateway: the DESIGN.md policy verbatim against fixture upstreams named jira,
 * notion and slack; one authorization function for search and calls; pinned parameters; egress; rate limits;
 * API-key authentication; redaction; the audit record and the metrics of every decision.
 */
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { DESIGN_EXAMPLE } from '../src/policy/triage-fixture.js';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

const CONFIG = {
  servers: [
    fixtureServer('jira', 'product.mjs', ['jira'], { egress: ['api.atlassian.com'] }),
    fixtureServer('notion', 'product.mjs', ['notion'], { egress: ['api.notion.com'] }),
    fixtureServer('slack', 'product.mjs', ['slack'], { egress: ['api.slack.com'] }),
    fixtureServer('github', 'product.mjs', ['github'], { egress: ['api.github.com'] }),
  ],
  toolGroups: {
    'jira-triage': ['jira.*'],
    'notion-read': ['notion.retrieve_page', 'notion.query_database'],
    'slack-post': ['slack.chat_postMessage', 'slack.get_contact', 'slack.delete_channel'],
    everything: ['*'],
  },
  consumers: [
    parseYaml(DESIGN_EXAMPLE), // the DESIGN.md policy, verbatim
    {
      consumer: 'pinned-agent',
      allow: { tools: ['jira.search_issues', 'github.*'] },
      outbound: { allowDomains: ['api.atlassian.com'] },
      limits: { rateLimitPerMinute: 3 },
      overrides: { 'jira.search_issues': { description: 'Search OPS tickets.', overrideParams: { project: 'OPS' } } },
    },
  ],
};

describe('governance through the gateway', () => {
  let gateway: TestGateway;
  let triage: Client;
  let pinned: Client;
  let triageKey: string;

  beforeAll(async () => {
    gateway = await startGateway(CONFIG);
    triageKey = gateway.runtime.keys.create('daily-triage-agent').key;
    triage = await gateway.connect({ authorization: `Bearer ${triageKey}` });
    pinned = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('pinned-agent').key}` });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it('search shows exactly the allowed tools: denied ones never appear, whatever the query', async () => {
    const text = textOf(await triage.callTool({ name: 'search_tools', arguments: { query: 'delete issue channel page', limit: 50 } }));
    expect(text).not.toMatch(/delete_issue|delete_channel|update_page|list_pull_requests/);
    const browse = textOf(await triage.callTool({ name: 'search_tools', arguments: {} }));
    expect(browse).toMatch(/jira \(3 tools\)/);
    expect(browse).toMatch(/notion \(2 tools\)/);
    expect(browse).toMatch(/slack \(2 tools\)/);
    expect(browse).not.toContain('github');
  });

  it('an allowed call goes through; a denied one is TG_ACL_DENIED naming the rule-holder', async () => {
    const ok = await run(triage, `return await jira.transition_issue({ key: 'OPS-1', status: 'Done' });`);
    expect(JSON.parse(textOf(ok))).toEqual({ tool: 'jira.transition_issue', args: { key: 'OPS-1', status: 'Done' } });
    const denied = await run(triage, `try { await jira.delete_issue({ key: 'OPS-1' }); } catch (e: any) { return [e.code, e.message]; }`);
    const [code, message] = JSON.parse(textOf(denied)) as [string, string];
    expect(code).toBe('TG_ACL_DENIED');
    expect(message).toContain('jira.delete_issue');
    expect(message).toContain('search_tools');
  });

  it('no hidden tool is reachable by computed names, case or look-alike variants', async () => {
    const attempts = [
      `jira['delete_' + 'issue']({ key: 'X' })`,
      `(globalThis as any)['sla' + 'ck'].delete_channel({ channel: 'c' })`,
      `(jira as any).Delete_Issue({ key: 'X' })`,
      `(jira as any)['delete_\\u0456ssue']({ key: 'X' })`, // Cyrillic і
      `(slack as any)['delete_channel\\u200b']({ channel: 'c' })`, // zero-width space
      `(notion as any).update_page({ page_id: 'p', title: 't' })`,
    ];
    for (const attempt of attempts) {
      const result = await run(triage, `try { await ${attempt}; return 'CALLED'; } catch (e: any) { return e.code; }`);
      expect(['TG_ACL_DENIED', 'TG_TOOL_NOT_FOUND'], attempt).toContain(JSON.parse(textOf(result)));
    }
  });

  it('egress outside the consumer allow-list is TG_EGRESS_BLOCKED, and such tools are never shown', async () => {
    // The ACL allows github.*, but github reaches api.github.com, which pinned-agent may not: search,
    // browse and declarations show only what a call would be allowed to do.
    const search = textOf(await pinned.callTool({ name: 'search_tools', arguments: { query: 'list pull requests github', limit: 50 } }));
    expect(search).not.toContain('github');
    expect(search).toContain('jira');
    const browse = textOf(await pinned.callTool({ name: 'search_tools', arguments: {} }));
    expect(browse).toMatch(/jira \(1 tools?\)/);
    expect(browse).not.toContain('github');
    const result = await run(pinned, `try { await github.list_pull_requests({ repo: 'a/b' }); } catch (e: any) { return [e.code, e.message]; }`);
    const [code, message] = JSON.parse(textOf(result)) as [string, string];
    expect(code).toBe('TG_EGRESS_BLOCKED');
    expect(message).toContain('api.github.com');
  });

  it('pinned parameters are hidden from the declaration and forced on the call', async () => {
    const search = textOf(await pinned.callTool({ name: 'search_tools', arguments: { query: 'search issues' } }));
    expect(search).toContain('Search OPS tickets.');
    expect(search).not.toMatch(/project\??:/);
    const result = await run(pinned, `return await jira.search_issues({ jql: 'status = Open', project: 'SECRET' } as any);`);
    expect(JSON.parse(textOf(result))).toEqual({ tool: 'jira.search_issues', args: { jql: 'status = Open', project: 'OPS' } });
  });

  it('past rateLimitPerMinute calls are TG_RATE_LIMITED', async () => {
    const result = await run(
      pinned,
      `const codes: string[] = [];
       for (let i = 0; i < 5; i++) { try { await jira.search_issues({ jql: 'x' }); codes.push('ok'); } catch (e: any) { codes.push(e.code); } }
       return codes;`,
    );
    const codes = JSON.parse(textOf(result)) as string[];
    expect(codes).toContain('TG_RATE_LIMITED');
    expect(codes.filter((c) => c === 'ok').length).toBeLessThanOrEqual(3);
  });

  it('secrets, e-mail addresses and card numbers are masked before results enter the sandbox', async () => {
    const result = await run(triage, `return await slack.get_contact({ user: 'U1' });`);
    const text = textOf(result);
    expect(text).not.toContain('ada@example.com');
    expect(text).not.toContain('4111 1111 1111 1111');
    expect(text).not.toContain('xoxb-123456789012-abcdefghijkl');
  });

  it('every call is in the audit log with its decision and the rule that decided', async () => {
    await run(triage, `try { await jira.delete_issue({ key: 'AUDIT-1' }); } catch {} return await jira.get_issue({ key: 'AUDIT-1' });`);
    const records = readFileSync(auditFilePath(gateway.dataDir), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const record = records.reverse().find((r) => r.kind === 'execution' && r.consumer === 'daily-triage-agent');
    expect(record.calls).toHaveLength(2);
    expect(record.calls[0]).toMatchObject({ tool: 'jira.delete_issue', decision: 'deny', rule: 'deny.tools[1]=jira.delete_issue', errorCode: 'TG_ACL_DENIED' });
    expect(record.calls[1]).toMatchObject({ tool: 'jira.get_issue', decision: 'allow', rule: 'allow.toolGroups[0]=jira-triage' });
    expect(record.code.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('metrics count calls by outcome and denials by reason, time upstream calls by server and executions', async () => {
    const base = gateway.http.url.replace(/\/mcp$/, '');
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/toolgate_tool_calls_total\{[^}]*outcome="denied"[^}]*\} \d+/);
    expect(text).toMatch(/toolgate_denials_total\{[^}]*reason="TG_ACL_DENIED"/);
    expect(text).toMatch(/toolgate_upstream_call_seconds_count\{server="jira",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/toolgate_execution_seconds_count\{outcome="ok"\} [1-9]/);
  });

  it('HTTP requires a bearer token: missing, unknown and revoked keys get 401 with WWW-Authenticate', async () => {
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
    const post = (auth?: string) =>
      fetch(gateway.http.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify(init),
      });
    const missing = await post();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer realm="toolgate"');
    expect((await post('Bearer tg_' + 'x'.repeat(43))).status).toBe(401);
    const { id, key } = gateway.runtime.keys.create('daily-triage-agent');
    expect((await post(`Bearer ${key}`)).status).toBe(200);
    gateway.runtime.keys.revoke(id);
    const revoked = await post(`Bearer ${key}`);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { data: { reason: string } } }).error.data.reason).toBe('revoked-key');
    const client = new Client({ name: 'no-auth', version: '1' });
    await expect(client.connect(new StreamableHTTPClientTransport(new URL(gateway.http.url)))).rejects.toThrow();
  });
});
