/**
 * Key guessing over real HTTP: past `auth.failuresPerMinute` failed authentications, an address gets 429
 * with Retry-After before any credential is checked — on /mcp and on the admin API alike, a valid key
 * included — and the throttled period is audited once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { MCP_INITIALIZE, MCP_POST_HEADERS, startGateway, type TestGateway } from '../support/gateway.js';

const ADMIN_KEY = 'admin-key-for-the-throttle-test-0123456';

describe('failed authentications per address', () => {
  let gateway: TestGateway;
  let goodKey: string;

  beforeAll(async () => {
    process.env.TG_TEST_THROTTLE_ADMIN_KEY = ADMIN_KEY;
    gateway = await startGateway({
      servers: [],
      auth: { adminKey: 'env:TG_TEST_THROTTLE_ADMIN_KEY', failuresPerMinute: 5 },
      consumers: [{ consumer: 'agent', allow: { tools: ['*'] } }],
    });
    goodKey = gateway.runtime.keys.create('agent').key;
  }, 60_000);
  afterAll(async () => gateway?.stop());

  const initialize = (key: string) =>
    fetch(gateway.http.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, authorization: `Bearer ${key}` }, body: JSON.stringify(MCP_INITIALIZE) });
  const admin = (key: string) => fetch(`${new URL(gateway.http.url).origin}/admin/catalog`, { headers: { authorization: `Bearer ${key}` } });

  it('a valid key works; 5 wrong ones are 401; then every new request from the address is 429 until a token is back', async () => {
    const opened = await initialize(goodKey);
    expect(opened.status).toBe(200);
    await opened.text();
    const session = opened.headers.get('mcp-session-id')!;
    for (let i = 0; i < 4; i++) expect((await initialize(`tg_${'x'.repeat(43)}`)).status).toBe(401);
    expect((await admin('wrong-admin-key')).status).toBe(401); // the admin API counts against the same address
    const refused = await initialize(goodKey);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('TG_RATE_LIMITED');
    expect(body.error.message).toMatch(/too many failed authentications from this address; retry in \d+ s\./);
    // A session opened before keeps working: its requests are not guesses.
    const onSession = await fetch(gateway.http.url, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, authorization: `Bearer ${goodKey}`, 'mcp-session-id': session },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }),
    });
    expect(onSession.status).toBe(200);
    const adminRefused = await admin(ADMIN_KEY);
    expect(adminRefused.status).toBe(429);
    expect(((await adminRefused.json()) as { code: string }).code).toBe('TG_RATE_LIMITED');
    const events = readFileSync(auditFilePath(gateway.dataDir), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string });
    expect(events.filter((e) => e.kind === 'auth-throttled')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'auth-failure')).toHaveLength(4);
    expect((await fetch(`${new URL(gateway.http.url).origin}/healthz`)).status).toBe(200); // health needs no key
    const metrics = await (await fetch(`${new URL(gateway.http.url).origin}/metrics`)).text();
    expect(metrics).toContain('toolgate_auth_failures_total{reason="throttled"} 1');
    expect(metrics).toContain('toolgate_auth_failures_total{reason="TG_UNAUTHENTICATED"} 5'); // 4 on /mcp, 1 on the admin API
  });

  it('behind a trusted proxy each client is counted by its X-Forwarded-For; without trustProxy the header is ignored', async () => {
    const proxied = await startGateway({ servers: [], auth: { failuresPerMinute: 2 }, listen: { trustProxy: ['127.0.0.1'] }, consumers: [{ consumer: 'agent', allow: { tools: ['*'] } }] });
    try {
      const from = (client: string) =>
        fetch(proxied.http.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, authorization: 'Bearer wrong', 'x-forwarded-for': client }, body: JSON.stringify(MCP_INITIALIZE) });
      for (let i = 0; i < 2; i++) expect((await from('203.0.113.7')).status).toBe(401);
      expect((await from('203.0.113.7')).status).toBe(429);
      expect((await from('198.51.100.9')).status).toBe(401); // another client behind the same proxy
    } finally {
      await proxied.stop();
    }
    // The first gateway trusts no proxy: the header changes nothing, 127.0.0.1 is still throttled.
    const spoofed = await fetch(gateway.http.url, { method: 'POST', headers: { ...MCP_POST_HEADERS, authorization: `Bearer ${goodKey}`, 'x-forwarded-for': '198.51.100.1' }, body: JSON.stringify(MCP_INITIALIZE) });
    expect(spoofed.status).toBe(429);
  });
});
