/**
 * @module sandbox/typings/tool-declaration — one tool as the model sees it: a `function` declaration with
 * its JSDoc (full), or one comment line with its name and summary (names). Never throws: a tool whose
 * schema defeats the renderer still gets a callable declaration.
 */
import type { Binding, ToolSignature } from '../types.js';
import type { DeclarationOptions, Limits } from './options.js';
import type { RenderStats } from './schema-context.js';
import { isRecord, newContext, own, resolveRef } from './schema-context.js';
import { mergeAllOf } from './schema-merge.js';
import { typeOf } from './schema-type.js';
import { commentSafe, head, jsdoc, oneLine, summaryOf, tidyLines, truncate } from './text.js';

/** Indentation of a member inside its `declare namespace` block. */
export const MEMBER_INDENT = '  ';

/** MCP annotation hints shown in JSDoc, with the word shown when the hint is `true`. */
const HINTS: ReadonlyArray<readonly [string, string]> = [
  ['readOnlyHint', 'read-only'],
  ['destructiveHint', 'destructive'],
  ['idempotentHint', 'idempotent'],
  ['openWorldHint', 'open-world'],
];

/** An own entry of a caller-supplied map: a tool id like `constructor` must not find a prototype member. */
export function lookup<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

export function deprecationOf(options: DeclarationOptions, key: string): string | undefined {
  const value = lookup(options.deprecated, key);
  if (value === undefined) return undefined;
  return value === true ? '@deprecated' : `@deprecated ${oneLine(String(value))}`;
}

function descriptionOf(tool: ToolSignature, options: DeclarationOptions): string {
  const text = lookup(options.descriptions, tool.id) ?? tool.description;
  return typeof text === 'string' ? text : '';
}

function titleOf(tool: ToolSignature): string | undefined {
  const title = tool.title ?? (isRecord(tool.annotations) ? own(tool.annotations, 'title') : undefined);
  return typeof title === 'string' && title.trim() !== '' && title !== tool.name ? oneLine(title) : undefined;
}

function hintsOf(tool: ToolSignature): string | undefined {
  const annotations = tool.annotations;
  if (!isRecord(annotations)) return undefined;
  const words = HINTS.filter(([key]) => own(annotations, key) === true).map(([, word]) => word);
  return words.length > 0 ? `@hints ${words.join(', ')}` : undefined;
}

/** The input schema without pinned parameters (top-level properties and `required` entries). */
function withoutParams(schema: unknown, pinned: readonly string[] | undefined): unknown {
  if (pinned === undefined || pinned.length === 0 || !isRecord(schema)) return schema;
  const properties = own(schema, 'properties');
  const required = own(schema, 'required');
  const drop = new Set(pinned);
  return {
    ...schema,
    ...(isRecord(properties) ? { properties: Object.fromEntries(Object.entries(properties).filter(([k]) => !drop.has(k))) } : {}),
    ...(Array.isArray(required) ? { required: required.filter((k) => !drop.has(k as string)) } : {}),
  };
}

/** `args` may be left out when the schema is an object none of whose listed properties is required. */
function argsOptional(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const type = own(schema, 'type');
  if (type !== undefined && type !== 'object') return false;
  // Combinators and refs may require what `properties` does not say: ask for args to be safe.
  if (['allOf', 'anyOf', 'oneOf', '$ref'].some((k) => own(schema, k) !== undefined)) return false;
  const properties = own(schema, 'properties');
  const props = isRecord(properties) ? properties : {};
  const required = own(schema, 'required');
  if (Array.isArray(required) && required.some((k) => typeof k === 'string' && Object.prototype.hasOwnProperty.call(props, k))) {
    return false;
  }
  return !Object.values(props).some((p) => isRecord(p) && own(p, 'required') === true);
}

/**
 * The args schema with a top-level `$ref` followed and a top-level `allOf` folded in, so that pinned
 * parameters are found wherever the object spells its properties. Refs still resolve against the root.
 */
function topLevel(root: unknown, limits: Limits): unknown {
  if (!isRecord(root)) return root;
  const ctx = newContext(root, limits);
  const ref = own(root, '$ref');
  const target = typeof ref === 'string' ? resolveRef(root, ref) : root;
  if (!isRecord(target) || typeof own(target, '$ref') === 'string') return root;
  return mergeAllOf(target, ctx) ?? target;
}

function signature(tool: ToolSignature, member: string, options: DeclarationOptions, limits: Limits, stats: RenderStats): string {
  const root = tool.inputSchema;
  const input = withoutParams(topLevel(root, limits), lookup(options.omitParams, tool.id));
  const at = { depth: 0, hops: 0, indent: MEMBER_INDENT };
  const args = typeOf(input, newContext(root, limits, stats), at).text;
  const output = isRecord(tool.outputSchema) ? typeOf(tool.outputSchema, newContext(tool.outputSchema, limits, stats), at).text : 'unknown';
  return `${MEMBER_INDENT}function ${member}(args${argsOptional(input) ? '?' : ''}: ${args}): Promise<${output}>;\n`;
}

/** The JSDoc and `function` line of one tool, indented for its namespace block. */
export function toolDeclaration(
  tool: ToolSignature,
  binding: Binding,
  options: DeclarationOptions,
  limits: Limits,
  stats: RenderStats = { sizeCut: false },
): string {
  const description = tidyLines(truncate(head(descriptionOf(tool, options), limits.maxDescriptionChars).trim(), limits.maxDescriptionChars));
  const title = titleOf(tool);
  const tags = [
    ...(title !== undefined ? [`@title ${title}`] : []),
    `@id ${oneLine(tool.id)}`,
    ...[hintsOf(tool), deprecationOf(options, tool.id)].filter((t): t is string => t !== undefined),
  ];
  const doc = jsdoc(description.length > 0 ? [...description, '', ...tags] : tags, MEMBER_INDENT);
  try {
    return doc + signature(tool, binding.member, options, limits, stats);
  } catch {
    // Unreachable for JSON input; kept so that no upstream payload can take search down.
    return `${doc}${MEMBER_INDENT}function ${binding.member}(args?: unknown): Promise<unknown>; /* schema not shown */\n`;
  }
}

/** One comment line: `// ns.member — summary`, with the id when the name was changed, and a deprecation mark. */
export function toolNameLine(tool: ToolSignature, binding: Binding, options: DeclarationOptions, limits: Limits): string {
  const call = `${binding.namespace}.${binding.member}`;
  const summary = summaryOf(descriptionOf(tool, options), limits.maxSummaryChars);
  // The id only when the member hides the upstream name: a server's `-` → `_` is easy to read back.
  const id = binding.member === tool.name ? '' : ` (id ${oneLine(tool.id)})`;
  const deprecated = deprecationOf(options, tool.id) ?? deprecationOf(options, tool.server) ? ' [deprecated]' : '';
  return commentSafe(`// ${call}${id}${deprecated}${summary === '' ? '' : ` — ${summary}`}`).replace(/\n/g, ' ') + '\n';
}
