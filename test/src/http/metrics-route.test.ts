/**
 * GET /metrics names consumers, servers and tools: loopback peers only without a key; with
 * `auth.metricsKey`, the key and nothing else (constant-time compare, 401 with WWW-Authenticate).
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AuthThrottle } from '../../../src/http/auth-throttle.js';
import { isLoopbackPeer } from '../../../src/http/guard.js';
import { metricsRoute } from '../../../src/http/metrics-route.js';

const BODY = 'toolgate_tool_calls_total{consumer="triage"} 3\n';

function app(key?: string) {
  const fastify = Fastify();
  metricsRoute({ text: async () => BODY, ...(key === undefined ? {} : { key }) })(fastify);
  return fastify;
}

describe('GET /metrics', () => {
  it('without a key: served to a loopback peer, refused (403) to any other', async () => {
    const open = app();
    const local = await open.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toBe(BODY);
    expect(local.headers['content-type']).toContain('text/plain');
    const remote = await open.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json()).toEqual({
      code: 'TG_UNAUTHENTICATED',
      message: 'metrics are served to this machine only; set auth.metricsKey to let a remote scraper in',
    });
    expect(remote.body).not.toContain('triage');
  });

  it('with a key: the right bearer key from anywhere; none or a wrong one gets 401, loopback included', async () => {
    const keyed = app('scrape-secret');
    const get = (remoteAddress: string, authorization?: string) =>
      keyed.inject({ method: 'GET', url: '/metrics', remoteAddress, ...(authorization ? { headers: { authorization } } : {}) });
    expect((await get('10.1.2.3', 'Bearer scrape-secret')).body).toBe(BODY);
    for (const attempt of [await get('127.0.0.1'), await get('10.1.2.3', 'Bearer scrape-secreT'), await get('10.1.2.3', 'scrape-secret')]) {
      expect(attempt.statusCode).toBe(401);
      expect(attempt.headers['www-authenticate']).toBe('Bearer realm="toolgate-metrics"');
      expect(attempt.body).not.toContain('triage');
    }
  });

  it('knows a loopback peer in every spelling fastify reports', () => {
    for (const ip of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackPeer(ip)).toBe(true);
    for (const ip of ['10.0.0.1', '::ffff:10.0.0.1', '128.0.0.1', 'fe80::1', '::2']) expect(isLoopbackPeer(ip)).toBe(false);
  });

  it('wrong keys count against the address like any failed authentication: past the rate, 429 before the check', async () => {
    const failures: string[] = [];
    const fastify = Fastify();
    metricsRoute({ text: async () => BODY, key: 'scrape-secret', authThrottle: new AuthThrottle(2), onAuthFailure: (ip) => failures.push(ip) })(fastify);
    const get = (authorization: string) => fastify.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.9.9.9', headers: { authorization } });
    expect((await get('Bearer nope')).statusCode).toBe(401);
    expect((await get('Bearer nope')).statusCode).toBe(401);
    const refused = await get('Bearer scrape-secret');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.json()).toMatchObject({ code: 'TG_RATE_LIMITED' });
    expect(failures).toEqual(['10.9.9.9', '10.9.9.9']);
  });
});
