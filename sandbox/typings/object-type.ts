/**
 * @module sandbox/typings/object-type — object and array schemas: properties (required or `?`, quoted when
 * not identifiers, with a one-line JSDoc), index signatures from `additionalProperties` and
 * `patternProperties`, arrays, and tuples (`prefixItems`, or draft-07 `items: [...]`).
 */
import type { Rendered, SchemaContext } from './schema-context.js';
import { arrayOf, atom, isRecord, own, resolveRef, unionOf, unknownBecause } from './schema-context.js';
import type { Position } from './schema-type.js';
import { typeOf } from './schema-type.js';
import { commentSafe, oneLineCut, propertyKey, shortJson, truncate } from './text.js';

/** Characters of a `@default` value shown in a property's JSDoc. */
const MAX_DEFAULT_CHARS = 40; // characters
const INDENT = '  ';
/** Property names listed in the comment of an object cut by depth. */
const MAX_KEYS_LISTED = 5; // names

export function objectType(schema: Record<string, unknown>, ctx: SchemaContext, at: Position): Rendered {
  const properties = own(schema, 'properties');
  const entries = isRecord(properties) ? Object.entries(properties) : [];
  if (entries.length === 0) {
    const extra = indexType(schema, ctx, at);
    if (extra !== undefined) return atom(`Record<string, ${extra.text}>`);
    return atom(own(schema, 'additionalProperties') === false || isRecord(properties) ? '{}' : 'Record<string, unknown>');
  }
  if (at.depth >= ctx.limits.maxDepth) {
    return atom(`Record<string, unknown> /* too deep to show: ${keyList(entries.map(([k]) => k))} */`);
  }

  const required = requiredNames(schema, entries);
  const inner = { depth: at.depth + 1, hops: at.hops + 1, indent: at.indent + INDENT };
  const lines: string[] = [];
  let optionalShown = 0;
  let optionalHidden = 0;
  let cutBySize = 0;
  for (const [name, propSchema] of entries) {
    const isRequired = required.has(name);
    if (ctx.nodes >= ctx.limits.maxNodes) {
      ctx.stats.sizeCut = true;
      cutBySize++;
      continue;
    }
    if (!isRequired && optionalShown >= ctx.limits.maxProperties) {
      optionalHidden++;
      continue;
    }
    if (!isRequired) optionalShown++;
    const doc = propertyDoc(propSchema, ctx);
    if (doc !== '') lines.push(`${inner.indent}/** ${doc} */`);
    lines.push(`${inner.indent}${propertyKey(name)}${isRequired ? '' : '?'}: ${typeOf(propSchema, ctx, inner).text};`);
  }
  if (optionalHidden > 0) lines.push(`${inner.indent}/* ${count(optionalHidden, 'more optional property', 'more optional properties')} */`);
  if (cutBySize > 0) lines.push(`${inner.indent}/* ${count(cutBySize, 'more property', 'more properties')} not shown: schema too large */`);
  // With listed properties the index signature must admit their types too, or the declaration itself
  // fails to type-check; `unknown` is the one type that always does (so the extra keys' own type is
  // not even rendered).
  if (hasExtraKeys(schema)) lines.push(`${inner.indent}[key: string]: unknown;`);
  return atom(`{\n${lines.join('\n')}\n${at.indent}}`);
}

/** Up to `MAX_KEYS_LISTED` property names, for the comment of an object cut by depth. */
function keyList(keys: readonly string[]): string {
  const shown = keys.slice(0, MAX_KEYS_LISTED).map((k) => commentSafe(truncate(propertyKey(k), MAX_DEFAULT_CHARS)));
  return keys.length > shown.length ? `${shown.join(', ')}, +${keys.length - shown.length} more` : shown.join(', ');
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The type of keys not listed in `properties`, when the schema says something about them. */
function indexType(schema: Record<string, unknown>, ctx: SchemaContext, at: Position): Rendered | undefined {
  const inner = { ...at, depth: at.depth + 1, hops: at.hops + 1 };
  const parts: Rendered[] = [];
  const additional = own(schema, 'additionalProperties');
  if (isRecord(additional) && Object.keys(additional).length > 0) parts.push(typeOf(additional, ctx, inner));
  const patterns = own(schema, 'patternProperties');
  if (isRecord(patterns)) for (const s of Object.values(patterns)) parts.push(typeOf(s, ctx, inner));
  if (parts.length === 0) return undefined;
  return parts.some((p) => p.text === 'unknown') ? atom('unknown') : unionOf(parts);
}

function hasExtraKeys(schema: Record<string, unknown>): boolean {
  const additional = own(schema, 'additionalProperties');
  const patterns = own(schema, 'patternProperties');
  return (isRecord(additional) && Object.keys(additional).length > 0) || (isRecord(patterns) && Object.keys(patterns).length > 0);
}

/** `required: [...]`, plus draft-03 style `required: true` on the property itself. */
function requiredNames(schema: Record<string, unknown>, entries: [string, unknown][]): Set<string> {
  const list = own(schema, 'required');
  const names = new Set(Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string') : []);
  for (const [name, prop] of entries) if (isRecord(prop) && own(prop, 'required') === true) names.add(name);
  return names;
}

/** One line: description (or its `$ref` target's), format, default, deprecation. */
function propertyDoc(schema: unknown, ctx: SchemaContext): string {
  if (!isRecord(schema)) return '';
  const ref = own(schema, '$ref');
  const target = typeof ref === 'string' ? resolveRef(ctx.root, ref) : undefined;
  const description = own(schema, 'description') ?? (isRecord(target) ? own(target, 'description') : undefined);
  const parts: string[] = [];
  if (own(schema, 'deprecated') === true) parts.push('@deprecated');
  if (typeof description === 'string' && description.trim() !== '') {
    const text = oneLineCut(description, ctx.limits.maxPropertyDescriptionChars);
    // A sentence follows when there is a format or default, so end the description like one.
    parts.push(/[\p{L}\p{N})\]"'`]$/u.test(text) && hasNotes(schema) ? `${text}.` : text);
  }
  const format = own(schema, 'format');
  if (typeof format === 'string' && format !== '') parts.push(`Format: ${oneLineCut(format, MAX_DEFAULT_CHARS)}.`);
  if (Object.prototype.hasOwnProperty.call(schema, 'default')) {
    parts.push(`Default: ${shortJson(own(schema, 'default'), MAX_DEFAULT_CHARS)}.`);
  }
  return commentSafe(parts.join(' '));
}

function hasNotes(schema: Record<string, unknown>): boolean {
  const format = own(schema, 'format');
  return (typeof format === 'string' && format !== '') || Object.prototype.hasOwnProperty.call(schema, 'default');
}

export function arrayType(schema: Record<string, unknown>, ctx: SchemaContext, at: Position): Rendered {
  const inner = { ...at, hops: at.hops + 1 };
  const prefix = own(schema, 'prefixItems');
  const items = own(schema, 'items');
  const tuple = Array.isArray(prefix) ? prefix : Array.isArray(items) ? items : undefined;
  if (tuple === undefined) return items === undefined ? atom('unknown[]') : arrayOf(typeOf(items, ctx, inner));
  if (tuple.length > ctx.limits.maxProperties) return unknownBecause(`tuple of ${tuple.length} items`);
  const elements = tuple.map((s) => typeOf(s, ctx, inner).text);
  const rest = Array.isArray(prefix) ? items : own(schema, 'additionalItems');
  if (rest !== undefined && rest !== false) elements.push(`...${arrayOf(typeOf(rest, ctx, inner)).text}`);
  return atom(`[${elements.join(', ')}]`);
}
