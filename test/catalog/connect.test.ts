import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUpstreamTransport } from '../../catalog/connect.js';
import { resultValue } from '../../catalog/result.js';
import { ServerConfigSchema } from '../../catalog/server-config.js';
import { Upstream } from '../../catalog/upstream.js';
import { startSseFixture, startStreamableHttpFixture, type FixtureServer } from '../fixtures/http-servers.js';
import { fixtureConfig, TEST_BACKOFF, waitUntil } from './support.js';

const TOKEN = 'tok-1234567890';
const dir = mkdtempSync(join(tmpdir(), 'toolgate-connect-'));
const tokenFile = join(dir, 'token');
const wrongTokenFile = join(dir, 'wrong-token');
const open: Upstream[] = [];

beforeAll(() => {
  writeFileSync(tokenFile, `${TOKEN}\n`);
  writeFileSync(wrongTokenFile, 'wrong-token-value\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await Promise.all(open.splice(0).map((u) => u.close()));
});

function httpUpstream(transport: 'http' | 'sse', url: string, authorization: string): Upstream {
  const config = ServerConfigSchema.parse({ id: `remote-${transport}`, transport, url, headers: { Authorization: authorization }, connectTimeoutMs: 5_000 });
  const up = new Upstream(config, { backoff: { ...TEST_BACKOFF, baseMs: 60_000 } });
  open.push(up);
  return up;
}

describe.each([
  ['http', startStreamableHttpFixture],
  ['sse', startSseFixture],
] as const)('%s upstream', (transport, start) => {
  let fixture: FixtureServer;
  beforeAll(async () => {
    fixture = await start({ token: TOKEN });
  });
  afterAll(() => fixture.close());

  it('connects with a header secret read from a file, lists and calls', async () => {
    const up = httpUpstream(transport, fixture.url, `Bearer ${'${'}file:${tokenFile}}`);
    await up.start();
    expect(up.health).toBe('healthy');
    expect(up.records().map((r) => r.id)).toEqual([`remote-${transport}.echo`, `remote-${transport}.grow`]);
    expect(resultValue(await up.callTool('echo', { text: 'over the wire' }))).toBe('over the wire');
  });

  it('re-lists when the server announces list_changed', async () => {
    const up = httpUpstream(transport, fixture.url, `Bearer ${'${'}file:${tokenFile}}`);
    await up.start();
    await up.callTool('grow', {});
    await waitUntil(() => up.records().some((r) => r.name === 'grown'), 'the grown tool was listed');
    expect(resultValue(await up.callTool('grown', {}))).toBe('grown');
  });

  it('a wrong token leaves the server unhealthy, and the error does not contain the token', async () => {
    const refusedBefore = fixture.refused();
    const up = httpUpstream(transport, fixture.url, `Bearer ${'${'}file:${wrongTokenFile}}`);
    await up.start();
    expect(up.health).toBe('unhealthy');
    expect(fixture.refused()).toBeGreaterThan(refusedBefore);
    expect(up.lastError ?? '').not.toContain('wrong-token-value');
  });
});

describe('an HTTP upstream that goes away', () => {
  it('turns calls into TG_UPSTREAM_UNAVAILABLE, then reconnects when the server is back', async () => {
    let fixture = await startStreamableHttpFixture();
    const config = ServerConfigSchema.parse({ id: 'flaky', transport: 'http', url: fixture.url, connectTimeoutMs: 2_000 });
    const up = new Upstream(config, { backoff: TEST_BACKOFF });
    open.push(up);
    await up.start();
    await fixture.close();
    await expect(up.callTool('echo', { text: 'x' }, { timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'TG_UPSTREAM_UNAVAILABLE' });
    expect(up.health).not.toBe('healthy');
    expect(up.lastError).toMatch(/not reachable|closed|fetch failed|ECONNREFUSED/);
    fixture = await startStreamableHttpFixture({ port: fixture.port });
    try {
      await waitUntil(() => up.health === 'healthy', 'the upstream reconnected');
      expect(resultValue(await up.callTool('echo', { text: 'back' }))).toBe('back');
    } finally {
      await up.close();
      await fixture.close();
    }
  });

  it('an idle upstream that vanished is found by the ping and marked unhealthy', async () => {
    const fixture = await startSseFixture();
    const up = new Upstream(ServerConfigSchema.parse({ id: 'idle', transport: 'sse', url: fixture.url }), { backoff: { ...TEST_BACKOFF, baseMs: 60_000 }, pingIntervalMs: 50 });
    open.push(up);
    await up.start();
    expect(up.health).toBe('healthy');
    await fixture.close();
    await waitUntil(() => up.health === 'unhealthy', 'the ping noticed');
    expect(up.lastError).toMatch(/^ping failed|closed/);
  });

  it('close() ends the Streamable HTTP session on the server (DELETE)', async () => {
    const fixture = await startStreamableHttpFixture();
    try {
      const up = new Upstream(ServerConfigSchema.parse({ id: 'polite', transport: 'http', url: fixture.url }), { backoff: TEST_BACKOFF });
      await up.start();
      expect(fixture.sessions()).toBe(1);
      await up.close();
      expect(fixture.sessions()).toBe(0);
    } finally {
      await fixture.close();
    }
  });
});

describe('stdio stderr', () => {
  it('keeps a tail of the child stderr with resolved secrets masked', async () => {
    const config = fixtureConfig('noisy', 'crashy.mjs', ['--crash-on-start'], { env: { TOKEN: 'env:TOOLGATE_TEST_NOISY' } });
    const withEcho = { ...config, command: process.execPath, args: ['-e', 'process.stderr.write("token is " + process.env.TOKEN + "\\n"); process.exit(1)'] };
    const handle = createUpstreamTransport(withEcho, { TOOLGATE_TEST_NOISY: 'hunter2-secret' });
    await handle.transport.start();
    await waitUntil(() => handle.stderrTail() !== '', 'the child wrote to stderr', 5_000);
    expect(handle.stderrTail()).toBe('token is [secret]');
    await handle.transport.close();
  });
});
