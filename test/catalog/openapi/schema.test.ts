/**
 * OpenAPI schema → JSON Schema: refs inlined, cycles cut with a note, depth and size capped, OpenAPI
 * keywords translated or dropped so the result validates with ajv and reads well as a declaration.
 */
import { describe, expect, it } from 'vitest';
import { MAX_SCHEMA_DEPTH, MAX_SCHEMA_NODES, newBudget, toJsonSchema } from '../../../catalog/openapi/schema.js';

describe('toJsonSchema', () => {
  it('inlines local refs, including chains and JSON-pointer escapes', () => {
    const doc = { components: { schemas: { 'a/b': { type: 'string', minLength: 2 }, Alias: { $ref: '#/components/schemas/a~1b' } } } };
    expect(toJsonSchema(doc, { $ref: '#/components/schemas/Alias' }, 1, newBudget())).toEqual({ type: 'string', minLength: 2 });
  });

  it('keeps a description written next to a $ref (OpenAPI 3.1) over the target\'s own', () => {
    const doc = { components: { schemas: { Id: { type: 'string', description: 'An id.' } } } };
    expect(toJsonSchema(doc, { $ref: '#/components/schemas/Id', description: 'The owner\'s id.' }, 1, newBudget())).toEqual({ type: 'string', description: "The owner's id." });
    expect(toJsonSchema(doc, { $ref: '#/components/schemas/Id' }, 1, newBudget())).toEqual({ type: 'string', description: 'An id.' });
  });

  it('resolves unknown and external refs to an empty schema that accepts anything', () => {
    expect(toJsonSchema({}, { $ref: '#/components/schemas/Missing' }, 1, newBudget())).toEqual({});
    expect(toJsonSchema({}, { $ref: 'other.yaml#/Pet' }, 1, newBudget())).toEqual({});
  });

  it('translates nullable and boolean exclusive bounds, drops OpenAPI-only keywords and unknown formats', () => {
    const schema = {
      type: 'number', nullable: true, minimum: 1, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false, format: 'decimal',
      example: 3, xml: { name: 'n' }, 'x-internal': true, discriminator: { propertyName: 'kind' }, enum: [1, 2],
    };
    expect(toJsonSchema({}, schema, 1, newBudget())).toEqual({ type: ['number', 'null'], exclusiveMinimum: 1, maximum: 9, enum: [1, 2, null] });
  });

  it('cuts nesting deeper than MAX_SCHEMA_DEPTH to type and description', () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < MAX_SCHEMA_DEPTH + 3; i++) schema = { type: 'object', description: `level ${i}`, properties: { next: schema } };
    const out = toJsonSchema({}, schema, 1, newBudget());
    let node = out;
    let depth = 1;
    while ((node['properties'] as Record<string, Record<string, unknown>> | undefined)?.['next'] !== undefined) {
      node = (node['properties'] as Record<string, Record<string, unknown>>)['next']!;
      depth++;
    }
    expect(depth).toBe(MAX_SCHEMA_DEPTH + 1);
    expect(node).toEqual({ type: 'object', description: 'level 2' });
  });

  it('keeps at most MAX_SCHEMA_NODES nodes for one tool, however wide the schema', () => {
    const properties = Object.fromEntries(Array.from({ length: MAX_SCHEMA_NODES + 100 }, (_, i) => [`p${i}`, { type: 'string', minLength: 1 }]));
    const out = toJsonSchema({}, { type: 'object', properties }, 1, newBudget());
    const kept = Object.values(out['properties'] as Record<string, Record<string, unknown>>);
    expect(kept.filter((p) => p['minLength'] === 1)).toHaveLength(MAX_SCHEMA_NODES - 1);
    expect(kept.at(-1)).toEqual({ type: 'string' });
  });

  it('expands a ref used twice side by side (not a cycle) and cuts one that contains itself', () => {
    const doc = { components: { schemas: { Id: { type: 'string' }, Node: { type: 'object', properties: { a: { $ref: '#/components/schemas/Id' }, b: { $ref: '#/components/schemas/Id' }, child: { $ref: '#/components/schemas/Node' } } } } } };
    expect(toJsonSchema(doc, { $ref: '#/components/schemas/Node' }, 1, newBudget())).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' }, child: { type: 'object', description: 'Same shape as Node (recursive, not expanded).' } },
    });
  });

  it('drops readOnly properties and their required entries from request schemas', () => {
    const schema = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } } };
    expect(toJsonSchema({}, schema, 1, newBudget())).toEqual({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] });
  });
});
