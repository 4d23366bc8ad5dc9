/**
 * `consumers[].apiKeyHashes`: a key whose `sha256:<hex>` hash is written in the config (and nowhere in the
 * key store) authenticates over HTTP as that consumer — in the tg_ format or any other — and a key whose
 * hash is not listed gets 401 with WWW-Authenticate.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { fixtureServer, MCP_INITIALIZE, MCP_POST_HEADERS, run, startGateway, type TestGateway, textOf } from '../support/gateway.js';

/** Computed here rather than with src/auth/keys.ts hashKey, so the documented format itself is pinned. */
const configHash = (key: string) => `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;

const TG_KEY = `tg_${'A'.repeat(43)}`;
const OTHER_FORMAT_KEY = 'ci-bot-secret-from-a-vault-0123456789';

describe('consumers[].apiKeyHashes', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({
      servers: [fixtureServer('echo', 'echo.mjs')],
      consumers: [
        {
          consumer: 'ci-bot',
          allow: { tools: ['echo.echo'] },
          apiKeyHashes: [configHash(TG_KEY), configHash(OTHER_FORMAT_KEY)],
        },
        { consumer: 'someone-else', allow: { tools: ['*'] } },
      ],
    });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it('the key store is empty: only the config hashes can let anyone in', () => {
    expect(gateway.runtime.keys.list()).toEqual([]);
  });

  it.each([
    ['a tg_ key', TG_KEY],
    ['a key in another format', OTHER_FORMAT_KEY],
  ])('%s whose hash is configured authenticates as its consumer', async (_label, key) => {
    const client = await gateway.connect({ authorization: `Bearer ${key}` });
    const result = await run(client, `return await echo.echo({ text: 'hello from ci' });`);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain('hello from ci');
    // ci-bot's ACL applies, so the key was mapped to ci-bot and not to an allow-all consumer.
    const denied = await run(
      client,
      `try { await echo.add({ a: 1, b: 2 }); return 'CALLED'; } catch (e: any) { return e.code; }`,
    );
    expect(JSON.parse(textOf(denied))).toBe('TG_ACL_DENIED');
    const calls = readFileSync(auditFilePath(gateway.dataDir), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; consumer?: string; toolId?: string; tool?: string })
      .filter((r) => r.kind === 'call');
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((c) => c.consumer))).toEqual(new Set(['ci-bot']));
  });

  it('a key whose hash is not configured gets 401 with WWW-Authenticate', async () => {
    for (const wrong of [`tg_${'B'.repeat(43)}`, `${OTHER_FORMAT_KEY}x`, configHash(TG_KEY)]) {
      const response = await fetch(gateway.http.url, {
        method: 'POST',
        headers: {
          ...MCP_POST_HEADERS,
          authorization: `Bearer ${wrong}`,
        },
        body: JSON.stringify(MCP_INITIALIZE),
      });
      expect(response.status, wrong).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="toolgate", error="invalid_token"/);
      expect(((await response.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
        'TG_UNAUTHENTICATED',
      );
    }
  });
});
