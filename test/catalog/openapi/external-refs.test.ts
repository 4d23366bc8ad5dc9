/**
 * OpenAPI specs split across documents: `$ref`s into other files or URLs are followed and bundled at load
 * time, confined to the spec's own folder (file specs) or origin (URL specs), bounded in count, and every
 * ref not followed is named in the server's warning while its schema accepts any value.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_KEY, bundleExternalRefs, MAX_EXTERNAL_DOCUMENTS } from '../../../catalog/openapi/external-refs.js';
import { loadApi } from '../../../catalog/openapi/load-api.js';
import { FIXTURE_SPECS, startPetServer, type PetServer } from '../../fixtures/openapi/pet-server.js';

let server: PetServer;
beforeAll(async () => {
  server = await startPetServer();
});
afterAll(async () => {
  await server.close();
});

/** The createPet and getPet input schemas every split-api.yaml load must produce. */
const SPLIT_SCHEMAS = {
  createPet: {
    type: 'object',
    properties: {
      'X-Request-Id': { type: 'string', description: "Correlates the call in the pet store's logs." },
      name: { type: 'string', description: "The pet's name." },
      tag: { type: 'string', enum: ['dog', 'cat', 'bird'] },
      owner: { type: 'integer', minimum: 1, description: "The owner's account number." },
    },
    required: ['name'],
  },
  getPet: {
    type: 'object',
    properties: { petId: { type: 'string', pattern: '^p[0-9]+$', description: 'A pet id such as p42.' } },
    required: ['petId'],
  },
};

const schemasOf = (api: Awaited<ReturnType<typeof loadApi>>) => Object.fromEntries(api.records.map((r) => [r.name, r.inputSchema]));

function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tg-split-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const oneParam = (schema: string) => `openapi: 3.0.3
info: { title: t, version: '1' }
servers: [{ url: 'https://x.example.test' }]
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - { name: id, in: path, required: true, schema: ${schema} }
`;

