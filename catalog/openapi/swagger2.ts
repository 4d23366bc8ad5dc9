/**
 * @module catalog/openapi/swagger2 — converts the basics of a Swagger 2.0 document to OpenAPI 3 shape:
 * host/basePath/schemes → servers, parameters (path, query, header) → schema'd parameters, `body` →
 * requestBody, `formData` → a form requestBody, securityDefinitions → securitySchemes. `definitions` stay
 * at the root so `#/definitions/X` refs still resolve by JSON pointer. Responses are not converted (tools
 * do not use them).
 */
import { arr, isObject, obj, str, type JsonObject } from './json.js';
import { resolveRef } from './refs.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
/** Swagger 2 parameter keywords that belong in an OpenAPI 3 `schema`. */
const SCHEMA_KEYS = ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf'] as const;
const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

export function convertSwagger2(doc: JsonObject): JsonObject {
  const globalConsumes = arr(doc['consumes']).filter((c): c is string => typeof c === 'string');
  const paths: JsonObject = {};
  for (const [path, rawItem] of Object.entries(obj(doc['paths']))) {
    const item = obj(rawItem);
    const shared = arr(item['parameters']).map((p) => obj(resolveRef(doc, p)));
    const converted: JsonObject = {};
    for (const method of HTTP_METHODS) {
      if (!isObject(item[method])) continue;
      converted[method] = convertOperation(doc, item[method], shared, globalConsumes);
    }
    paths[path] = converted;
  }
  return {
    openapi: '3.0.0',
    info: obj(doc['info']),
    servers: serversOf(doc),
    paths,
    components: { securitySchemes: securitySchemesOf(doc) },
    definitions: obj(doc['definitions']),
    'x-converted-from': 'swagger 2.0',
  };
}

function convertOperation(doc: JsonObject, op: JsonObject, shared: JsonObject[], globalConsumes: string[]): JsonObject {
  const own = arr(op['parameters']).map((p) => obj(resolveRef(doc, p)));
  // Operation parameters override path-level ones with the same name and location.
  const key = (p: JsonObject): string => `${String(p['in'])}:${String(p['name'])}`;
  const ownKeys = new Set(own.map(key));
  const params = [...shared.filter((p) => !ownKeys.has(key(p))), ...own];
  const consumes = arr(op['consumes']).filter((c): c is string => typeof c === 'string');
  const types = consumes.length > 0 ? consumes : globalConsumes;
  const out: JsonObject = { ...pick(op, ['operationId', 'summary', 'description', 'tags', 'deprecated']) };
  out['parameters'] = params.filter((p) => ['path', 'query', 'header'].includes(String(p['in']))).map(convertParameter);
  const body = params.find((p) => p['in'] === 'body');
  const form = params.filter((p) => p['in'] === 'formData');
  if (body !== undefined) {
    const type = types.find((t) => /json/i.test(t)) ?? types[0] ?? 'application/json';
    out['requestBody'] = { required: body['required'] === true, content: { [type]: { schema: obj(body['schema']) } }, ...pick(body, ['description']) };
  } else if (form.length > 0) {
    const hasFile = form.some((p) => p['type'] === 'file');
    const type = hasFile || (types.includes(MULTIPART) && !types.includes(FORM)) ? MULTIPART : FORM;
    const properties = Object.fromEntries(form.map((p) => [String(p['name']), paramSchema(p)]));
    const required = form.filter((p) => p['required'] === true).map((p) => String(p['name']));
    const schema = { type: 'object', properties, ...(required.length > 0 && { required }) };
    out['requestBody'] = { required: required.length > 0, content: { [type]: { schema } } };
  }
  return out;
}

function convertParameter(p: JsonObject): JsonObject {
  // Swagger 2 arrays are comma-joined (csv) unless collectionFormat is multi (repeated keys).
  const commaJoined = p['type'] === 'array' && p['collectionFormat'] !== 'multi';
  return { ...pick(p, ['name', 'in', 'description', 'required']), schema: paramSchema(p), ...(commaJoined && { style: 'form', explode: false }) };
}

function paramSchema(p: JsonObject): JsonObject {
  const schema = pick(p, SCHEMA_KEYS);
  if (schema['type'] === 'file') return { type: 'string', format: 'binary', ...pick(p, ['description']) };
  return { ...schema, ...pick(p, ['description']) };
}

function serversOf(doc: JsonObject): JsonObject[] {
  const host = str(doc['host']);
  if (host === undefined) return [];
  const schemes = arr(doc['schemes']).filter((s): s is string => typeof s === 'string');
  const scheme = schemes.includes('https') || schemes.length === 0 ? 'https' : (schemes[0] ?? 'https');
  return [{ url: `${scheme}://${host}${str(doc['basePath']) ?? ''}` }];
}

function securitySchemesOf(doc: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, raw] of Object.entries(obj(doc['securityDefinitions']))) {
    const def = obj(raw);
    if (def['type'] === 'basic') out[name] = { type: 'http', scheme: 'basic' };
    else if (def['type'] === 'apiKey') out[name] = pick(def, ['type', 'name', 'in']);
    else out[name] = { type: String(def['type']) };
  }
  return out;
}

function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}
