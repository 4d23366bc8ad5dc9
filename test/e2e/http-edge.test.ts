/**
 * The HTTP edge: malformed JSON-RPC, oversize bodies, unknown sessions, DNS-rebinding Host and Origin
 * checks, health and readiness — each answered with a clear error while the gateway keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../support/gateway.js';

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('HTTP edge', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    process.env.TOOLGATE_TEST_METRICS_KEY = 'scrape-key-for-the-http-edge-test';
    gateway = await startGateway({ servers: [], listen: { bodyLimitBytes: 4096 }, auth: { metricsKey: 'env:TOOLGATE_TEST_METRICS_KEY' } });
  });
  afterAll(async () => gateway?.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(gateway.http.url, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body });

  it('with auth.metricsKey, /metrics wants that key even from loopback', async () => {
    const metrics = gateway.http.url.replace(/\/mcp$/, '/metrics');
    const refused = await fetch(metrics);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="toolgate-metrics"');
    const served = await fetch(metrics, { headers: { authorization: 'Bearer scrape-key-for-the-http-edge-test' } });
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('toolgate_');
  });

  it('malformed JSON gets a JSON-RPC parse error (400)', async () => {
    const response = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it('an oversize body gets 413', async () => {
    const response = await post(JSON.stringify({ ...INIT, padding: 'x'.repeat(10_000) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('4096 bytes');
  });

  it('a request without a session that is not initialize gets 400', async () => {
    const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }));
    expect(response.status).toBe(400);
  });

  it('an unknown session id gets 404', async () => {
    const response = await post(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), { 'mcp-session-id': 'no-such-session' });
    expect(response.status).toBe(404);
  });

  it('a foreign Host header is refused (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(gateway.http.url, { method: 'POST', headers: { ...MCP_HEADERS, host: 'evil.example:80' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify(INIT));
    });
    expect(status).toBe(403);
  });

  it('a browser Origin that is not allowed is refused', async () => {
    const response = await post(JSON.stringify(INIT), { origin: 'http://evil.example' });
    expect(response.status).toBe(403);
  });

  it('healthz and readyz answer, and the gateway still initialises sessions after all of the above', async () => {
    const base = gateway.http.url.replace(/\/mcp$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toMatchObject({ status: 'ready' });
    const client = await gateway.connect();
    expect((await client.listTools()).tools).toHaveLength(2);
  });
});
