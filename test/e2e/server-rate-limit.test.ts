/**
 * An upstream's own rate limit (`servers[].rateLimitPerMinute`): calls from every consumer together are
 * counted against it, so one busy agent cannot spend another's share of an API's limits unnoticed — the
 * call past it is TG_RATE_LIMITED naming the server, and the audit names the rule.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { fixtureServer, run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

describe("a server's rate limit across consumers", () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: [fixtureServer('jira', 'product.mjs', ['jira'], { rateLimitPerMinute: 3 }), fixtureServer('notion', 'product.mjs', ['notion'])],
      consumers: [
        { consumer: 'alice', allow: { tools: ['*'] } },
        { consumer: 'bob', allow: { tools: ['*'] } },
      ],
    });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it('counts both consumers together and refuses the fourth jira call; other servers are unaffected', async () => {
    const connect = (consumer: string) => gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create(consumer).key}` });
    const alice = await connect('alice');
    const bob = await connect('bob');
    const calls = (n: number) => `const out = []; for (let i = 0; i < ${n}; i++) { try { await jira.get_issue({ key: 'R-' + i }); out.push('ok'); } catch (e: any) { out.push(e.code + ': ' + e.message); } } return out;`;
    expect(JSON.parse(textOf(await run(alice, calls(2))))).toEqual(['ok', 'ok']);
    const [third, fourth] = JSON.parse(textOf(await run(bob, calls(2)))) as string[];
    expect(third).toBe('ok');
    expect(fourth).toMatch(/^TG_RATE_LIMITED: server jira takes 3 calls a minute from all consumers together; retry in \d+ ms\. Wait and retry/);
    expect(textOf(await run(bob, `return (await notion.retrieve_page({ page_id: 'p1' })) !== undefined;`))).toBe('true');
    const denied = readFileSync(auditFilePath(gateway.dataDir), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r.kind === 'call' && r.decision === 'deny');
    expect(denied).toEqual([expect.objectContaining({ consumer: 'bob', tool: 'jira.get_issue', rule: 'servers.jira.rateLimitPerMinute=3', errorCode: 'TG_RATE_LIMITED' })]);
  });
});
