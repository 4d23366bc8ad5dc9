/**
 * An OpenAPI upstream through the whole gateway: its operations are searchable tools, calls become HTTP
 * requests to the API (a local fastify server), egress is implied by the base URL's host, and the outbound
 * credential reaches the API but never the sandbox, the logs or the audit log — even when the API echoes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditFilePath } from '../../src/audit/log.js';
import { FIXTURE_SPECS, type PetServer, startPetServer } from '../fixtures/openapi/pet-server.js';
import { run, startGateway, textOf, type TestGateway } from '../support/gateway.js';

const SECRET = 'pk_live_ThisCredentialMustStayOnTheHost_77';

describe('OpenAPI upstream through the gateway', () => {
  let api: PetServer;
  let gateway: TestGateway;
  let client: Client;

  beforeAll(async () => {
    process.env.TG_TEST_PET_TOKEN = SECRET;
    api = await startPetServer();
    gateway = await startGateway({
      servers: [
        {
          id: 'pets',
          transport: 'openapi',
          spec: join(FIXTURE_SPECS, 'petstore.yaml'),
          baseUrl: `${api.url}/v1`,
          headers: { Authorization: 'Bearer ${env:TG_TEST_PET_TOKEN}' },
        },
      ],
      consumers: [
        { consumer: 'vet', allow: { tools: ['pets.*'] }, outbound: { allowDomains: ['127.0.0.1'] } },
        { consumer: 'outsider', allow: { tools: ['pets.*'] }, outbound: { allowDomains: ['api.example.com'] } },
      ],
    });
    client = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('vet').key}` });
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await api?.close();
  });

  it('operations are searchable as TypeScript declarations', async () => {
    const text = textOf(await client.callTool({ name: 'search_tools', arguments: { query: 'list pets in the store' } }));
    expect(text).toContain('declare namespace pets');
    expect(text).toMatch(/function listPets\(/);
  });

  it('a call becomes an HTTP request with the credential injected on the host', async () => {
    const result = await run(client, `return await pets.getMotd({});`);
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('Be kind to pets.');
    const request = api.received.find((r) => r.url.endsWith('/v1/motd'));
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it('the credential never reaches the sandbox, the logs or the audit log, even when the API echoes it', async () => {
    const result = await run(client, `const echoed: any = await pets.echoHeaders({}); return { echoed, globals: Object.keys(globalThis) };`);
    expect(textOf(result)).not.toContain(SECRET);
    expect(gateway.logs()).not.toContain(SECRET);
    expect(readFileSync(auditFilePath(gateway.dataDir), 'utf8')).not.toContain(SECRET);
  });

  it('egress is implied by the base URL: a consumer without that domain is TG_EGRESS_BLOCKED', async () => {
    const outsider = await gateway.connect({ authorization: `Bearer ${gateway.runtime.keys.create('outsider').key}` });
    const result = await run(outsider, `try { await pets.getMotd({}); } catch (e: any) { return e.code; }`);
    expect(JSON.parse(textOf(result))).toBe('TG_EGRESS_BLOCKED');
  });
});
