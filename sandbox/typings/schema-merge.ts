/**
 * @module sandbox/typings/schema-merge — folds `allOf` of plain object schemas into one object schema, so
 * the model reads one `{ ... }` instead of `{ a } & { b }` (OpenAPI specs build most request bodies so:
 * a variant's own fields `allOf` a shared base). Anything less plain is left to the intersection.
 */
import type { SchemaContext } from './schema-context.js';
import { isRecord, own, resolveRef } from './schema-context.js';

/** Keys an `allOf` member may hold and still be merged: they describe an object and nothing else. */
const MERGEABLE_KEYS: ReadonlySet<string> = new Set(['type', 'properties', 'required', 'description', 'title', '$ref']);

/** Members merged at most: more is unusual enough to leave as it is. */
const MAX_MERGED_MEMBERS = 16; // allOf members

/** A member resolved through at most one local `$ref` (not one being expanded: that is a cycle). */
function plainMember(member: unknown, ctx: SchemaContext): Record<string, unknown> | undefined {
  if (!isRecord(member)) return undefined;
  const ref = own(member, '$ref');
  let target: Record<string, unknown> = member;
  if (typeof ref === 'string') {
    if (ctx.refStack.includes(ref) || Object.keys(member).some((k) => k !== '$ref' && k !== 'description')) return undefined;
    const resolved = resolveRef(ctx.root, ref);
    if (!isRecord(resolved) || typeof own(resolved, '$ref') === 'string') return undefined;
    target = resolved;
  }
  const type = own(target, 'type');
  const plain =
    Object.keys(target).every((k) => MERGEABLE_KEYS.has(k)) &&
    (type === undefined || type === 'object') &&
    (own(target, 'properties') === undefined || isRecord(own(target, 'properties')));
  return plain ? target : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The schema with its `allOf` folded in, or undefined when it cannot be: a member is not a plain object
 * schema, or two parts define the same property (then both constraints matter, and `&` says so).
 */
export function mergeAllOf(schema: Record<string, unknown>, ctx: SchemaContext): Record<string, unknown> | undefined {
  const allOf = own(schema, 'allOf');
  if (!Array.isArray(allOf) || allOf.length === 0 || allOf.length > MAX_MERGED_MEMBERS) return undefined;
  const ownType = own(schema, 'type');
  if (ownType !== undefined && ownType !== 'object') return undefined;
  const members = allOf.map((m) => plainMember(m, ctx));
  if (members.some((m) => m === undefined)) return undefined;

  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const part of [schema, ...(members as Record<string, unknown>[])]) {
    const props = own(part, 'properties');
    if (isRecord(props)) {
      for (const [key, value] of Object.entries(props)) {
        if (Object.prototype.hasOwnProperty.call(properties, key)) return undefined;
        Object.defineProperty(properties, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    for (const name of stringList(own(part, 'required'))) required.add(name);
  }
  const { allOf: _allOf, ...rest } = schema;
  return { ...rest, type: 'object', properties, required: [...required] };
}
