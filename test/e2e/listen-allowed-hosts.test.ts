/**
 * `listen.allowedHosts`: when configured, the Host header must be one of the listed values (compared without
 * case); the listed name is served, and any other — the loopback address the gateway listens on included,
 * since the list replaces the default — is refused with 403 before authentication or MCP.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_INITIALIZE, MCP_POST_HEADERS, startGateway, type TestGateway } from '../support/gateway.js';

const ALLOWED_HOST = 'toolgate.internal:8443';

/** POSTs an initialize request to the gateway with the given Host header (fetch cannot set Host). */
function initializeWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        timeout: 10_000,
        headers: { ...MCP_POST_HEADERS, host },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer for Host ${host}`)));
    req.on('error', reject);
    req.end(JSON.stringify(MCP_INITIALIZE));
  });
}

describe('listen.allowedHosts', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({ servers: [], listen: { allowedHosts: [ALLOWED_HOST] } });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  it.each([ALLOWED_HOST, ALLOWED_HOST.toUpperCase()])('Host %s is served', async (host) => {
    const { status, body } = await initializeWithHost(gateway.http.url, host);
    expect(status, body).toBe(200);
    expect(body).toContain('"serverInfo"');
  });

  it.each(['evil.example:8443', 'toolgate.internal:80', 'toolgate.internal'])(
    'Host %s is refused with 403',
    async (host) => {
      const { status, body } = await initializeWithHost(gateway.http.url, host);
      expect(status).toBe(403);
      expect(body).toContain('DNS-rebinding');
    },
  );

  it('the listen address itself is refused once a list is configured', async () => {
    const { status } = await initializeWithHost(gateway.http.url, `127.0.0.1:${gateway.http.port}`);
    expect(status).toBe(403);
  });
});
