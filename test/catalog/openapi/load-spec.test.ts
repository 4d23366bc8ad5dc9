/**
 * Loading specs: YAML and JSON, from files and from URLs (a real server on 127.0.0.1), and the errors
 * a maintainer sees when a spec cannot be used.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../../catalog/openapi/load-spec.js';
import { loadApi } from '../../../catalog/openapi/load-api.js';
import { specServerUrl } from '../../../catalog/openapi/server-url.js';
import { FIXTURE_SPECS, startPetServer, type PetServer } from '../../fixtures/openapi/pet-server.js';

let server: PetServer;
beforeAll(async () => {
  server = await startPetServer();
});
afterAll(async () => {
  await server.close();
});

function tempSpec(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tg-openapi-')), name);
  writeFileSync(path, text);
  return path;
}

describe('loadSpec', () => {
  it('reads a YAML file and keeps the OpenAPI 3 document as it is', async () => {
    const { doc, sourceVersion } = await loadSpec(FIXTURE_SPECS + 'petstore.yaml');
    expect(sourceVersion).toBe('3.0.3');
    expect(Object.keys(doc['paths'] as object)).toContain('/pets/{petId}');
  });

  it('fetches YAML and JSON specs from a URL', async () => {
    const yaml = await loadApi({ spec: `${server.url}/specs/petstore.yaml`, headers: {} });
    expect(yaml.records).toHaveLength(12);
    const json = await loadApi({ spec: `${server.url}/specs/swagger2-chat.json`, headers: {} });
    expect(json.records.map((t) => t.name)).toEqual(['chat_postMessage', 'conversations_list', 'topics_create']);
  });

  it('gives up on a spec URL that does not answer in time', async () => {
    await expect(loadSpec(`${server.url}/specs/hang.yaml`, 200)).rejects.toThrow(`cannot fetch the OpenAPI spec ${server.url}/specs/hang.yaml: no answer within 200 ms`);
  });

  it('says why a spec cannot be used', async () => {
    await expect(loadSpec(`${server.url}/specs/missing.txt`)).rejects.toThrow(/: HTTP 404$/);
    await expect(loadSpec('/nonexistent/spec.yaml')).rejects.toThrow('cannot read the OpenAPI spec /nonexistent/spec.yaml: ENOENT');
    await expect(loadSpec(tempSpec('bad.yaml', 'openapi: [unclosed'))).rejects.toThrow(/^cannot parse the OpenAPI spec .*bad\.yaml: /);
    await expect(loadSpec(tempSpec('v1.json', '{"swaggerVersion":"1.2","apis":[]}'))).rejects.toThrow(/unsupported spec version in .*v1\.json: no "openapi" or "swagger" field \(expected OpenAPI 3\.x or Swagger 2\.0\)$/);
    await expect(loadSpec(tempSpec('v4.yaml', 'openapi: 4.0.0\npaths: {}\n'))).rejects.toThrow(/unsupported spec version in .*v4\.yaml: 4\.0\.0/);
  });

  it('needs an absolute server URL or a baseUrl', async () => {
    const relative = tempSpec('rel.yaml', 'openapi: 3.1.0\nservers: [{ url: /api }]\npaths: {}\n');
    await expect(loadApi({ spec: relative, headers: {} })).rejects.toThrow(/has no absolute servers\[0\]\.url: set baseUrl/);
    expect((await loadApi({ spec: relative, baseUrl: 'https://api.test/x', headers: {} })).baseUrl).toBe('https://api.test/x');
  });
});

describe('specServerUrl', () => {
  it('fills server variables with their defaults and resolves a relative URL against the spec URL', () => {
    const doc = { servers: [{ url: 'https://{region}.api.test:{port}/v2', variables: { region: { default: 'eu' }, port: { default: '8443' } } }] };
    expect(specServerUrl(doc)).toBe('https://eu.api.test:8443/v2');
    expect(specServerUrl({ servers: [{ url: '/api/v3' }] }, 'https://petstore.test/openapi.json')).toBe('https://petstore.test/api/v3');
    expect(specServerUrl({ servers: [{ url: '/api/v3' }] }, '/files/openapi.json')).toBeUndefined();
    expect(specServerUrl({})).toBeUndefined();
  });
});
