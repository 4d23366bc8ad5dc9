/**
 * @module catalog/openapi/refs — local `$ref` resolution (`#/components/schemas/X`, `#/definitions/X`,
 * `#/components/parameters/X`, any JSON pointer into the same document). Refs into other documents were
 * rewritten to local ones when the spec was loaded (external-refs.ts); one that was not followed resolves
 * to nothing, which the schema translation turns into an empty schema (any value).
 */
import { isObject, type JsonObject } from './json.js';

/** Most `$ref` → `$ref` hops followed before giving up (a ref chain that loops on itself). */
export const MAX_REF_HOPS = 32;

/** The target of a local JSON pointer (`#/a/b~1c`), or undefined. */
export function resolvePointer(doc: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const parts = ref.slice(1).split('/').slice(1).map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc;
  for (const part of parts) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isObject(node)) node = Object.hasOwn(node, part) ? node[part] : undefined;
    else return undefined;
  }
  return node;
}

/** `value`, or what its `$ref` (chain) points at; an unresolvable ref gives undefined. */
export function resolveRef(doc: JsonObject, value: unknown): unknown {
  let node = value;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    if (!isObject(node) || typeof node['$ref'] !== 'string') return node;
    node = resolvePointer(doc, node['$ref']);
  }
  return undefined;
}

/** The last segment of a ref (`#/components/schemas/Pet` → `Pet`), for messages. */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
}
