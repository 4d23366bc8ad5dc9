/**
 * `listen.allowedOrigins`: a browser request whose Origin is listed (compared without case) reaches MCP; an
 * Origin not listed is refused with 403 naming the setting; a request with no Origin (not a browser) is
 * unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MCP_INITIALIZE, MCP_POST_HEADERS, startGateway, type TestGateway } from '../support/gateway.js';

const ALLOWED_ORIGIN = 'https://console.example.com';

describe('listen.allowedOrigins', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startGateway({ servers: [], listen: { allowedOrigins: [ALLOWED_ORIGIN] } });
  }, 60_000);
  afterAll(async () => gateway?.stop());

  const initialize = (headers: Record<string, string>) =>
    fetch(gateway.http.url, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, ...headers },
      body: JSON.stringify(MCP_INITIALIZE),
      signal: AbortSignal.timeout(10_000),
    });

  it.each([ALLOWED_ORIGIN, ALLOWED_ORIGIN.toUpperCase(), undefined])(
    'Origin %s reaches MCP and initialises a session',
    async (origin) => {
      const response = await initialize(origin === undefined ? {} : { origin });
      const body = await response.text();
      expect(response.status, body).toBe(200);
      expect(response.headers.get('mcp-session-id')).toBeTruthy();
      expect(body).toContain('"serverInfo"');
    },
  );

  it.each(['https://evil.example', 'http://console.example.com', 'https://console.example.com:8443', 'null'])(
    'Origin %s is refused with 403',
    async (origin) => {
      const response = await initialize({ origin });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
        'listen.allowedOrigins',
      );
    },
  );
});
