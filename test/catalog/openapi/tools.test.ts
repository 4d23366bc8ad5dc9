/**
 * The tools built from test/fixtures/openapi/petstore.yaml, compared exactly: these are what the model sees.
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../catalog/openapi/load-spec.js';
import { buildTools, type OpenApiTool } from '../../../catalog/openapi/tools.js';
import { FIXTURE_SPECS } from '../../fixtures/openapi/pet-server.js';

async function petTools(injectedHeaders: string[] = []): Promise<Map<string, OpenApiTool>> {
  const { doc } = await loadSpec(FIXTURE_SPECS + 'petstore.yaml');
  return new Map(buildTools(doc, { injectedHeaders }).map((t) => [t.tool.name, t]));
}

describe('tools from an OpenAPI 3 spec', () => {
  it('names one tool per operation: operationId sanitised, derived from method + path when missing, duplicates numbered', async () => {
    expect([...(await petTools()).keys()]).toEqual([
      'listPets', 'createPet', 'listPets_2', 'show_pet_by_id', 'deletePet', 'put_pets_petId_photos', 'addNote',
      'slowOp', 'echoHeaders', 'getMotd', 'getMoved', 'getAway',
    ]);
  });

  it('merges query and header parameters ($ref\'d ones included) into one schema, without the Authorization header', async () => {
    const tool = (await petTools()).get('listPets')!;
    expect(tool.tool.inputSchema).toEqual({
      type: 'object',
      properties: {
        limit: { type: 'integer', default: 20, minimum: 1, maximum: 100, description: 'Most results to return.' },
        tags: { type: 'array', items: { type: 'string' }, description: 'Only pets with all of these tags.' },
        'X-Request-Id': { type: 'string' },
      },
    });
    expect(tool.tool.description).toBe('List pets\n\nPets in the store, newest first.');
    expect(tool.tool.annotations).toEqual({ title: 'List pets', readOnlyHint: true, openWorldHint: true, tags: ['pets'] });
    expect(tool.tool._meta).toEqual({ 'toolgate/openapi': { method: 'GET', path: '/pets', tags: ['pets'] } });
  });

  it('hides header parameters the gateway injects from config, whatever their case', async () => {
    const tool = (await petTools(['x-request-id'])).get('listPets')!;
    expect(Object.keys(tool.tool.inputSchema.properties ?? {})).toEqual(['limit', 'tags']);
    expect(tool.plan.params.map((p) => p.name)).toEqual(['limit', 'tags']);
  });

  it('merges a $ref\'d object body at the top level: readOnly dropped, nullable and exclusive bounds translated, cycle cut', async () => {
    const tool = (await petTools()).get('createPet')!;
    expect(tool.tool.inputSchema).toEqual({
      type: 'object',
      properties: {
        'X-Request-Id': { type: 'string' },
        name: { type: 'string' },
        tag: { type: ['string', 'null'] },
        age: { type: 'integer', exclusiveMinimum: 0 },
        owner: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            pets: { type: 'array', items: { type: 'object', description: 'Same shape as NewPet (recursive, not expanded).' } },
          },
        },
      },
      required: ['name'],
    });
    expect(tool.plan.body).toEqual({ mediaType: 'application/json', mode: 'merged', key: 'body' });
  });

  it('puts a non-object body under `body`, and an object body whose fields collide with a parameter too', async () => {
    const tools = await petTools();
    expect(tools.get('put_pets_petId_photos')!.tool.inputSchema).toEqual({
      type: 'object',
      properties: { petId: { type: 'string' }, body: { type: 'array', items: { type: 'string', format: 'uri' } } },
      required: ['petId', 'body'],
    });
    expect(tools.get('addNote')!.tool.inputSchema).toEqual({
      type: 'object',
      properties: {
        petId: { type: 'string' },
        body: { type: 'object', properties: { text: { type: 'string' }, petId: { type: 'string', description: 'Another pet this note mentions.' } }, required: ['text'] },
      },
      required: ['petId'],
    });
  });

  it('marks DELETE destructive and deprecated operations in their description; falls back to METHOD path', async () => {
    const tools = await petTools();
    expect(tools.get('deletePet')!.tool.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(tools.get('deletePet')!.tool.description).toBe('Deprecated.\n\nDelete a pet');
    expect(tools.get('addNote')!.tool.description).toBe('POST /pets/{petId}/notes');
    expect(tools.get('show_pet_by_id')!.tool.inputSchema).toEqual({
      type: 'object',
      properties: { petId: { type: 'string', description: "The pet's id." } },
      required: ['petId'],
    });
  });
});
