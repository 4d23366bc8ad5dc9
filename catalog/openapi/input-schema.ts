/**
 * @module catalog/openapi/input-schema — one object inputSchema per operation, and the plan that maps
 * each argument back to where it goes in the HTTP request.
 *
 * Path, query, header and cookie parameters become top-level properties named as in the spec. An object
 * body's properties are merged in at the top level too, unless one collides with a parameter name; any
 * other body (array, scalar, oneOf, colliding object) is one `body` property. Parameters the gateway owns
 * (hidden-params.ts) are not arguments.
 */
import type { ParamFilter } from './hidden-params.js';
import { isObject, type JsonObject } from './json.js';
import type { Operation, ParamLocation } from './operations.js';
import { newBudget, toJsonSchema, type SchemaBudget } from './schema.js';

/** Property name of a body that is not merged into the top level. */
export const BODY_KEY = 'body';

export interface ParamPlan {
  /** Argument name in the tool's input. */
  readonly key: string;
  /** Name on the wire. */
  readonly name: string;
  readonly in: ParamLocation;
  readonly explode: boolean;
}

export interface BodyPlan {
  readonly mediaType: string;
  /** `merged`: the body is every argument that is not a parameter; `whole`: the body is `args[key]`. */
  readonly mode: 'merged' | 'whole';
  readonly key: string;
}

export interface ArgumentPlan {
  readonly params: readonly ParamPlan[];
  readonly body?: BodyPlan;
}

export interface BuiltInput {
  readonly inputSchema: JsonObject & { type: 'object' };
  readonly plan: ArgumentPlan;
}

/** `hidden`: parameters the gateway owns (hidden-params.ts), left out of the schema and the plan. */
export function buildInput(doc: JsonObject, op: Operation, hidden: ParamFilter = () => false, budget: SchemaBudget = newBudget()): BuiltInput {
  const properties: JsonObject = {};
  const required: string[] = [];
  const params: ParamPlan[] = [];
  for (const p of op.params) {
    if (hidden(p)) continue;
    const key = freeKey(properties, p.name, p.in);
    const schema = toJsonSchema(doc, p.schema, 1, budget);
    properties[key] = p.description !== undefined && schema['description'] === undefined ? { ...schema, description: p.description } : schema;
    if (p.required) required.push(key);
    params.push({ key, name: p.name, in: p.in, explode: p.explode });
  }
  let body: BodyPlan | undefined;
  if (op.body !== undefined) {
    const schema = flattenAllOf(toJsonSchema(doc, op.body.schema, 1, budget));
    if (acceptsNothing(schema)) return finish(properties, required, params, undefined);
    const fields = mergeableFields(schema, properties);
    if (fields !== undefined) {
      Object.assign(properties, fields);
      for (const name of Array.isArray(schema['required']) ? schema['required'] : []) if (typeof name === 'string') required.push(name);
      body = { mediaType: op.body.mediaType, mode: 'merged', key: BODY_KEY };
    } else {
      const key = freeKey(properties, BODY_KEY, 'body');
      properties[key] = op.body.description !== undefined && schema['description'] === undefined ? { ...schema, description: op.body.description } : schema;
      if (op.body.required) required.push(key);
      body = { mediaType: op.body.mediaType, mode: 'whole', key };
    }
  }
  return finish(properties, required, params, body);
}

function finish(properties: JsonObject, required: string[], params: ParamPlan[], body: BodyPlan | undefined): BuiltInput {
  const inputSchema = { type: 'object' as const, properties, ...(required.length > 0 && { required: [...new Set(required)] }) };
  return { inputSchema, plan: { params, ...(body !== undefined && { body }) } };
}

/** `{ type: object, properties: {}, additionalProperties: false }`: Stripe declares it on GETs; nothing to send. */
function acceptsNothing(schema: JsonObject): boolean {
  return schema['additionalProperties'] === false && isObject(schema['properties']) && Object.keys(schema['properties']).length === 0;
}

/** A parameter name, or `<name>_<location>` (then `_2`…) when another location already uses it. */
function freeKey(properties: JsonObject, name: string, location: string): string {
  if (!Object.hasOwn(properties, name)) return name;
  let key = `${name}_${location}`;
  for (let n = 2; Object.hasOwn(properties, key); n++) key = `${name}_${location}_${n}`;
  return key;
}

/** The body's properties when it is a plain object whose property names no parameter uses. */
function mergeableFields(schema: JsonObject, params: JsonObject): JsonObject | undefined {
  const isObjectType = schema['type'] === 'object' || (schema['type'] === undefined && isObject(schema['properties']));
  if (!isObjectType || !isObject(schema['properties']) || schema['oneOf'] !== undefined || schema['anyOf'] !== undefined) return undefined;
  const fields = schema['properties'];
  if (Object.keys(fields).length === 0 || Object.keys(fields).some((k) => Object.hasOwn(params, k))) return undefined;
  return fields;
}

/** `allOf` of plain object schemas (the usual way specs extend a base type) → one object schema. */
function flattenAllOf(schema: JsonObject): JsonObject {
  const parts = schema['allOf'];
  if (!Array.isArray(parts) || !parts.every((p) => isObject(p) && isObject(p['properties']) && p['oneOf'] === undefined && p['anyOf'] === undefined)) return schema;
  const properties: JsonObject = { ...(isObject(schema['properties']) ? schema['properties'] : {}) };
  const required = new Set<string>(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  for (const part of parts as JsonObject[]) {
    Object.assign(properties, part['properties']);
    for (const r of Array.isArray(part['required']) ? part['required'] : []) if (typeof r === 'string') required.add(r);
  }
  const { allOf: _allOf, ...rest } = schema;
  return { ...rest, type: 'object', properties, ...(required.size > 0 && { required: [...required] }) };
}
