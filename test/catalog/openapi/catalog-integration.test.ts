/**
 * An OpenAPI server inside the Catalog, as config declares it. Skipped until catalog/server-config.ts
 * accepts `transport: 'openapi'` (the integration step described in catalog/openapi/README.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../../catalog/catalog.js';
import { resultValue } from '../../../catalog/result.js';
import { ServerConfigSchema, type ServerConfig } from '../../../catalog/server-config.js';
import { FIXTURE_SPECS, startPetServer, type PetServer } from '../../fixtures/openapi/pet-server.js';

const SECRET = 'sk-catalog-0123456789';
const integrated = ServerConfigSchema.safeParse({ id: 'probe', transport: 'openapi', spec: 'x.yaml' }).success;
let server: PetServer;

beforeAll(async () => {
  if (integrated) server = await startPetServer();
});
afterAll(async () => {
  await server?.close();
});

describe.skipIf(!integrated)('an OpenAPI server in the Catalog', () => {
  it('lists its operations as tools, implies the API host as egress and routes calls with the credential', async () => {
    const configs = [
      { id: 'pets', transport: 'openapi', spec: FIXTURE_SPECS + 'petstore.yaml', baseUrl: `${server.url}/v1`, headers: { Authorization: 'Bearer ${env:PETS_TOKEN}' } },
      { id: 'specpets', transport: 'openapi', spec: FIXTURE_SPECS + 'petstore.yaml', egress: ['auth.example.test'] },
    ].map((c) => ServerConfigSchema.parse(c) as ServerConfig);
    const catalog = new Catalog(configs, { env: { PETS_TOKEN: SECRET } });
    try {
      await catalog.start();
      expect(catalog.server('pets')).toMatchObject({ health: 'healthy', toolCount: 12, meta: { egress: ['127.0.0.1'] } });
      expect(catalog.server('specpets')!.meta.egress).toEqual(['auth.example.test', 'pets.example.test']);
      expect(catalog.get('pets.listPets')!.annotations).toMatchObject({ readOnlyHint: true, tags: ['pets'] });
      const result = await catalog.callTool('pets.createPet', { name: 'Tom' });
      expect(resultValue(result, 'pets.createPet')).toEqual({ id: 7, name: 'Tom' });
      expect(server.received.at(-1)!.headers['authorization']).toBe(`Bearer ${SECRET}`);
      await expect(catalog.callTool('pets.nope', {})).rejects.toMatchObject({ code: 'TG_TOOL_NOT_FOUND' });
      expect(JSON.stringify([catalog.servers(), catalog.records()])).not.toContain(SECRET);
    } finally {
      await catalog.close();
    }
  });
});
