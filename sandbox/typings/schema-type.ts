/**
 * @module sandbox/typings/schema-type — JSON Schema → TypeScript type text, leniently: anything that is
 * not a schema we understand becomes `unknown`, never an exception. Objects and arrays are rendered in
 * `object-type.ts`; this module handles guards, `$ref`, `const`/`enum`, combinators, `type` and `nullable`.
 */
import { MAX_SCHEMA_HOPS } from './options.js';
import { arrayType, objectType } from './object-type.js';
import { mergeAllOf } from './schema-merge.js';
import type { Rendered, SchemaContext } from './schema-context.js';
import { Prec, atom, intersectionOf, isRecord, isUnknown, own, quoteRef, resolveRef, unionOf, unknownBecause } from './schema-context.js';
import { literal } from './text.js';

/** Where a subschema sits: object nesting (for `maxDepth`), descents of any kind, line indentation. */
export interface Position {
  readonly depth: number;
  readonly hops: number;
  readonly indent: string;
}

/** Type names upstreams write instead of JSON Schema's (seen in registries), mapped leniently. */
const TYPE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['int', 'integer'], ['long', 'integer'], ['float', 'number'], ['double', 'number'], ['str', 'string'],
  ['bool', 'boolean'], ['dict', 'object'], ['map', 'object'], ['list', 'array'],
]);

const STRUCTURAL_KEYS = ['type', 'properties', 'additionalProperties', 'patternProperties', 'items', 'prefixItems'];

const UNKNOWN = atom('unknown');
const FREE_OBJECT = 'Record<string, unknown>';

export function typeOf(schema: unknown, ctx: SchemaContext, at: Position): Rendered {
  if (schema === true) return UNKNOWN;
  if (schema === false) return atom('never');
  if (!isRecord(schema)) return UNKNOWN;
  ctx.nodes++;
  if (ctx.stats.nodes !== undefined) ctx.stats.nodes++;
  if (ctx.nodes > ctx.limits.maxNodes) {
    ctx.stats.sizeCut = true;
    return unknownBecause('schema too large');
  }
  if (at.hops > MAX_SCHEMA_HOPS) return unknownBecause('nested too deep');
  const rendered = bareTypeOf(schema, ctx, at);
  return own(schema, 'nullable') === true && rendered.text !== 'unknown' && rendered.text !== 'null'
    ? unionOf([rendered, atom('null')])
    : rendered;
}

function bareTypeOf(schema: Record<string, unknown>, ctx: SchemaContext, at: Position): Rendered {
  const next = { ...at, hops: at.hops + 1 };
  const ref = own(schema, '$ref');
  if (typeof ref === 'string') return refType(ref, ctx, next);
  if (Object.prototype.hasOwnProperty.call(schema, 'const')) return atom(literal(own(schema, 'const')) ?? 'unknown');
  const values = own(schema, 'enum');
  if (Array.isArray(values)) return enumType(values, ctx.limits.maxEnumMembers);

  const merged = mergeAllOf(schema, ctx);
  if (merged !== undefined) return bareTypeOf(merged, ctx, next);

  const base = STRUCTURAL_KEYS.some((k) => own(schema, k) !== undefined) ? structuralType(schema, ctx, at) : undefined;
  const parts: Rendered[] = [];
  const allOf = own(schema, 'allOf');
  if (Array.isArray(allOf)) parts.push(...allOf.map((s) => typeOf(s, ctx, next)));
  for (const key of ['anyOf', 'oneOf']) {
    const members = own(schema, key);
    if (!Array.isArray(members) || members.length === 0) continue;
    const union = members.map((s) => typeOf(s, ctx, next));
    // A member that says nothing (`{ required: [...] }`) makes the whole union say nothing, and
    // `A & (A | B)` is just `A`.
    if (union.some((u) => u.text === 'unknown' || u.text === base?.text)) continue;
    parts.push(unionOf(union));
  }
  // `unknown & X` is `X`: a guard's `unknown` only matters when nothing else is known.
  const known = parts.filter((p) => !isUnknown(p));
  // `{ type: object }` beside variants that spell the object out adds nothing but noise.
  if (base !== undefined && !isUnknown(base) && !(base.text === FREE_OBJECT && known.length > 0)) known.unshift(base);
  if (known.length === 0) return [...(base ? [base] : []), ...parts].find(isUnknown) ?? UNKNOWN;
  return intersectionOf(known);
}

function refType(ref: string, ctx: SchemaContext, at: Position): Rendered {
  if (ctx.refStack.includes(ref)) return unknownBecause(`cyclic $ref ${quoteRef(ref)}`);
  const target = resolveRef(ctx.root, ref);
  if (target === undefined) return unknownBecause(`unresolved $ref ${quoteRef(ref)}`);
  ctx.refStack.push(ref);
  try {
    return typeOf(target, ctx, at);
  } finally {
    ctx.refStack.pop();
  }
}

function enumType(values: readonly unknown[], max: number): Rendered {
  const literals = [...new Set(values.map((v) => literal(v) ?? 'unknown'))];
  if (literals.includes('unknown') || literals.length === 0) return UNKNOWN;
  const shown = literals.slice(0, Math.max(1, max));
  const more = literals.length - shown.length;
  const text = shown.join(' | ') + (more > 0 ? ` /* ... ${more} more */` : '');
  return { text, prec: shown.length > 1 ? Prec.Union : Prec.Atom };
}

/** The type a schema's `type` keyword (or, without one, its shape) describes. */
function structuralType(schema: Record<string, unknown>, ctx: SchemaContext, at: Position): Rendered {
  const declared = own(schema, 'type');
  const names = Array.isArray(declared) ? declared : declared === undefined ? [inferType(schema)] : [declared];
  const members = names.map((name) => namedType(name, schema, ctx, at));
  if (members.length === 0) return UNKNOWN;
  if (members.some((m) => m.text === 'unknown')) return UNKNOWN;
  return unionOf(members);
}

function inferType(schema: Record<string, unknown>): string | undefined {
  if (['properties', 'additionalProperties', 'patternProperties'].some((k) => own(schema, k) !== undefined)) {
    return 'object';
  }
  if (own(schema, 'items') !== undefined || own(schema, 'prefixItems') !== undefined) return 'array';
  return undefined;
}

function namedType(name: unknown, schema: Record<string, unknown>, ctx: SchemaContext, at: Position): Rendered {
  const type = typeof name === 'string' ? (TYPE_ALIASES.get(name.toLowerCase()) ?? name.toLowerCase()) : undefined;
  switch (type) {
    case 'string':
      return atom('string');
    case 'number':
    case 'integer':
      return atom('number');
    case 'boolean':
      return atom('boolean');
    case 'null':
      return atom('null');
    case 'object':
      return objectType(schema, ctx, at);
    case 'array':
      return arrayType(schema, ctx, at);
    default:
      return UNKNOWN;
  }
}