describe('specs split across documents', () => {
  it('a file spec: refs into sibling files (and from them into a third) resolve, local refs there keep their meaning', async () => {
    const api = await loadApi({ spec: join(FIXTURE_SPECS, 'split-api.yaml'), headers: {} });
    expect(schemasOf(api)).toEqual(SPLIT_SCHEMAS);
    expect(api.warning).toBeUndefined();
  });

  it('a URL spec: refs on the same origin are fetched and give the same tools', async () => {
    const api = await loadApi({ spec: `${server.url}/specs/split-api.yaml`, headers: {} });
    expect(schemasOf(api)).toEqual(SPLIT_SCHEMAS);
  });

  it('a URL spec never follows a ref to another origin: the schema accepts any value and the warning says why', async () => {
    const api = await loadApi({ spec: `${server.url}/specs/split-foreign.yaml`, headers: {} });
    expect(schemasOf(api)['getPet']).toEqual({ type: 'object', properties: { petId: {} }, required: ['petId'] });
    expect(api.warning).toContain(`http://203.0.113.9/ids.json#/PetId: not on ${new URL(server.url).origin}, where the spec is`);
  });

  it("a file spec follows files inside its folder only, never URLs; a missing file is named too", async () => {
    const dir = tempFolder({
      'api/spec.yaml': oneParam(`{ oneOf: [{ $ref: '../outside.yaml#/Id' }, { $ref: 'https://example.test/ids.yaml#/Id' }, { $ref: 'missing.yaml#/Id' }, { $ref: 'sub/ids.yaml#/Id' }] }`),
      'api/sub/ids.yaml': 'Id: { type: string, minLength: 3 }\n',
      'outside.yaml': 'Id: { type: string }\n',
    });
    const api = await loadApi({ spec: join(dir, 'api/spec.yaml'), headers: {} });
    expect(schemasOf(api)['getItem']).toMatchObject({ properties: { id: { oneOf: [{}, {}, {}, { type: 'string', minLength: 3 }] } } });
    expect(api.warning).toMatch(/^3 \$ref\(s\) into other documents not followed, their schemas accept any value: /);
    expect(api.warning).toContain(`../outside.yaml#/Id: outside ${join(dir, 'api')}, the spec's folder`);
    expect(api.warning).toContain('https://example.test/ids.yaml#/Id: a file spec follows refs to files only');
    expect(api.warning).toContain(`${join(dir, 'api/missing.yaml')}: cannot read the OpenAPI spec`);
  });

  it('documents that point at each other are each read once and the schema cycle is cut', async () => {
    const dir = tempFolder({
      'a.yaml': `${oneParam(`{ $ref: 'b.yaml#/Node' }`)}components:\n  schemas:\n    Loop: { $ref: 'b.yaml#/Node' }\n`,
      'b.yaml': `Node:\n  type: object\n  properties:\n    next: { $ref: 'a.yaml#/components/schemas/Loop' }\n`,
    });
    const api = await loadApi({ spec: join(dir, 'a.yaml'), headers: {} });
    expect(schemasOf(api)['getItem']).toMatchObject({ properties: { id: { type: 'object', properties: { next: expect.any(Object) } } } });
    expect(api.warning).toBeUndefined();
  });

  it(`bundles at most ${MAX_EXTERNAL_DOCUMENTS} documents and reports the rest`, async () => {
    // d0 → d1 → … → d69: a chain longer than the bound.
    const reads: string[] = [];
    const doc: Record<string, unknown> = { schema: { $ref: 'd0.json#/S' } };
    const result = await bundleExternalRefs(doc, '/specs/root.json', {
      maxBytes: 1_000_000,
      parse: (text) => JSON.parse(text) as unknown,
      read: async (location) => {
        reads.push(location);
        const n = Number(/d(\d+)\.json$/.exec(location)![1]);
        return JSON.stringify({ S: { $ref: `d${n + 1}.json#/S` } });
      },
    });
    expect(result.followed).toBe(MAX_EXTERNAL_DOCUMENTS);
    expect(reads).toHaveLength(MAX_EXTERNAL_DOCUMENTS);
    expect(result.skipped).toEqual([`d${MAX_EXTERNAL_DOCUMENTS}.json#/S: more than ${MAX_EXTERNAL_DOCUMENTS} documents`]);
    expect(doc['schema']).toEqual({ $ref: `#/${BUNDLE_KEY}/0/S` });
  });

  it('a Swagger 2.0 spec keeps its bundled documents through the conversion to OpenAPI 3', async () => {
    const dir = tempFolder({
      'swagger.yaml': `swagger: '2.0'
info: { title: t, version: '1' }
host: pets.example.test
basePath: /v1
schemes: [https]
paths:
  /pets:
    post:
      operationId: createPet
      consumes: [application/json]
      parameters:
        - { name: body, in: body, required: true, schema: { $ref: 'defs.yaml#/Pet' } }
`,
      'defs.yaml': 'Pet: { type: object, required: [name], properties: { name: { type: string } } }\n',
    });
    const api = await loadApi({ spec: join(dir, 'swagger.yaml'), headers: {} });
    expect(JSON.stringify(schemasOf(api)['createPet'])).toContain('"name":{"type":"string"}');
    expect(api.warning).toBeUndefined();
  });

  it('a ref document that redirects is not followed, even to a server that would answer', async () => {
    const elsewhere = await serve((_path, res) => res.end('{"Id":{"type":"string","description":"leaked"}}'));
    const origin = await serve((path, res) => {
      if (path === '/spec.yaml') return res.end(oneParam(`{ $ref: '/moved.json#/Id' }`));
      res.writeHead(302, { location: `${elsewhere.url}/x.json` }).end();
    });
    try {
      const api = await loadApi({ spec: `${origin.url}/spec.yaml`, headers: {} });
      expect(JSON.stringify(api.records)).not.toContain('leaked');
      expect(api.warning).toContain(`${origin.url}/moved.json: it redirects, and a $ref document is read from ${origin.url} only`);
    } finally {
      await origin.close();
      await elsewhere.close();
    }
  });

  it('the time to load bounds the spec and all its documents together', async () => {
    const origin = await serve((path, res) => {
      if (path === '/spec.yaml') return res.end(oneParam(`{ oneOf: [{ $ref: '/slow-a.json#/Id' }, { $ref: '/slow-b.json#/Id' }] }`));
      setTimeout(() => res.end('{"Id":{"type":"integer"}}'), 700);
    });
    try {
      // Each document answers within the 1,000 ms, but not both together: at least one is given up (both, on a
      // machine so busy that the first answer comes late).
      const api = await loadApi({ spec: `${origin.url}/spec.yaml`, headers: {} }, 1_000);
      expect(api.warning).toMatch(/^[12] \$ref\(s\) into other documents not followed.*(no answer within \d+ ms|no time left of the 1000 ms)/);
    } finally {
      await origin.close();
    }
  });

  it('stops reading documents once the byte budget is spent', async () => {
    const doc: Record<string, unknown> = { a: { $ref: 'a.json#/S' }, b: { $ref: 'b.json#/S' }, c: { $ref: 'c.json#/S' } };
    const reads: string[] = [];
    const result = await bundleExternalRefs(doc, '/specs/root.json', {
      maxBytes: 150,
      parse: (text) => JSON.parse(text) as unknown,
      read: async (location) => {
        reads.push(location);
        return JSON.stringify({ S: { type: 'string', description: 'x'.repeat(80) } });
      },
    });
    expect(reads).toHaveLength(2);
    expect(result.skipped).toHaveLength(2);
    expect(result.skipped[0]).toMatch(/json: the spec and its documents pass 150 bytes$/);
    expect(result.skipped[1]).toMatch(/json: not read, the spec and its documents already passed 150 bytes$/);
  });
});

/** A throw-away HTTP server on 127.0.0.1. */
async function serve(handle: (path: string, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => handle(req.url ?? '/', res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
