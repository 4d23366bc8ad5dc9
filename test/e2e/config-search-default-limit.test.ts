/**
 * `search.defaultLimit`: a search_tools call that gives no `limit` returns at most that many tools, and a
 * call's own `limit` still wins. Ten fixture tools all match the query, so the built-in default (8) would
 * show more than two.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer, startGateway, textOf, type TestGateway } from '../support/gateway.js';

const QUERY = 'issue page message channel contact database';

/** Tool ids in a search answer: `@id <id>` in full declarations, `// <id> — …` in names-only lines. */
function toolIds(text: string): string[] {
  const full = [...text.matchAll(/@id (\S+)/g)].map((m) => m[1]!);
  const names = [...text.matchAll(/^\/\/ ([a-z0-9_-]+\.\S+) /gm)].map((m) => m[1]!);
  return [...full, ...names];
}

describe('search.defaultLimit', () => {
  let gateway: TestGateway;
  let client: Client;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: ['jira', 'notion', 'slack'].map((product) => fixtureServer(product, 'product.mjs', [product])),
      search: { defaultLimit: 2 },
    });
    client = await gateway.connect();
  }, 60_000);
  afterAll(async () => gateway?.stop());

  const search = async (args: Record<string, unknown>) =>
    toolIds(textOf(await client.callTool({ name: 'search_tools', arguments: { query: QUERY, ...args } })));

  it('without a limit, a search returns defaultLimit tools', async () => {
    expect(await search({})).toHaveLength(2);
    expect(await search({ detail: 'names' })).toHaveLength(2);
  });

  it('an explicit limit wins over defaultLimit, above and below it', async () => {
    const five = await search({ limit: 5 });
    expect(five).toHaveLength(5);
    expect(new Set(five).size).toBe(5);
    expect(await search({ limit: 1 })).toHaveLength(1);
  });
});
