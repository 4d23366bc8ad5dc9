/**
 * @module catalog/openapi/schema — turns an OpenAPI schema into a self-contained JSON Schema for a tool's
 * inputSchema: `$ref`s inlined, cycles cut, depth and size capped, OpenAPI-only keywords translated
 * (`nullable`, boolean `exclusiveMinimum`) or dropped (`example`, `xml`, `discriminator`, `x-*`), and
 * `readOnly` properties removed (a request never sends them).
 */
import { arr, isObject, type JsonObject } from './json.js';
import { MAX_REF_HOPS, refName, resolvePointer } from './refs.js';

/** Deepest schema nesting kept below a tool's input object (levels); deeper nodes keep only type/description. */
export const MAX_SCHEMA_DEPTH = 6;
/** Schema nodes kept per tool (count): wide, deep specs (Stripe, Cloudflare) stay bounded. */
export const MAX_SCHEMA_NODES = 1_500;
/** Characters of a property description kept (the tool description has its own cap). */
export const MAX_SCHEMA_DESCRIPTION_CHARS = 400;

/** Keywords copied as they are. */
const PLAIN_KEYWORDS = [
  'type', 'enum', 'const', 'default', 'title', 'minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength',
  'pattern', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
] as const;
/** Formats ajv-formats knows; others are dropped so validation does not warn on every compile. */
const KNOWN_FORMATS = new Set([
  'date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'url', 'email',
  'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment', 'relative-json-pointer',
  'byte', 'int32', 'int64', 'float', 'double', 'password', 'binary',
]);

export interface SchemaBudget {
  nodes: number;
}

export function newBudget(): SchemaBudget {
  return { nodes: MAX_SCHEMA_NODES };
}

/** Converts `schema` found at nesting `depth`; `seen` holds the refs on the current path (cycle detection). */
export function toJsonSchema(doc: JsonObject, schema: unknown, depth: number, budget: SchemaBudget, seen: ReadonlySet<string> = new Set()): JsonObject {
  let node = schema;
  let path = seen;
  // OpenAPI 3.1 allows a description next to a $ref; it describes this use, so it wins over the target's.
  const sibling = isObject(schema) && typeof schema['$ref'] === 'string' && typeof schema['description'] === 'string' ? schema['description'] : undefined;
  for (let hop = 0; isObject(node) && typeof node['$ref'] === 'string'; hop++) {
    const ref = node['$ref'];
    if (path.has(ref) || hop >= MAX_REF_HOPS) return cut(resolvePointer(doc, ref), `Same shape as ${refName(ref)} (recursive, not expanded).`);
    path = new Set([...path, ref]);
    node = resolvePointer(doc, ref);
  }
  if (typeof node === 'boolean') return node ? {} : { not: {} };
  if (!isObject(node)) return {};
  budget.nodes--;
  if (depth > MAX_SCHEMA_DEPTH || budget.nodes < 0) return cut(node);
  const out: JsonObject = {};
  for (const key of PLAIN_KEYWORDS) if (node[key] !== undefined) out[key] = node[key];
  const description = sibling ?? node['description'];
  if (typeof description === 'string') out['description'] = clip(description);
  if (typeof node['format'] === 'string' && KNOWN_FORMATS.has(node['format'])) out['format'] = node['format'];
  bounds(node, out);
  if (node['nullable'] === true) nullable(out);
  const child = (s: unknown): JsonObject => toJsonSchema(doc, s, depth + 1, budget, path);
  if (isObject(node['properties'])) {
    const properties: JsonObject = {};
    for (const [name, prop] of Object.entries(node['properties'])) {
      if (isObject(prop) && prop['readOnly'] === true) continue;
      properties[name] = child(prop);
    }
    out['properties'] = properties;
    const required = arr(node['required']).filter((r): r is string => typeof r === 'string' && r in properties);
    if (required.length > 0) out['required'] = required;
  }
  if (node['items'] !== undefined) out['items'] = Array.isArray(node['items']) ? node['items'].map(child) : child(node['items']);
  if (isObject(node['additionalProperties'])) out['additionalProperties'] = child(node['additionalProperties']);
  else if (typeof node['additionalProperties'] === 'boolean') out['additionalProperties'] = node['additionalProperties'];
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) if (Array.isArray(node[key])) out[key] = node[key].map(child);
  if (node['not'] !== undefined) out['not'] = child(node['not']);
  return out;
}

/** A node past a cap: its type and description only (an unconstrained schema, so valid input passes). */
function cut(node: unknown, note?: string): JsonObject {
  const out: JsonObject = {};
  if (isObject(node) && (typeof node['type'] === 'string' || Array.isArray(node['type']))) out['type'] = node['type'];
  const description = note ?? (isObject(node) && typeof node['description'] === 'string' ? clip(node['description']) : undefined);
  if (description !== undefined) out['description'] = description;
  return out;
}

/** OpenAPI 3.0 / draft-4 boolean exclusive bounds → draft-6+ numeric ones. */
function bounds(node: JsonObject, out: JsonObject): void {
  for (const [exclusive, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const value = node[exclusive];
    if (typeof value === 'number') out[exclusive] = value;
    else if (value === true && typeof node[bound] === 'number') {
      out[exclusive] = node[bound];
      delete out[bound];
    }
  }
}

function nullable(out: JsonObject): void {
  if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
}

export function clip(text: string, max = MAX_SCHEMA_DESCRIPTION_CHARS): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}
