/**
 * Swagger 2.0 specs (Slack's is one) are converted, not rejected: host/basePath → server URL, formData →
 * a form body, body → JSON body, csv arrays comma-joined, `#/parameters` and `#/definitions` refs resolved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiServerSchema } from '../../../catalog/openapi/config.js';
import { loadApi } from '../../../catalog/openapi/load-api.js';
import { OpenApiUpstream } from '../../../catalog/openapi/openapi-upstream.js';
import { resultValue } from '../../../catalog/result.js';
import { FIXTURE_SPECS, startPetServer, type PetServer } from '../../fixtures/openapi/pet-server.js';

const SPEC = FIXTURE_SPECS + 'swagger2-chat.json';
let server: PetServer;
beforeAll(async () => {
  server = await startPetServer();
});
afterAll(async () => {
  await server.close();
});

describe('Swagger 2.0 specs', () => {
  it('take their base URL from schemes, host and basePath', async () => {
    expect((await loadApi({ spec: SPEC, headers: {} })).baseUrl).toBe('https://chat.example.test/api');
  });

  it('hide the apiKey security parameter and the names listed in hiddenParams', async () => {
    const api = await loadApi({ spec: SPEC, headers: {}, hiddenParams: ['TOKEN'] });
    expect(api.tools.get('chat_postMessage')!.tool.inputSchema).toMatchObject({ required: ['channel'] });
    expect(Object.keys(api.tools.get('chat_postMessage')!.tool.inputSchema.properties!)).toEqual(['channel', 'text', 'mrkdwn']);
    expect(api.tools.get('chat_postMessage')!.plan.params).toEqual([]);
  });

  it('turn formData parameters into top-level fields and keep other parameters, with their refs resolved', async () => {
    const api = await loadApi({ spec: SPEC, headers: {} });
    expect(api.tools.get('chat_postMessage')!.tool.inputSchema).toEqual({
      type: 'object',
      properties: { token: { type: 'string' }, channel: { type: 'string' }, text: { type: 'string' }, mrkdwn: { type: 'boolean' } },
      required: ['token', 'channel'],
    });
    expect(api.tools.get('chat_postMessage')!.plan.body).toEqual({ mediaType: 'application/x-www-form-urlencoded', mode: 'merged', key: 'body' });
    expect(api.tools.get('conversations_list')!.tool.inputSchema).toEqual({
      type: 'object',
      properties: {
        cursor: { type: 'string', description: 'Pagination cursor.' },
        types: { type: 'array', items: { type: 'string' } },
        limit: { type: 'integer', minimum: 1 },
      },
    });
    expect(api.tools.get('topics_create')!.tool.inputSchema).toEqual({
      type: 'object',
      properties: { title: { type: 'string' }, parent: { type: 'object', description: 'Same shape as Topic (recursive, not expanded).' } },
      required: ['title'],
    });
  });

  it('send form bodies, comma-joined arrays and JSON bodies, with a configured header replacing the token parameter', async () => {
    const config = OpenApiServerSchema.parse({ id: 'chat', transport: 'openapi', spec: SPEC, baseUrl: `${server.url}/api`, headers: { token: 'env:CHAT_TOKEN' } });
    const up = new OpenApiUpstream(config, { env: { CHAT_TOKEN: 'xoxb-secret-token' } });
    try {
      await up.start();
      expect(up.records().find((r) => r.name === 'chat_postMessage')!.inputSchema).toMatchObject({ required: ['channel'] });
      const posted = await up.callTool('chat_postMessage', { channel: 'C1', text: 'hi there', mrkdwn: false });
      expect(resultValue(posted)).toEqual({ ok: true, form: { channel: 'C1', text: 'hi there', mrkdwn: 'false' } });
      expect(server.received.at(-1)!.headers).toMatchObject({ token: 'xoxb-secret-token', 'content-type': 'application/x-www-form-urlencoded' });
      await up.callTool('conversations_list', { types: ['public_channel', 'im'], limit: 2 });
      expect(server.received.at(-1)!.url).toBe('/api/conversations.list?types=public_channel%2Cim&limit=2');
      await up.callTool('topics_create', { title: 'T', parent: { title: 'P' } });
      expect(server.received.at(-1)).toMatchObject({ method: 'POST', url: '/api/topics', body: { title: 'T', parent: { title: 'P' } } });
    } finally {
      await up.close();
    }
  });
});
